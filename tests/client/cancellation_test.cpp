// Cancelling from another thread: a CancellationToken stops a scan between
// pages and during a slow transfer, Connection::cancel() stops a pending
// retry wait, and requests started after cancel() run normally.

#include "client_fixture.hpp"

#include <epicor/cancellation.hpp>
#include <epicor/error.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace client_test {
namespace {

namespace demo = epicor::testing::demo;
using mock::Fault;

using CancellationTest = ClientTest;

// Blocks until the server has logged at least `count` requests.
void wait_for_requests(mock::MockKineticServer& server, std::size_t count) {
    while (server.request_log().size() < count) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

epicor::EntitySet customers(const epicor::Connection& conn) {
    return conn.service(demo::kCustomerService).entity_set("Customers");
}

TEST_P(CancellationTest, TokenStopsScanBeforeNextPage) {
    start();
    auto conn = connect("Pagesize=5");
    auto set = customers(conn);
    static_cast<void>(set.columns());  // reads $metadata before counting requests

    epicor::CancellationToken token;
    epicor::ResultSet rows = set.query().cancellation(token).execute();
    ASSERT_TRUE(rows.next());
    const std::size_t requests = server().request_log().size();
    token.cancel();

    // The rest of the fetched page is still delivered; the next page is not
    // requested.
    std::uint64_t delivered = 1;
    EXPECT_THROW(
        {
            while (rows.next()) {
                ++delivered;
            }
        },
        epicor::CancelledError);
    EXPECT_EQ(delivered, 5U);
    EXPECT_EQ(server().request_log().size(), requests);
    // The cursor stays failed.
    EXPECT_THROW(rows.next(), epicor::CancelledError);
}

TEST_P(CancellationTest, TokenStopsSlowTransfer) {
    start();
    auto conn = connect();
    auto set = customers(conn);
    static_cast<void>(set.columns());
    // One byte every 50 ms: the page would take minutes to arrive.
    server().faults().add(Fault::trickle(1, std::chrono::milliseconds(50)).on("/Customers$"));
    const std::size_t before = server().request_log().size();

    epicor::CancellationToken token;
    std::thread canceller([&] {
        wait_for_requests(server(), before + 1);
        token.cancel();
    });
    epicor::ResultSet rows = set.query().cancellation(token).execute();
    EXPECT_THROW(rows.next(), epicor::CancelledError);
    canceller.join();
}

TEST_P(CancellationTest, ConnectionCancelStopsRetryWait) {
    start();
    auto conn = connect();
    auto set = customers(conn);
    static_cast<void>(set.columns());
    // Every page request gets 503 with a long Retry-After, so the query
    // waits before each retry.
    server().faults().add(Fault::status(503).retry_after("30").on("/Customers$"));
    const std::size_t before = server().request_log().size();

    std::thread canceller([&] {
        wait_for_requests(server(), before + 1);
        conn.cancel();
    });
    epicor::ResultSet rows = set.query().execute();
    EXPECT_THROW(rows.next(), epicor::CancelledError);
    canceller.join();
    EXPECT_EQ(server().request_log().size(), before + 1);
}

TEST_P(CancellationTest, ConnectionCancelStopsOpenScan) {
    start();
    auto conn = connect("Pagesize=5");
    epicor::ResultSet rows = customers(conn).query().execute();
    ASSERT_TRUE(rows.next());
    conn.cancel();
    EXPECT_THROW(
        {
            while (rows.next()) {
            }
        },
        epicor::CancelledError);
}

TEST_P(CancellationTest, LaterRequestsRunAfterCancel) {
    start();
    auto conn = connect();
    conn.cancel();
    const epicor::Row row = customers(conn).get({demo::kCompany, 1});
    EXPECT_EQ(row.get<std::string>("CustID"), "ADDISON");

    std::size_t count = 0;
    for (const auto& customer : customers(conn).query().top(3).execute()) {
        static_cast<void>(customer);
        ++count;
    }
    EXPECT_EQ(count, 3U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, CancellationTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
