// Business object method calls: returnObj and parameters apart, errors.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

namespace client_test {
namespace {

using BusinessObjectTest = ClientTest;

TEST_P(BusinessObjectTest, GetByIdReturnsTableset) {
    start();
    const epicor::MethodResult result =
        connect().service("Erp.BO.CustomerSvc").call("GetByID", {{"custNum", 1}});
    ASSERT_TRUE(result.return_value.is_object()) << result.return_value.dump();
    const auto& customers = result.return_value.at("Customer");
    ASSERT_TRUE(customers.is_array());
    ASSERT_EQ(customers.size(), 1U);
    EXPECT_EQ(customers[0].at("CustID"), "ADDISON");
    EXPECT_TRUE(result.parameters.is_object());

    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->method, "POST");
}

TEST_P(BusinessObjectTest, GetListReturnsMorePage) {
    start();
    const epicor::MethodResult result = connect().service("Erp.BO.CustomerSvc").call(
        "GetList", {{"whereClause", "Country = 'USA'"}, {"pageSize", 5}, {"absolutePage", 0}});
    EXPECT_TRUE(result.parameters.contains("morePage")) << result.parameters.dump();
}

TEST_P(BusinessObjectTest, MissingRecordIsNotFound) {
    start();
    EXPECT_THROW(connect().service("Erp.BO.CustomerSvc").call("GetByID", {{"custNum", 99999}}),
                 epicor::NotFoundError);
}

TEST_P(BusinessObjectTest, UnknownMethodIsHttpError) {
    start();
    EXPECT_THROW(connect().service("Erp.BO.CustomerSvc").call("getbyid", {{"custNum", 1}}),
                 epicor::HttpError);
}

TEST_P(BusinessObjectTest, NonObjectParametersAreDataError) {
    start();
    EXPECT_THROW(connect().service("Erp.BO.CustomerSvc").call("GetByID", nlohmann::json::array()),
                 epicor::DataError);
    EXPECT_EQ(server().counters().requests, 0U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, BusinessObjectTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
