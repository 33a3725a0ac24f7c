// Faults under concurrency: many threads share one Connection while the
// server fails some of their requests and expires their token. Every
// thread must get every row, and the token is renewed once for all.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace resilience_test {
namespace {

constexpr int kThreads = 8;

TEST(ConcurrentFaultTest, SharedConnectionSurvivesFaults) {
    mock::MockServerOptions options;
    options.worker_threads = kThreads + 2;
    auto server = start_server(options);
    server->faults().add(mock::Fault::status(503).retry_after("0").on("/Customers").times(kThreads));
    server->faults().add(mock::Fault::reset().on("/Customers").times(kThreads / 2));
    server->faults().add(mock::Fault::truncated_body().on("/Customers").times(kThreads / 2));
    auto connection = epicor::connect(connection_string(*server, "Pagesize=10;MaxRetries=10"));

    std::atomic<int> complete_scans{0};
    std::vector<std::string> failures(kThreads);
    std::vector<std::thread> threads;
    for (int index = 0; index < kThreads; ++index) {
        threads.emplace_back([&, index] {
            try {
                if (scan_customers(connection).rows == mock::demo::kCustomerCount) {
                    ++complete_scans;
                }
            } catch (const std::exception& error) {
                failures[static_cast<std::size_t>(index)] = error.what();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    for (const auto& failure : failures) {
        EXPECT_EQ(failure, "");
    }
    EXPECT_EQ(complete_scans.load(), kThreads);
    EXPECT_EQ(server->faults().pending(), 0U);
}

TEST(ConcurrentFaultTest, TokenExpiryRenewsOnceForAllThreads) {
    mock::MockServerOptions options;
    options.worker_threads = kThreads + 2;
    auto server = start_server(options);
    auto connection = epicor::connect(connection_string(*server, "AuthScheme=Token;Pagesize=10"));
    connection.services();
    server->expire_all_tokens();

    std::atomic<int> complete_scans{0};
    std::vector<std::thread> threads;
    for (int index = 0; index < kThreads; ++index) {
        threads.emplace_back([&] {
            try {
                if (scan_customers(connection).rows == mock::demo::kCustomerCount) {
                    ++complete_scans;
                }
            } catch (const std::exception& error) {
                ADD_FAILURE() << error.what();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    EXPECT_EQ(complete_scans.load(), kThreads);
    // The first token, and one renewal however many threads saw the 401.
    EXPECT_EQ(server->counters().tokens_issued, 2U);
}

}  // namespace
}  // namespace resilience_test
