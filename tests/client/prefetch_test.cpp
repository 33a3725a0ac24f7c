// Fetching the next page in the background while the caller reads the
// current one. Every row still arrives once and in order, and neither a
// peek at the first row nor MaxRows sends an extra request. Destroying or
// cancelling a scan stops a slow background fetch.

#include "client_fixture.hpp"

#include <epicor/cancellation.hpp>
#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace client_test {
namespace {

namespace demo = epicor::testing::demo;
using mock::Fault;

using PrefetchTest = ClientTest;

epicor::EntitySet customers(const epicor::Connection& conn) {
    return conn.service(demo::kCustomerService).entity_set("Customers");
}

// Returns how many requests for the Customers collection the server logged.
std::size_t page_requests(mock::MockKineticServer& server) {
    std::size_t count = 0;
    for (const auto& entry : server.request_log().entries()) {
        const std::string suffix = "/Customers";
        const bool is_page = entry.path.size() >= suffix.size() &&
                             entry.path.compare(entry.path.size() - suffix.size(), suffix.size(), suffix) == 0;
        count += is_page ? 1 : 0;
    }
    return count;
}

// Blocks until the server has logged at least `count` page requests.
void wait_for_page_requests(mock::MockKineticServer& server, std::size_t count) {
    while (page_requests(server) < count) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

TEST_P(PrefetchTest, ScanDeliversEveryRowOnce) {
    start();
    auto conn = connect("Pagesize=5");
    epicor::ResultSet rows = customers(conn).query().execute();

    std::vector<std::int32_t> numbers;
    for (const auto& row : rows) {
        numbers.push_back(row.get<std::int32_t>("CustNum"));
    }
    ASSERT_EQ(numbers.size(), demo::kCustomerCount);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        EXPECT_EQ(numbers[i], static_cast<std::int32_t>(i + 1));
    }
    // Eight full pages, then an empty page proves the end: the same
    // requests a scan without prefetching sends.
    EXPECT_EQ(rows.pages_fetched(), 9U);
    EXPECT_EQ(page_requests(server()), 9U);
}

TEST_P(PrefetchTest, FirstRowSendsOneRequest) {
    start();
    auto conn = connect("Pagesize=5");
    {
        epicor::ResultSet rows = customers(conn).query().execute();
        ASSERT_TRUE(rows.next());
        EXPECT_EQ(rows.pages_fetched(), 1U);
    }
    EXPECT_EQ(page_requests(server()), 1U);
}

TEST_P(PrefetchTest, MaxRowsSendsNoExtraRequest) {
    start();
    auto conn = connect("Pagesize=5;MaxRows=12");
    epicor::ResultSet rows = customers(conn).query().execute();

    std::size_t delivered = 0;
    while (rows.next()) {
        ++delivered;
    }
    EXPECT_EQ(delivered, 12U);
    // Pages of 5, 5 and 2 rows. The limit ends the scan without a fourth.
    EXPECT_EQ(rows.pages_fetched(), 3U);
    EXPECT_EQ(page_requests(server()), 3U);
}

TEST_P(PrefetchTest, DestroyStopsSlowFetch) {
    start();
    auto conn = connect("Pagesize=5");
    auto set = customers(conn);
    static_cast<void>(set.columns());
    // The first page arrives at once; the second sends one byte every 50 ms
    // and would take minutes.
    server().faults().add(Fault::trickle(1, std::chrono::milliseconds(50)).on("/Customers$").after(1).times(1));

    std::optional<epicor::ResultSet> rows = set.query().execute();
    ASSERT_TRUE(rows->next());
    ASSERT_TRUE(rows->next());  // the second row starts the background fetch
    wait_for_page_requests(server(), 2);

    // Returns only once the background fetch is cancelled and joined; a
    // fetch left running would hang the test here.
    rows.reset();

    // The connection still works afterwards.
    std::size_t count = 0;
    for (const auto& row : set.query().top(3).execute()) {
        static_cast<void>(row);
        ++count;
    }
    EXPECT_EQ(count, 3U);
}

TEST_P(PrefetchTest, CancelStopsSlowFetch) {
    start();
    auto conn = connect("Pagesize=5");
    auto set = customers(conn);
    static_cast<void>(set.columns());
    server().faults().add(Fault::trickle(1, std::chrono::milliseconds(50)).on("/Customers$").after(1).times(1));

    epicor::CancellationToken token;
    epicor::ResultSet rows = set.query().cancellation(token).execute();
    ASSERT_TRUE(rows.next());
    ASSERT_TRUE(rows.next());
    wait_for_page_requests(server(), 2);
    token.cancel();

    // The first page is delivered in full; the cancelled second page
    // throws when the caller reaches it.
    std::uint64_t delivered = 2;
    EXPECT_THROW(
        {
            while (rows.next()) {
                ++delivered;
            }
        },
        epicor::CancelledError);
    EXPECT_EQ(delivered, 5U);
    EXPECT_EQ(page_requests(server()), 2U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, PrefetchTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
