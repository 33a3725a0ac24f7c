// Business object method results read exactly: tables of the returned
// tableset, tableset parameters and out parameters keep every decimal
// digit. The digits of typed Value parameters on the wire are checked in
// function_result_test.cpp, whose server records the raw request body.

#include "client_fixture.hpp"

#include <epicor/business_object.hpp>
#include <epicor/error.hpp>
#include <epicor/service.hpp>

#include <string>

namespace client_test {
namespace {

namespace demo = epicor::testing::demo;

using ExactResultTest = ClientTest;

TEST_P(ExactResultTest, GetByIdTableKeepsDecimalDigits) {
    start();
    const epicor::MethodResult result =
        connect().service(demo::kCustomerService).call("GetByID", {{"custNum", 1}});

    const std::vector<epicor::Row> customers = result.table("Customer");
    ASSERT_EQ(customers.size(), 1U);
    EXPECT_EQ(customers[0].get<std::string>("CustID"), "ADDISON");
    EXPECT_EQ(customers[0].get<std::int64_t>("CustNum"), 1);
    EXPECT_EQ(customers[0].get<epicor::Decimal>("CreditLimit").to_string(),
              demo::kCreditLimit28Digits);

    // The JSON view rounds through double, which is why table() exists.
    const double rounded = result.return_value.at("Customer").at(0).at("CreditLimit").get<double>();
    EXPECT_NE(epicor::Decimal::parse(nlohmann::json(rounded).dump()).to_string(),
              demo::kCreditLimit28Digits);
}

TEST_P(ExactResultTest, TableColumnsComeFromMetadata) {
    start();
    const epicor::MethodResult result =
        connect().service(demo::kCustomerService).call("GetByID", {{"custNum", 1}});
    const std::vector<epicor::Row> customers = result.table("Customer");
    ASSERT_EQ(customers.size(), 1U);

    const auto& columns = customers[0].columns();
    const auto credit = std::find_if(columns.begin(), columns.end(), [](const epicor::Column& c) {
        return c.name == "CreditLimit";
    });
    ASSERT_NE(credit, columns.end());
    EXPECT_EQ(credit->type, epicor::EdmType::decimal);
    EXPECT_EQ(credit->type_name, "Edm.Decimal");
}

TEST_P(ExactResultTest, UnknownTableIsDataError) {
    start();
    const epicor::MethodResult result =
        connect().service(demo::kCustomerService).call("GetByID", {{"custNum", 1}});
    EXPECT_THROW(result.table("customer"), epicor::DataError);
    EXPECT_THROW(result.table("Nothing"), epicor::DataError);
    EXPECT_THROW(result.parameter_table("ds", "Customer"), epicor::DataError);
}

TEST_P(ExactResultTest, GetListRowsAndMorePage) {
    start();
    const epicor::MethodResult result = connect().service(demo::kCustomerService).call(
        "GetList", {{"whereClause", ""}, {"pageSize", 5}, {"absolutePage", 0}});

    const std::vector<epicor::Row> rows = result.table("CustomerList");
    EXPECT_EQ(rows.size(), 5U);
    const epicor::Value more_page = result.parameter("morePage");
    ASSERT_EQ(more_page.type(), epicor::ValueType::boolean);
    EXPECT_TRUE(more_page.get<bool>());
    EXPECT_TRUE(result.parameter("noSuchParameter").is_null());
}

TEST_P(ExactResultTest, UpdateExtParameterTableIsExact) {
    start();
    const nlohmann::json dataset = {
        {"Customer", nlohmann::json::array({{{"RowMod", "U"},
                                              {"Company", demo::kCompany},
                                              {"CustNum", 1},
                                              {"Name", "Addison Renamed"}}})}};
    const epicor::MethodResult result = connect().service(demo::kCustomerService).call(
        "UpdateExt", {{"ds", dataset}, {"continueProcessingOnError", false}});

    const std::vector<epicor::Row> rows = result.parameter_table("ds", "Customer");
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].get<std::string>("Name"), "Addison Renamed");
    EXPECT_EQ(rows[0].get<epicor::Decimal>("CreditLimit").to_string(), demo::kCreditLimit28Digits);
    EXPECT_FALSE(result.parameter("errorsOccurred").get<bool>());
}

TEST_P(ExactResultTest, ValueParametersCallMethod) {
    start();
    const epicor::MethodResult result = connect().service(demo::kCustomerService).call_with_values(
        "GetByID", epicor::FieldValues{{"custNum", 1}});
    const std::vector<epicor::Row> customers = result.table("Customer");
    ASSERT_EQ(customers.size(), 1U);
    EXPECT_EQ(customers[0].get<epicor::Decimal>("CreditLimit").to_string(),
              demo::kCreditLimit28Digits);
}

TEST_P(ExactResultTest, RepeatedValueParameterIsDataError) {
    start();
    EXPECT_THROW(connect().service(demo::kCustomerService).call_with_values(
                     "GetByID", epicor::FieldValues{{"custNum", 1}, {"custNum", 2}}),
                 epicor::DataError);
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST(MethodResultDefault, ExactAccessorsFindNothing) {
    const epicor::MethodResult result;
    EXPECT_TRUE(result.parameter("ds").is_null());
    EXPECT_TRUE(result.return_scalar().is_null());
    EXPECT_THROW(result.table("Customer"), epicor::DataError);
}

INSTANTIATE_TEST_SUITE_P(Flavors, ExactResultTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
