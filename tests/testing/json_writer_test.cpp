#include <epicor/testing/dataset.hpp>
#include <epicor/testing/json_writer.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace epicor::testing {
namespace {

class JsonWriterTest : public ::testing::Test {
protected:
    std::shared_ptr<Dataset> dataset = make_demo_dataset();

    QueryResult query(const char* service, const char* entity_set, const std::string& filter) const {
        QueryOptions options;
        options.filter = filter;
        options.count = true;
        return execute_query(*dataset->find_table(service, entity_set), options, QuerySettings{});
    }
};

TEST_F(JsonWriterTest, DecimalDigitsAreWrittenVerbatim) {
    const auto customers = query(demo::kCustomerService, "Customers", "CustNum eq 1");
    const std::string body = write_collection(customers, ODataVersion::v2, "ctx");
    EXPECT_NE(body.find("\"CreditLimit\":12345678901234567890123456.78"), std::string::npos) << body;

    const auto parts = query(demo::kPartService, "Parts", "PartNum eq 'BRK-100'");
    const std::string part_body = write_collection(parts, ODataVersion::v1, "ctx");
    EXPECT_NE(part_body.find("\"UnitPrice\":1234.5678901234,"), std::string::npos) << part_body;

    // The body is valid JSON whatever the digits.
    EXPECT_TRUE(nlohmann::json::accept(body));
}

TEST_F(JsonWriterTest, CollectionEnvelopePerVersion) {
    const auto customers = query(demo::kCustomerService, "Customers", "CustNum le 2");
    const std::string v1 = write_collection(customers, ODataVersion::v1, "http://127.0.0.1/api/v1/Erp.BO.CustomerSvc/$metadata#Customers");
    EXPECT_EQ(v1.rfind("{\"odata.metadata\":\"http://127.0.0.1/api/v1/Erp.BO.CustomerSvc/$metadata#Customers\",", 0), 0u);
    EXPECT_NE(v1.find("\"odata.count\":\"2\""), std::string::npos);

    const std::string v2 = write_collection(customers, ODataVersion::v2, "ctx", "next?$skip=2");
    const auto parsed = nlohmann::json::parse(v2);
    EXPECT_EQ(parsed["@odata.context"], "ctx");
    EXPECT_EQ(parsed["@odata.count"], 2);
    EXPECT_EQ(parsed["@odata.nextLink"], "next?$skip=2");
    ASSERT_EQ(parsed["value"].size(), 2u);
    EXPECT_EQ(parsed["value"][1]["Name"], demo::kJapaneseCustomerName);
}

TEST_F(JsonWriterTest, DatesPerVersion) {
    const auto customers = query(demo::kCustomerService, "Customers", "CustNum eq 1");
    ASSERT_EQ(customers.rows.size(), 1u);
    const std::string stored = customers.rows[0]["EstDate"].get<std::string>();
    const std::string v1 = write_row(*customers.type, customers.rows[0], ODataVersion::v1);
    const std::string v2 = write_row(*customers.type, customers.rows[0], ODataVersion::v2);
    EXPECT_NE(v1.find("\"EstDate\":\"" + stored + "\""), std::string::npos) << v1;
    EXPECT_NE(v2.find("\"EstDate\":\"" + stored + "Z\""), std::string::npos) << v2;
    EXPECT_NE(v2.find("+02:00\""), std::string::npos);  // ChangedOn keeps its offset.
}

TEST_F(JsonWriterTest, NullsAndFieldOrder) {
    const auto customers = query(demo::kCustomerService, "Customers", "CustNum eq 7");
    const std::string row = write_row(*customers.type, customers.rows.at(0), ODataVersion::v2);
    EXPECT_NE(row.find("\"CreditLimit\":null"), std::string::npos) << row;
    EXPECT_EQ(row.rfind("{\"Company\":\"EPIC06\",\"CustNum\":7,", 0), 0u) << row;
}

TEST_F(JsonWriterTest, ExpandedChildrenAreWritten) {
    QueryOptions options;
    options.filter = "OrderNum eq 5003";  // Order n has 1 + n % 4 lines, so 5003 has 3.
    options.expand = "OrderDtls";
    const auto orders = execute_query(*dataset->find_table(demo::kSalesOrderService, "SalesOrders"), options,
                                      QuerySettings{}, [this](const std::string& name) -> std::shared_ptr<const Table> {
                                          return dataset->find_table(demo::kSalesOrderService, name);
                                      });
    const auto parsed = nlohmann::json::parse(write_collection(orders, ODataVersion::v2, "ctx"));
    ASSERT_EQ(parsed["value"][0]["OrderDtls"].size(), 3u);
    EXPECT_EQ(parsed["value"][0]["OrderDtls"][2]["OrderLine"], 3);
}

TEST_F(JsonWriterTest, ParseRowBodyKeepsDecimalDigits) {
    const auto type = dataset->find_table(demo::kCustomerService, "Customers")->type_ptr();
    const Row row = parse_row_body(
        R"({"odata.type":"x","Company":"EPIC06","CustNum":77,"CreditLimit":98765432109876543210987654.21,"Discount":"1.50"})",
        *type);
    EXPECT_EQ(row["CreditLimit"], "98765432109876543210987654.21");
    EXPECT_EQ(row["Discount"], "1.50");
    EXPECT_EQ(row["CustNum"], 77);
    EXPECT_FALSE(row.contains("odata.type"));

    const std::string written = write_row(*type, row, ODataVersion::v2);
    EXPECT_NE(written.find("\"CreditLimit\":98765432109876543210987654.21"), std::string::npos) << written;
}

TEST_F(JsonWriterTest, ParseRowBodyRejectsBadBodies) {
    const auto type = dataset->find_table(demo::kCustomerService, "Customers")->type_ptr();
    EXPECT_THROW((void)parse_row_body("not json", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body("[1,2]", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body(R"({"custnum":1})", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body(R"({"CustNum":1.5})", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body(R"({"CreditLimit":1e5})", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body(R"({"Name":12})", *type), ValidationError);
    EXPECT_THROW((void)parse_row_body(std::string(100000, '[') + std::string(100000, ']'), *type), ValidationError);
}

}  // namespace
}  // namespace epicor::testing
