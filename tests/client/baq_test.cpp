// BAQs with scalar and list parameters and OData options.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>

#include <set>

namespace client_test {
namespace {

using BaqTest = ClientTest;
namespace demo = epicor::testing::demo;

TEST_P(BaqTest, WithoutParameters) {
    start();
    auto rows = connect().baq(demo::kBaqCustomerList).query().execute();
    std::size_t count = 0;
    for (const auto& row : rows) {
        EXPECT_FALSE(row.get<std::string>("Customer_CustID").empty());
        ++count;
    }
    EXPECT_EQ(count, demo::kCustomerCount);
}

TEST_P(BaqTest, ScalarParameter) {
    start();
    auto rows = connect().baq(demo::kBaqOrdersByCustomer).query().parameter("CustID", "ADDISON").execute();
    std::size_t count = 0;
    for (const auto& row : rows) {
        EXPECT_EQ(row.get<std::string>("Customer_CustID"), "ADDISON");
        ++count;
    }
    EXPECT_GT(count, 0U);
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_NE(last->query.find("CustID=ADDISON"), std::string::npos) << last->query;
}

TEST_P(BaqTest, ListParameterRepeatsName) {
    start();
    auto rows = connect()
                    .baq(demo::kBaqCustomersByState)
                    .query()
                    .parameter("State", std::vector<epicor::Value>{"MN", "OR"})
                    .execute();
    std::set<std::string> states;
    for (const auto& row : rows) {
        states.insert(row.get<std::string>("Customer_State"));
    }
    EXPECT_EQ(states, (std::set<std::string>{"MN", "OR"}));
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_NE(last->query.find("State=MN&State=OR"), std::string::npos) << last->query;
}

TEST_P(BaqTest, DecimalParameterAndOptions) {
    start();
    auto rows = connect()
                    .baq(demo::kBaqPartsBelowPrice)
                    .query()
                    .parameter("MaxPrice", epicor::Decimal::parse("10.00"))
                    .top(3)
                    .execute();
    std::size_t count = 0;
    while (rows.next()) {
        ++count;
    }
    EXPECT_GT(count, 0U);
    EXPECT_LE(count, 3U);
}

TEST_P(BaqTest, MissingRequiredParameterIsBadRequest) {
    start();
    auto rows = connect().baq(demo::kBaqOrdersByCustomer).query().execute();
    EXPECT_THROW(rows.next(), epicor::HttpError);
}

TEST_P(BaqTest, ParametersOnEntitySetAreConfigError) {
    start();
    auto query = connect().service("Erp.BO.PartSvc").entity_set("Parts").query().parameter("X", 1);
    EXPECT_THROW(query.execute(), epicor::ConfigError);
}

TEST_P(BaqTest, UnknownBaqIsNotFound) {
    start();
    EXPECT_THROW(connect().baq("zNoSuchBaq").query().execute().next(), epicor::NotFoundError);
}

INSTANTIATE_TEST_SUITE_P(Flavors, BaqTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
