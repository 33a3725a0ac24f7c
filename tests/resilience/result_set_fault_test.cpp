// A ResultSet whose page fetch fails in the middle of a scan must throw,
// say how many rows it had delivered, and never end early as if the data
// had run out.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <set>
#include <string>

namespace resilience_test {
namespace {

// Pagesize=10 over the 40 demo customers: the fault lets two pages through
// and hits the third, after 20 rows.
constexpr const char* kSmallPages = "Pagesize=10;MaxRetries=0";

epicor::ResultSet customers(const epicor::Connection& connection) {
    return connection.service(kCustomerService).entity_set("Customers").query().execute();
}

bool mentions_delivered_rows(const std::string& message, int rows) {
    return message.find("delivered " + std::to_string(rows) + " rows") != std::string::npos;
}

TEST(ResultSetFaultTest, ServerErrorMidScanNamesRowsDelivered) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(500).message("Deadlock victim").on("/Customers").after(2));
    auto rows = customers(epicor::connect(connection_string(*server, kSmallPages)));

    int delivered = 0;
    try {
        while (rows.next()) {
            ++delivered;
        }
        FAIL() << "the scan ended after " << delivered << " rows without an error";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 500);
        EXPECT_TRUE(mentions_delivered_rows(error.what(), 20)) << error.what();
        EXPECT_NE(error.error_message().find("Deadlock victim"), std::string::npos) << error.what();
    }
    EXPECT_EQ(delivered, 20);
    EXPECT_EQ(rows.rows_delivered(), 20U);

    // The cursor stays failed: it never reports a clean end afterwards.
    EXPECT_THROW(rows.next(), epicor::ServerError);
}

TEST(ResultSetFaultTest, RangeLoopThrowsInsteadOfEnding) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).on("/Customers").after(1));
    auto rows = customers(epicor::connect(connection_string(*server, kSmallPages)));

    int delivered = 0;
    EXPECT_THROW(
        {
            for (const epicor::Row& row : rows) {
                static_cast<void>(row);
                ++delivered;
            }
        },
        epicor::ServerError);
    EXPECT_EQ(delivered, 10);
}

TEST(ResultSetFaultTest, TransportFailureMidScanNamesRowsDelivered) {
    auto server = start_server();
    server->faults().add(mock::Fault::reset().on("/Customers").after(2));
    auto rows = customers(epicor::connect(connection_string(*server, kSmallPages)));

    try {
        while (rows.next()) {
        }
        FAIL() << "the scan ended after " << rows.rows_delivered() << " rows without an error";
    } catch (const epicor::TransportError& error) {
        EXPECT_TRUE(mentions_delivered_rows(error.what(), 20)) << error.what();
    }
    EXPECT_EQ(rows.rows_delivered(), 20U);
}

TEST(ResultSetFaultTest, TimeoutMidScanStaysTimeoutError) {
    auto server = start_server();
    server->faults().add(mock::Fault::trickle(1, 700ms).on("/Customers").after(1));
    auto rows = customers(epicor::connect(connection_string(*server, "Pagesize=10;MaxRetries=0;Timeout=1")));

    try {
        while (rows.next()) {
        }
        FAIL() << "the scan ended after " << rows.rows_delivered() << " rows without an error";
    } catch (const epicor::TimeoutError& error) {
        EXPECT_TRUE(mentions_delivered_rows(error.what(), 10)) << error.what();
    }
}

TEST(ResultSetFaultTest, MalformedPageMidScanIsDataError) {
    auto server = start_server();
    server->faults().add(mock::Fault::malformed_json().on("/Customers").after(3));
    auto rows = customers(epicor::connect(connection_string(*server, kSmallPages)));

    try {
        while (rows.next()) {
        }
        FAIL() << "the scan ended after " << rows.rows_delivered() << " rows without an error";
    } catch (const epicor::DataError& error) {
        EXPECT_TRUE(mentions_delivered_rows(error.what(), 30)) << error.what();
    }
}

TEST(ResultSetFaultTest, RetriedPageMidScanKeepsEveryRowOnce) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).retry_after("0").on("/Customers").after(2).times(1));
    auto rows = customers(epicor::connect(connection_string(*server, "Pagesize=10")));

    std::set<std::int64_t> seen;
    int delivered = 0;
    while (rows.next()) {
        ++delivered;
        seen.insert(rows.row().get<std::int64_t>("CustNum"));
    }

    EXPECT_EQ(delivered, static_cast<int>(mock::demo::kCustomerCount));
    EXPECT_EQ(seen.size(), mock::demo::kCustomerCount);
    // The failed third page was sent again with the same $skip.
    const auto requests = requests_to(*server, "GET", "/Customers");
    ASSERT_GE(requests.size(), 4U);
    EXPECT_EQ(requests[2].status, 503);
    EXPECT_EQ(requests[3].query, requests[2].query);
}

}  // namespace
}  // namespace resilience_test
