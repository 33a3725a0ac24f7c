// Entity-set queries end to end: query options, exact decimals, dates with
// and without offset, nulls, non-ASCII text, counting and get by key.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>

#include <set>

namespace client_test {
namespace {

using QueryTest = ClientTest;
namespace demo = epicor::testing::demo;

epicor::EntitySet customers(const epicor::Connection& conn) {
    return conn.service("Erp.BO.CustomerSvc").entity_set("Customers");
}

TEST_P(QueryTest, SelectFilterOrderTop) {
    start();
    auto rows = customers(connect())
                    .query()
                    .select({"CustID", "Name", "Country"})
                    .filter(epicor::Filter::eq("Country", "USA"))
                    .order_by_descending("CustID")
                    .top(5)
                    .execute();

    ASSERT_EQ(rows.columns().size(), 3U);
    EXPECT_EQ(rows.columns()[0].name, "CustID");
    EXPECT_EQ(rows.columns()[1].name, "Name");
    EXPECT_EQ(rows.columns()[2].name, "Country");

    std::vector<std::string> ids;
    while (rows.next()) {
        EXPECT_EQ(rows.row().get<std::string>("Country"), "USA");
        ids.push_back(rows.row().get<std::string>(0));
    }
    ASSERT_EQ(ids.size(), 5U);
    EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
}

TEST_P(QueryTest, RawFilterAndSkip) {
    start();
    auto conn = connect();
    auto all = customers(conn).query().order_by("CustNum").execute();
    std::vector<std::int32_t> numbers;
    for (const auto& row : all) {
        numbers.push_back(row.get<std::int32_t>("CustNum"));
    }
    ASSERT_EQ(numbers.size(), demo::kCustomerCount);

    auto page = customers(conn).query().filter("CustNum gt 10").order_by("CustNum").skip(3).top(4).execute();
    std::vector<std::int32_t> seen;
    for (const auto& row : page) {
        seen.push_back(row.get<std::int32_t>("CustNum"));
    }
    EXPECT_EQ(seen, (std::vector<std::int32_t>{14, 15, 16, 17}));
}

TEST_P(QueryTest, DecimalsKeepEveryDigit) {
    start();
    auto conn = connect();
    const epicor::Row customer = customers(conn).get({"EPIC06", 1});
    EXPECT_EQ(customer.get<epicor::Decimal>("CreditLimit").to_string(), demo::kCreditLimit28Digits);

    const epicor::Row part = conn.service("Erp.BO.PartSvc").entity_set("Parts").get({"EPIC06", "BRK-100"});
    EXPECT_EQ(part.get<epicor::Decimal>("UnitPrice").to_string(), demo::kUnitPrice10Places);

    auto rows = customers(conn).query().filter(epicor::Filter::eq("CustNum", 1)).execute();
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.row().get<epicor::Decimal>("CreditLimit").to_string(), demo::kCreditLimit28Digits);
    EXPECT_FALSE(rows.next());
}

TEST_P(QueryTest, DatesKeepOffsetOrItsAbsence) {
    start();
    const epicor::Row customer = customers(connect()).get({"EPIC06", 1});

    const auto changed = customer.get<epicor::DateTime>("ChangedOn");
    EXPECT_TRUE(changed.has_offset());
    EXPECT_EQ(changed.utc_offset_minutes(), 120);
    EXPECT_EQ(changed.hour(), 9);
    EXPECT_EQ(changed.minute(), 30);

    const auto estimated = customer.get<epicor::DateTime>("EstDate");
    EXPECT_EQ(estimated.year(), 2024);
    if (!v2()) {
        // v1 Edm.DateTime carries no offset; v2 declares it as DateTimeOffset.
        EXPECT_FALSE(estimated.has_offset());
    }
}

TEST_P(QueryTest, NullIsNeverZeroOrEmpty) {
    start();
    auto conn = connect();
    // Customer 4: EstDate null. Customer 7: CreditLimit null. Customer 5: EMailAddress null.
    const epicor::Row customer4 = customers(conn).get({"EPIC06", 4});
    EXPECT_TRUE(customer4.is_null("EstDate"));
    EXPECT_FALSE(customer4.get<std::optional<epicor::DateTime>>("EstDate").has_value());
    EXPECT_THROW(customer4.get<epicor::DateTime>("EstDate"), epicor::DataError);

    const epicor::Row customer7 = customers(conn).get({"EPIC06", 7});
    EXPECT_TRUE(customer7.is_null("CreditLimit"));
    EXPECT_THROW(customer7.get<epicor::Decimal>("CreditLimit"), epicor::DataError);
    EXPECT_THROW(customer7.get<double>("CreditLimit"), epicor::DataError);
    EXPECT_EQ(customer7.get<epicor::Decimal>("CreditLimit", epicor::Decimal(5)).to_string(), "5");

    const epicor::Row customer5 = customers(conn).get({"EPIC06", 5});
    EXPECT_TRUE(customer5.is_null("EMailAddress"));
    EXPECT_THROW(customer5.get<std::string>("EMailAddress"), epicor::DataError);
    EXPECT_EQ(customer5.get<std::string>("EMailAddress", "none"), "none");

    const epicor::Row customer1 = customers(conn).get({"EPIC06", 1});
    EXPECT_FALSE(customer1.is_null("EMailAddress"));
}

TEST_P(QueryTest, NonAsciiTextRoundTrips) {
    start();
    auto conn = connect();
    EXPECT_EQ(customers(conn).get({"EPIC06", 2}).get<std::string>("Name"), demo::kJapaneseCustomerName);
    EXPECT_EQ(customers(conn).get({"EPIC06", 3}).get<std::string>("Name"), demo::kGermanCustomerName);

    auto rows = customers(conn).query().filter(epicor::Filter::eq("Name", demo::kGermanCustomerName)).execute();
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.row().get<std::int32_t>("CustNum"), 3);
}

TEST_P(QueryTest, QuoteInFilterValueIsOneLiteral) {
    start();
    auto rows = customers(connect()).query().filter(epicor::Filter::eq("Name", "O'Brien' or 1 eq 1")).execute();
    EXPECT_FALSE(rows.next());
}

TEST_P(QueryTest, CountReturnsTotal) {
    start();
    auto rows = customers(connect()).query().count().top(2).execute();
    EXPECT_EQ(rows.total_count(), static_cast<std::int64_t>(demo::kCustomerCount));
    std::size_t delivered = 0;
    while (rows.next()) {
        ++delivered;
    }
    EXPECT_EQ(delivered, 2U);
}

TEST_P(QueryTest, RowAccessErrorsNameTheColumn) {
    start();
    auto rows = customers(connect()).query().top(1).execute();
    EXPECT_THROW(rows.row(), epicor::DataError);
    ASSERT_TRUE(rows.next());
    try {
        rows.row().get<std::string>("custid");
        FAIL() << "expected DataError";
    } catch (const epicor::DataError& error) {
        EXPECT_NE(std::string(error.what()).find("custid"), std::string::npos) << error.what();
    }
    EXPECT_THROW(rows.row().get<std::int32_t>("Name"), epicor::DataError);
    EXPECT_THROW(rows.row().value(1000), epicor::DataError);
    EXPECT_FALSE(rows.next());
    EXPECT_THROW(rows.row(), epicor::DataError);
}

TEST_P(QueryTest, GetByKeyWithSelect) {
    start();
    const epicor::Row row = customers(connect()).get({"EPIC06", 1}, {"CustID", "Name"});
    EXPECT_EQ(row.get<std::string>("CustID"), "ADDISON");
    EXPECT_EQ(row.get<std::string>("Name"), "Addison Tool & Die");
    // The mock returns every field of a single entity whatever $select
    // requests, so the request itself is checked.
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_NE(last->query.find("select=CustID,Name"), std::string::npos) << last->query;
}

TEST_P(QueryTest, GetMissingKeyIsNotFound) {
    start();
    EXPECT_THROW(customers(connect()).get({"EPIC06", 99999}), epicor::NotFoundError);
}

TEST_P(QueryTest, ExpandNavigation) {
    start();
    auto rows = connect()
                    .service("Erp.BO.SalesOrderSvc")
                    .entity_set("SalesOrders")
                    .query()
                    .expand("OrderDtls")
                    .top(1)
                    .execute();
    ASSERT_TRUE(rows.next());
    const auto lines = rows.row().get<nlohmann::json>("OrderDtls");
    EXPECT_TRUE(lines.is_array());
}

INSTANTIATE_TEST_SUITE_P(Flavors, QueryTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
