#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>

namespace epicor::testing {
namespace {

Key customer_key(int number) { return Key{"EPIC06", number}; }

TEST(DemoDatasetTest, HasServicesAndEntitySets) {
    const auto dataset = make_demo_dataset();
    EXPECT_EQ(dataset->company(), "EPIC06");
    ASSERT_TRUE(dataset->find_service(demo::kCustomerService).has_value());
    EXPECT_NE(dataset->find_table(demo::kCustomerService, "Customers"), nullptr);
    EXPECT_NE(dataset->find_table(demo::kCustomerService, "ShipToes"), nullptr);
    EXPECT_NE(dataset->find_table(demo::kPartService, "Parts"), nullptr);
    EXPECT_NE(dataset->find_table(demo::kSalesOrderService, "SalesOrders"), nullptr);
    EXPECT_NE(dataset->find_table(demo::kSalesOrderService, "OrderDtls"), nullptr);
    EXPECT_EQ(dataset->find_table(demo::kCustomerService, "customers"), nullptr);  // Case-sensitive.
    EXPECT_FALSE(dataset->find_service("erp.bo.customersvc").has_value());

    EXPECT_EQ(dataset->find_table(demo::kCustomerService, "Customers")->size(), demo::kCustomerCount);
    EXPECT_EQ(dataset->find_table(demo::kPartService, "Parts")->size(), demo::kPartCount);
    EXPECT_EQ(dataset->find_table(demo::kSalesOrderService, "SalesOrders")->size(), demo::kSalesOrderCount);
}

TEST(DemoDatasetTest, DocumentedValuesAreExact) {
    const auto dataset = make_demo_dataset();
    const auto customers = dataset->find_table(demo::kCustomerService, "Customers");
    EXPECT_EQ(customers->find(customer_key(1)).value()["CreditLimit"], demo::kCreditLimit28Digits);
    EXPECT_EQ(customers->find(customer_key(2)).value()["Name"], demo::kJapaneseCustomerName);
    EXPECT_EQ(customers->find(customer_key(3)).value()["Name"], demo::kGermanCustomerName);

    const auto parts = dataset->find_table(demo::kPartService, "Parts");
    EXPECT_EQ(parts->find(Key{"EPIC06", "BRK-100"}).value()["UnitPrice"], demo::kUnitPrice10Places);
}

TEST(DemoDatasetTest, RowsHaveSystemFieldsAndNulls) {
    const auto dataset = make_demo_dataset();
    const auto customers = dataset->find_table(demo::kCustomerService, "Customers");
    std::set<std::string> row_ids;
    bool saw_null_date = false;
    bool saw_null_decimal = false;
    for (std::size_t i = 0; i < customers->size(); ++i) {
        const Row row = customers->row_at(i);
        EXPECT_EQ(row["SysRevID"], 1);
        row_ids.insert(row["SysRowID"].get<std::string>());
        saw_null_date = saw_null_date || row["EstDate"].is_null();
        saw_null_decimal = saw_null_decimal || row["CreditLimit"].is_null();
    }
    EXPECT_EQ(row_ids.size(), customers->size());
    EXPECT_TRUE(saw_null_date);
    EXPECT_TRUE(saw_null_decimal);
}

TEST(DemoDatasetTest, SameDataOnEveryBuild) {
    const auto first = make_demo_dataset()->find_table(demo::kSalesOrderService, "OrderDtls");
    const auto second = make_demo_dataset()->find_table(demo::kSalesOrderService, "OrderDtls");
    ASSERT_EQ(first->size(), second->size());
    for (std::size_t i = 0; i < first->size(); ++i) {
        ASSERT_EQ(first->row_at(i), second->row_at(i));
    }
}

TEST(MemoryTableTest, InsertUpdateDelete) {
    const auto dataset = make_demo_dataset();
    const auto customers = dataset->find_table(demo::kCustomerService, "Customers");

    const Row inserted = customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 100}, {"CustID", "NEW"},
                                               {"Name", "New Customer"}, {"SysRowID", "00000000-0000-0000-0000-000000000000"}});
    EXPECT_EQ(inserted["SysRevID"], 1);
    EXPECT_NE(inserted["SysRowID"], "00000000-0000-0000-0000-000000000000");
    EXPECT_TRUE(inserted["CreditLimit"].is_null());
    EXPECT_EQ(inserted["CreditHold"], false);
    EXPECT_EQ(customers->row_at(customers->size() - 1)["CustNum"], 100);

    const Row updated = customers->update(customer_key(100), Row{{"Name", "Renamed"}, {"SysRevID", 1}});
    EXPECT_EQ(updated["Name"], "Renamed");
    EXPECT_EQ(updated["CustID"], "NEW");
    EXPECT_EQ(updated["SysRevID"], 2);
    EXPECT_EQ(updated["SysRowID"], inserted["SysRowID"]);

    customers->remove(customer_key(100));
    EXPECT_FALSE(customers->find(customer_key(100)).has_value());
    EXPECT_EQ(customers->size(), demo::kCustomerCount);
}

TEST(MemoryTableTest, DuplicateKeyIsConflict) {
    const auto customers = make_demo_dataset()->find_table(demo::kCustomerService, "Customers");
    try {
        customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 1}, {"CustID", "DUP"}});
        FAIL() << "no DuplicateKeyError";
    } catch (const DuplicateKeyError& error) {
        EXPECT_EQ(error.http_status(), 409);
        EXPECT_NE(std::string(error.what()).find("already exists"), std::string::npos);
    }
}

TEST(MemoryTableTest, InvalidWritesAreRejected) {
    const auto customers = make_demo_dataset()->find_table(demo::kCustomerService, "Customers");
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustID", "NOKEY"}}), ValidationError);
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 200}, {"custid", "X"}}), ValidationError);
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 200}, {"Name", 5}}), ValidationError);
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 200}, {"CreditLimit", "12,5"}}),
                 ValidationError);
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 200}, {"CustID", std::string(11, 'X')}}),
                 ValidationError);
    EXPECT_THROW(customers->insert(Row{{"Company", "EPIC06"}, {"CustNum", 200}, {"EstDate", "2025-01-31T00:00:00Z"}}),
                 ValidationError);
    EXPECT_THROW(customers->update(customer_key(1), Row{{"CustNum", 2}}), ValidationError);
    EXPECT_THROW(customers->update(customer_key(1), Row{{"SysRevID", 7}}), ValidationError);
    EXPECT_THROW(customers->update(customer_key(999), Row{{"Name", "x"}}), NotFoundError);
    EXPECT_THROW(customers->remove(customer_key(999)), NotFoundError);
    EXPECT_EQ(customers->size(), demo::kCustomerCount);
}

TEST(GeneratedTableTest, SameSeedGivesSameRows) {
    const auto a = make_generated_dataset(1000, 42)->find_table(generated::kService, generated::kEntitySet);
    const auto b = make_generated_dataset(1000, 42)->find_table(generated::kService, generated::kEntitySet);
    const auto c = make_generated_dataset(1000, 43)->find_table(generated::kService, generated::kEntitySet);
    std::size_t differences = 0;
    for (std::size_t i = 0; i < 1000; i += 37) {
        ASSERT_EQ(a->row_at(i), b->row_at(i));
        differences += a->row_at(i) == c->row_at(i) ? 0u : 1u;
    }
    EXPECT_GT(differences, 0u);
}

TEST(GeneratedTableTest, RowIsComputedWithoutOthers) {
    auto calls = std::make_shared<std::atomic<std::size_t>>(0);
    const auto type = std::make_shared<const EntityType>(
        "Counted", std::vector<Field>{{"Num", FieldType::Int64, false, std::nullopt, 0, 0}},
        std::vector<std::string>{"Num"});
    GeneratedTable table("Counted", type, 1'000'000, [calls](std::size_t index) {
        ++*calls;
        return Row{{"Num", static_cast<std::int64_t>(index) * 2}};
    });
    EXPECT_EQ(table.row_at(765'432)["Num"], 1'530'864);
    EXPECT_EQ(calls->load(), 1u);

    // find() is a binary search: about log2(1e6) = 20 calls, not a scan.
    calls->store(0);
    ASSERT_TRUE(table.find(Key{1'530'864}).has_value());
    EXPECT_LE(calls->load(), 25u);
    EXPECT_FALSE(table.find(Key{3}).has_value());
}

TEST(GeneratedTableTest, ColumnsHaveTheDocumentedShape) {
    const auto table = make_generated_dataset(2000)->find_table(generated::kService, generated::kEntitySet);
    bool saw_null_due = false;
    bool saw_non_ascii = false;
    for (std::size_t i = 0; i < table->size(); ++i) {
        const Row row = table->row_at(i);
        ASSERT_EQ(row["RowNum"], static_cast<std::int64_t>(i) + 1);
        ASSERT_TRUE(row["UnitPrice"].is_string());
        saw_null_due = saw_null_due || row["DueDate"].is_null();
        for (const char c : row["Description"].get<std::string>()) {
            saw_non_ascii = saw_non_ascii || static_cast<unsigned char>(c) >= 0x80;
        }
    }
    EXPECT_TRUE(saw_null_due);
    EXPECT_TRUE(saw_non_ascii);
}

TEST(GeneratedTableTest, WritesGoToTheOverlay) {
    const auto table = make_generated_dataset(100)->find_table(generated::kService, generated::kEntitySet);
    const Key key{"EPIC06", 10};
    const Row updated = table->update(key, Row{{"Quantity", 7}});
    EXPECT_EQ(updated["Quantity"], 7);
    EXPECT_EQ(updated["SysRevID"], 2);
    EXPECT_EQ(table->find(key).value()["Quantity"], 7);
    EXPECT_EQ(table->row_at(9)["Quantity"], 7);

    table->remove(Key{"EPIC06", 5});
    table->remove(Key{"EPIC06", 6});
    EXPECT_EQ(table->size(), 98u);
    EXPECT_EQ(table->row_at(3)["RowNum"], 4);
    EXPECT_EQ(table->row_at(4)["RowNum"], 7);
    EXPECT_EQ(table->row_at(97)["RowNum"], 100);
    EXPECT_FALSE(table->find(Key{"EPIC06", 5}).has_value());
    EXPECT_THROW(table->row_at(98), std::out_of_range);

    QueryOptions options;
    options.skip = 4;
    options.top = 1;
    EXPECT_EQ(execute_query(*table, options, QuerySettings{}).rows.at(0)["RowNum"], 7);

    EXPECT_THROW(table->insert(Row{{"Company", "EPIC06"}, {"RowNum", 1000}}), UnsupportedWriteError);
}

TEST(BaqTest, RunsWithScalarAndListParameters) {
    const auto dataset = make_demo_dataset();
    EXPECT_EQ(dataset->run_baq(demo::kBaqCustomerList, {})->size(), demo::kCustomerCount);

    const auto orders = dataset->run_baq(demo::kBaqOrdersByCustomer, {{"CustID", {"ADDISON"}}});
    ASSERT_GT(orders->size(), 0u);
    for (std::size_t i = 0; i < orders->size(); ++i) {
        EXPECT_EQ(orders->row_at(i)["Customer_CustID"], "ADDISON");
    }

    const auto by_state = dataset->run_baq(demo::kBaqCustomersByState, {{"State", {"CA", "OR"}}});
    EXPECT_EQ(by_state->size(), 4u);  // HARBOR, PACIFIC, VALLEY (CA) and CASCADE (OR).

    const auto cheap = dataset->run_baq(demo::kBaqPartsBelowPrice, {{"MaxPrice", {"1.00"}}});
    EXPECT_EQ(cheap->size(), 6u);  // 0.12, 0.19, 0.04, 0.015, 0.08 and 0.55.
    EXPECT_EQ(dataset->run_baq(demo::kBaqPartsBelowPrice, {})->size(), demo::kPartCount);
}

TEST(BaqTest, BaqResultsTakeQueryOptions) {
    const auto dataset = make_demo_dataset();
    const auto rows = dataset->run_baq(demo::kBaqCustomerList, {});
    QueryOptions options;
    options.filter = "Customer_CustNum le 3";
    options.orderby = "Customer_CustNum desc";
    const auto result = execute_query(*rows, options, QuerySettings{});
    ASSERT_EQ(result.rows.size(), 3u);
    EXPECT_EQ(result.rows[0]["Customer_CustNum"], 3);
}

TEST(BaqTest, ParameterErrors) {
    const auto dataset = make_demo_dataset();
    EXPECT_THROW((void)dataset->run_baq("zcustomerlist", {}), NotFoundError);
    EXPECT_THROW((void)dataset->run_baq(demo::kBaqOrdersByCustomer, {}), QueryError);
    EXPECT_THROW((void)dataset->run_baq(demo::kBaqOrdersByCustomer, {{"CustID", {"A", "B"}}}), QueryError);
    EXPECT_THROW((void)dataset->run_baq(demo::kBaqOrdersByCustomer, {{"CustID", {"A"}}, {"Other", {"1"}}}), QueryError);
    EXPECT_THROW((void)dataset->run_baq(demo::kBaqPartsBelowPrice, {{"MaxPrice", {"cheap"}}}), QueryError);
}

TEST(MakeDatasetTest, ParsesSpecs) {
    EXPECT_EQ(make_dataset("demo")->find_table(demo::kCustomerService, "Customers")->size(), demo::kCustomerCount);
    EXPECT_EQ(make_dataset("generated:1000000")->find_table(generated::kService, generated::kEntitySet)->size(),
              1'000'000u);
    const auto seeded = make_dataset("generated:10:7")->find_table(generated::kService, generated::kEntitySet);
    EXPECT_EQ(seeded->row_at(3), make_generated_dataset(10, 7)->find_table(generated::kService, generated::kEntitySet)->row_at(3));
    EXPECT_THROW((void)make_dataset("generated:"), std::invalid_argument);
    EXPECT_THROW((void)make_dataset("generated:ten"), std::invalid_argument);
    EXPECT_THROW((void)make_dataset("generated:10:"), std::invalid_argument);
    EXPECT_THROW((void)make_dataset("Demo"), std::invalid_argument);
}

}  // namespace
}  // namespace epicor::testing
