// Paging against the mock server: a page cap below Pagesize, nextLink,
// MaxRows, the caller's top, and a page that fails mid-scan.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>

#include <set>

namespace client_test {
namespace {

using PagingTest = ClientTest;
namespace demo = epicor::testing::demo;

std::vector<std::int32_t> customer_numbers(epicor::ResultSet& rows) {
    std::vector<std::int32_t> numbers;
    for (const auto& row : rows) {
        numbers.push_back(row.get<std::int32_t>("CustNum"));
    }
    return numbers;
}

std::vector<std::int32_t> one_to(std::int32_t last) {
    std::vector<std::int32_t> numbers;
    for (std::int32_t i = 1; i <= last; ++i) {
        numbers.push_back(i);
    }
    return numbers;
}

TEST_P(PagingTest, ServerCapBelowPagesize) {
    mock::MockServerOptions options;
    options.max_page_size = 7;
    start(options);
    auto rows = connect("Pagesize=10").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();

    EXPECT_EQ(customer_numbers(rows), one_to(static_cast<std::int32_t>(demo::kCustomerCount)));
    // 40 rows in pages of 7: five full pages, then a page of 5 that is
    // shorter than the cap ends the scan without an extra request.
    EXPECT_EQ(rows.pages_fetched(), 6U);
}

TEST_P(PagingTest, SelectWithoutKeyKeepsPaging) {
    start();
    // Pages of two rows that hold only Country repeat ("USA", "USA"), which
    // must not look like a server that ignores $skip.
    auto rows = connect("Pagesize=2")
                    .service("Erp.BO.CustomerSvc")
                    .entity_set("Customers")
                    .query()
                    .select({"Country"})
                    .order_by("Country")
                    .execute();

    std::size_t count = 0;
    for (const auto& row : rows) {
        EXPECT_EQ(row.size(), 1U);
        ++count;
    }
    EXPECT_EQ(count, demo::kCustomerCount);
    ASSERT_EQ(rows.columns().size(), 1U);
    EXPECT_EQ(rows.columns().front().name, "Country");
}

TEST_P(PagingTest, CapDividesRowCount) {
    mock::MockServerOptions options;
    options.max_page_size = 8;
    start(options);
    auto rows = connect("Pagesize=10").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();

    EXPECT_EQ(customer_numbers(rows), one_to(40));
    // Five full pages of 8, then an empty page proves the end.
    EXPECT_EQ(rows.pages_fetched(), 6U);
}

TEST_P(PagingTest, FollowsNextLink) {
    mock::MockServerOptions options;
    options.max_page_size = 7;
    options.emit_next_link = true;
    start(options);
    auto rows = connect("Pagesize=10").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();

    EXPECT_EQ(customer_numbers(rows), one_to(40));
    bool saw_next_link_request = false;
    for (const auto& entry : server().request_log().entries()) {
        saw_next_link_request = saw_next_link_request || entry.query.find("skip=7") != std::string::npos;
    }
    EXPECT_TRUE(saw_next_link_request);
}

TEST_P(PagingTest, MaxRowsLimitsScan) {
    mock::MockServerOptions options;
    options.max_page_size = 7;
    start(options);
    auto rows = connect("Pagesize=10;MaxRows=15").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();

    EXPECT_EQ(customer_numbers(rows), one_to(15));
    EXPECT_EQ(rows.rows_delivered(), 15U);
}

TEST_P(PagingTest, TopAcrossPages) {
    start();
    auto rows = connect("Pagesize=10")
                    .service("Erp.BO.CustomerSvc")
                    .entity_set("Customers")
                    .query()
                    .skip(5)
                    .top(23)
                    .execute();

    std::vector<std::int32_t> expected;
    for (std::int32_t i = 6; i <= 28; ++i) {
        expected.push_back(i);
    }
    EXPECT_EQ(customer_numbers(rows), expected);
    EXPECT_EQ(rows.pages_fetched(), 3U);
}

TEST_P(PagingTest, DefaultOrderIsEntityKey) {
    start();
    auto rows = connect("Pagesize=10").service("Erp.BO.CustomerSvc").entity_set("Customers").query().top(3).execute();
    rows.next();
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_NE(last->query.find("orderby=Company,CustNum"), std::string::npos) << last->query;
}

TEST_P(PagingTest, CallerOrderGetsKeyTieBreak) {
    start();
    auto rows = connect("Pagesize=10")
                    .service("Erp.BO.CustomerSvc")
                    .entity_set("Customers")
                    .query()
                    .order_by("Country")
                    .execute();
    std::set<std::int32_t> unique;
    std::size_t total = 0;
    for (const auto& row : rows) {
        unique.insert(row.get<std::int32_t>("CustNum"));
        ++total;
    }
    EXPECT_EQ(total, demo::kCustomerCount);
    EXPECT_EQ(unique.size(), demo::kCustomerCount);
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_NE(last->query.find("orderby=Country,Company,CustNum"), std::string::npos) << last->query;
}

TEST_P(PagingTest, MidScanFailureSaysRowsDelivered) {
    start();
    auto rows = connect("Pagesize=10;MaxRetries=0").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();
    // Let the $metadata read and the first page through.
    server().faults().add(mock::Fault::status(500).message("Database is offline.").on("/Customers").after(1));

    std::size_t delivered = 0;
    try {
        while (rows.next()) {
            ++delivered;
        }
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("delivered 10 rows"), std::string::npos) << message;
        EXPECT_NE(message.find("Database is offline."), std::string::npos) << message;
    }
    EXPECT_EQ(delivered, 10U);
    // The cursor stays failed instead of reporting the end.
    EXPECT_THROW(rows.next(), epicor::ServerError);
}

TEST_P(PagingTest, EmptyResultHasDeclaredColumns) {
    start();
    auto rows = connect()
                    .service("Erp.BO.CustomerSvc")
                    .entity_set("Customers")
                    .query()
                    .select({"CustID", "CreditLimit"})
                    .filter(epicor::Filter::eq("CustID", "NO-SUCH"))
                    .execute();
    EXPECT_FALSE(rows.next());
    ASSERT_EQ(rows.columns().size(), 2U);
    EXPECT_EQ(rows.columns()[1].type, epicor::EdmType::decimal);
}

INSTANTIATE_TEST_SUITE_P(Flavors, PagingTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
