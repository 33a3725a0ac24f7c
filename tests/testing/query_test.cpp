#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

namespace epicor::testing {
namespace {

class QueryTest : public ::testing::Test {
protected:
    std::shared_ptr<Dataset> dataset = make_demo_dataset();

    std::shared_ptr<Table> table(const char* service, const char* entity_set) const {
        auto found = dataset->find_table(service, entity_set);
        EXPECT_NE(found, nullptr) << entity_set;
        return found;
    }

    QueryResult run(const char* service, const char* entity_set, const QueryOptions& options,
                    ODataVersion version = ODataVersion::v2) const {
        QuerySettings settings;
        settings.version = version;
        const std::string service_name = service;
        return execute_query(*table(service, entity_set), options, settings,
                             [this, service_name](const std::string& name) -> std::shared_ptr<const Table> {
                                 return dataset->find_table(service_name, name);
                             });
    }
};

TEST_F(QueryTest, DefaultOrderIsKeyOrder) {
    const auto result = run(demo::kCustomerService, "Customers", {});
    ASSERT_EQ(result.rows.size(), demo::kCustomerCount);
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        EXPECT_EQ(result.rows[i]["CustNum"], static_cast<int>(i) + 1);
    }
    EXPECT_FALSE(result.count.has_value());
}

TEST_F(QueryTest, OrderByOneFieldDescending) {
    QueryOptions options;
    options.orderby = "Name desc";
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_EQ(result.rows.size(), demo::kCustomerCount);
    for (std::size_t i = 1; i < result.rows.size(); ++i) {
        EXPECT_GE(result.rows[i - 1]["Name"].get<std::string>(), result.rows[i]["Name"].get<std::string>());
    }
}

TEST_F(QueryTest, OrderBySeveralFieldsWithKeyTieBreak) {
    QueryOptions options;
    options.orderby = "Country asc,State desc";
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_EQ(result.rows.size(), demo::kCustomerCount);
    for (std::size_t i = 1; i < result.rows.size(); ++i) {
        const auto& a = result.rows[i - 1];
        const auto& b = result.rows[i];
        ASSERT_LE(a["Country"].get<std::string>(), b["Country"].get<std::string>());
        if (a["Country"] == b["Country"]) {
            ASSERT_GE(a["State"].get<std::string>(), b["State"].get<std::string>());
            if (a["State"] == b["State"]) {
                EXPECT_LT(a["CustNum"].get<int>(), b["CustNum"].get<int>());
            }
        }
    }
}

TEST_F(QueryTest, OrderByDecimalIsNumericAndNullsFirst) {
    QueryOptions options;
    options.orderby = "CreditLimit";
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_FALSE(result.rows.empty());
    EXPECT_TRUE(result.rows.front()["CreditLimit"].is_null());
    EXPECT_EQ(result.rows.back()["CreditLimit"], demo::kCreditLimit28Digits);
}

TEST_F(QueryTest, TopAndSkipPage) {
    QueryOptions options;
    options.top = 5;
    options.skip = 10;
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_EQ(result.rows.size(), 5u);
    EXPECT_EQ(result.rows.front()["CustNum"], 11);
    EXPECT_EQ(result.rows.back()["CustNum"], 15);
    EXPECT_FALSE(result.next_skip.has_value());
}

TEST_F(QueryTest, SkipPastTheEndIsEmpty) {
    QueryOptions options;
    options.skip = 1000;
    EXPECT_TRUE(run(demo::kCustomerService, "Customers", options).rows.empty());
    options.orderby = "Name";
    EXPECT_TRUE(run(demo::kCustomerService, "Customers", options).rows.empty());
    options.filter = "CustNum gt 0";
    EXPECT_TRUE(run(demo::kCustomerService, "Customers", options).rows.empty());
}

TEST_F(QueryTest, TopZeroWithCountReturnsOnlyTheCount) {
    QueryOptions options;
    options.top = 0;
    options.count = true;
    options.filter = "Country eq 'Japan'";
    const auto result = run(demo::kCustomerService, "Customers", options);
    EXPECT_TRUE(result.rows.empty());
    ASSERT_TRUE(result.count.has_value());
    EXPECT_EQ(*result.count, 4u);
}

TEST_F(QueryTest, FilterWithPagingAndCount) {
    QueryOptions options;
    options.filter = "CurrencyCode eq 'USD'";
    options.count = true;
    options.top = 3;
    options.skip = 2;
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_TRUE(result.count.has_value());
    EXPECT_EQ(*result.count, 31u);  // 40 customers less 4 JPY, 3 EUR, 1 CAD and 1 CHF.
    ASSERT_EQ(result.rows.size(), 3u);
    for (const auto& row : result.rows) {
        EXPECT_EQ(row["CurrencyCode"], "USD");
    }
}

TEST_F(QueryTest, KeyOrderDescendingIndexesFromTheEnd) {
    QueryOptions options;
    options.orderby = "Company desc,CustNum desc";
    options.top = 2;
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0]["CustNum"], 40);
    EXPECT_EQ(result.rows[1]["CustNum"], 39);
}

TEST_F(QueryTest, PageCapWithoutTopSetsNextSkip) {
    auto generated = make_generated_dataset(250);
    auto bench = generated->find_table(generated::kService, generated::kEntitySet);
    QuerySettings settings;
    const auto first = execute_query(*bench, {}, settings);
    ASSERT_EQ(first.rows.size(), 100u);
    ASSERT_TRUE(first.next_skip.has_value());
    EXPECT_EQ(*first.next_skip, 100u);

    QueryOptions last_page;
    last_page.skip = 200;
    const auto last = execute_query(*bench, last_page, settings);
    EXPECT_EQ(last.rows.size(), 50u);
    EXPECT_FALSE(last.next_skip.has_value());

    settings.max_page_size = 20;
    QueryOptions big_top;
    big_top.top = 500;
    const auto capped = execute_query(*bench, big_top, settings);
    EXPECT_EQ(capped.rows.size(), 20u);
    ASSERT_TRUE(capped.next_skip.has_value());
    EXPECT_EQ(*capped.next_skip, 20u);
}

TEST_F(QueryTest, SelectKeepsOnlyNamedFields) {
    QueryOptions options;
    options.select = "CustID,Name";
    options.top = 1;
    const auto result = run(demo::kCustomerService, "Customers", options);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].size(), 2u);
    EXPECT_EQ(result.rows[0]["CustID"], "ADDISON");
}

TEST_F(QueryTest, ExpandAddsChildRows) {
    QueryOptions options;
    options.expand = "OrderDtls";
    options.filter = "OrderNum eq 5004";
    const auto result = run(demo::kSalesOrderService, "SalesOrders", options);
    ASSERT_EQ(result.rows.size(), 1u);
    const auto& lines = result.rows[0]["OrderDtls"];
    ASSERT_TRUE(lines.is_array());
    ASSERT_EQ(lines.size(), 4u);  // Order n has 1 + n % 4 lines.
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_EQ(lines[i]["OrderNum"], 5004);
        EXPECT_EQ(lines[i]["OrderLine"], static_cast<int>(i) + 1);
    }
    ASSERT_EQ(result.expanded_types.count("OrderDtls"), 1u);
    EXPECT_EQ(result.expanded_types.at("OrderDtls")->name(), "OrderDtl");
}

TEST_F(QueryTest, ExpandWithSelectWithoutTheKey) {
    QueryOptions options;
    options.expand = "OrderDtls";
    options.select = "PONum";
    options.top = 1;
    const auto result = run(demo::kSalesOrderService, "SalesOrders", options);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_FALSE(result.rows[0].contains("OrderNum"));
    EXPECT_EQ(result.rows[0]["OrderDtls"].size(), 1u);
}

TEST_F(QueryTest, BadOptionsRaiseQueryError) {
    QueryOptions unknown_order;
    unknown_order.orderby = "name";
    EXPECT_THROW((void)run(demo::kCustomerService, "Customers", unknown_order), QueryError);

    QueryOptions bad_direction;
    bad_direction.orderby = "Name sideways";
    EXPECT_THROW((void)run(demo::kCustomerService, "Customers", bad_direction), QueryError);

    QueryOptions unknown_select;
    unknown_select.select = "CustNum,Bogus";
    EXPECT_THROW((void)run(demo::kCustomerService, "Customers", unknown_select), QueryError);

    QueryOptions empty_select;
    empty_select.select = "CustNum,";
    EXPECT_THROW((void)run(demo::kCustomerService, "Customers", empty_select), QueryError);

    QueryOptions unknown_expand;
    unknown_expand.expand = "Lines";
    EXPECT_THROW((void)run(demo::kSalesOrderService, "SalesOrders", unknown_expand), QueryError);

    QueryOptions nested_expand;
    nested_expand.expand = "OrderDtls($select=PartNum)";
    EXPECT_THROW((void)run(demo::kSalesOrderService, "SalesOrders", nested_expand), QueryError);
}

TEST(QueryOptionsTest, ParsesOptionsPerVersion) {
    const std::multimap<std::string, std::string> v1_parameters{
        {"$filter", "CustNum eq 1"}, {"$top", "10"}, {"$skip", "20"}, {"$inlinecount", "allpages"},
        {"$select", "Name"},          {"api-key", "x"}, {"Company", "EPIC06"}, {"$format", "json"}};
    const QueryOptions v1 = parse_query_options(v1_parameters, ODataVersion::v1);
    EXPECT_EQ(v1.filter, "CustNum eq 1");
    EXPECT_EQ(v1.top, 10u);
    EXPECT_EQ(v1.skip, 20u);
    EXPECT_TRUE(v1.count);
    EXPECT_EQ(v1.select, "Name");

    const QueryOptions v2 = parse_query_options({{"$count", "true"}, {"$orderby", "Name desc"}}, ODataVersion::v2);
    EXPECT_TRUE(v2.count);
    EXPECT_EQ(v2.orderby, "Name desc");
}

TEST(QueryOptionsTest, RejectsBadOptions) {
    const auto reject = [](std::multimap<std::string, std::string> parameters, ODataVersion version) {
        EXPECT_THROW((void)parse_query_options(parameters, version), QueryError);
    };
    reject({{"$top", "-1"}}, ODataVersion::v2);
    reject({{"$top", "ten"}}, ODataVersion::v2);
    reject({{"$top", ""}}, ODataVersion::v2);
    reject({{"$skip", "99999999999999999999999"}}, ODataVersion::v2);
    reject({{"$top", "1"}, {"$top", "2"}}, ODataVersion::v2);
    reject({{"$Top", "1"}}, ODataVersion::v2);
    reject({{"$search", "x"}}, ODataVersion::v2);
    reject({{"$inlinecount", "allpages"}}, ODataVersion::v2);
    reject({{"$count", "true"}}, ODataVersion::v1);
    reject({{"$inlinecount", "some"}}, ODataVersion::v1);
    reject({{"$count", "yes"}}, ODataVersion::v2);
    reject({{"$format", "xml"}}, ODataVersion::v2);
}

TEST(PagingTest, SkipInKeyOrderDoesNotGenerateSkippedRows) {
    auto calls = std::make_shared<std::atomic<std::size_t>>(0);
    const auto type = std::make_shared<const EntityType>(
        "Counted", std::vector<Field>{{"Num", FieldType::Int64, false, std::nullopt, 0, 0}},
        std::vector<std::string>{"Num"});
    GeneratedTable table("Counted", type, 1'000'000, [calls](std::size_t index) {
        ++*calls;
        return Row{{"Num", static_cast<std::int64_t>(index)}};
    });

    QueryOptions options;
    options.skip = 999'990;
    options.top = 10;
    options.count = true;
    const auto result = execute_query(table, options, QuerySettings{});
    ASSERT_EQ(result.rows.size(), 10u);
    EXPECT_EQ(result.rows.front()["Num"], 999'990);
    EXPECT_EQ(result.rows.back()["Num"], 999'999);
    EXPECT_EQ(result.count, 1'000'000u);
    EXPECT_EQ(calls->load(), 10u);  // One generator call per returned row.
}

TEST(PagingTest, PagesCoverEveryRowOnce) {
    auto generated = make_generated_dataset(1234);
    auto table = generated->find_table(generated::kService, generated::kEntitySet);
    std::int64_t expected = 1;
    for (std::size_t skip = 0; skip < 1300; skip += 100) {
        QueryOptions options;
        options.skip = skip;
        options.top = 100;
        for (const Row& row : execute_query(*table, options, QuerySettings{}).rows) {
            ASSERT_EQ(row["RowNum"], expected);
            ++expected;
        }
    }
    EXPECT_EQ(expected, 1235);
}

TEST(PagingTest, FilteredPagingOnGeneratedRows) {
    auto generated = make_generated_dataset(5000);
    auto table = generated->find_table(generated::kService, generated::kEntitySet);
    QueryOptions options;
    options.filter = "DueDate eq null and Quantity ge 0";
    options.count = true;
    options.top = 10;
    const auto result = execute_query(*table, options, QuerySettings{});
    ASSERT_TRUE(result.count.has_value());
    EXPECT_GT(*result.count, 0u);
    EXPECT_LT(*result.count, 5000u);
    for (const Row& row : result.rows) {
        EXPECT_TRUE(row["DueDate"].is_null());
    }
}

}  // namespace
}  // namespace epicor::testing
