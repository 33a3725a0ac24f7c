// One Connection used from eight threads at once: every thread receives
// every row exactly once, and the Epicor token and $metadata are each
// fetched once.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>

#include <atomic>
#include <set>
#include <thread>

namespace client_test {
namespace {

using ConcurrencyTest = ClientTest;
namespace demo = epicor::testing::demo;

TEST_P(ConcurrencyTest, EightThreadsShareOneConnection) {
    mock::MockServerOptions options;
    options.max_page_size = 9;
    options.worker_threads = 16;
    start(options);
    const auto conn = connect("AuthScheme=Token;Pagesize=10");

    constexpr int thread_count = 8;
    std::vector<std::set<std::int32_t>> seen(thread_count);
    std::vector<std::size_t> totals(thread_count, 0);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t, handle = conn] {
            try {
                auto rows = handle.service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();
                for (const auto& row : rows) {
                    seen[static_cast<std::size_t>(t)].insert(row.get<std::int32_t>("CustNum"));
                    ++totals[static_cast<std::size_t>(t)];
                }
            } catch (const epicor::Error&) {
                ++failures;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    EXPECT_EQ(failures.load(), 0);
    for (int t = 0; t < thread_count; ++t) {
        EXPECT_EQ(totals[static_cast<std::size_t>(t)], demo::kCustomerCount) << "thread " << t;
        EXPECT_EQ(seen[static_cast<std::size_t>(t)].size(), demo::kCustomerCount) << "thread " << t;
    }
    EXPECT_EQ(server().counters().tokens_issued, 1U);
    std::size_t metadata_reads = 0;
    for (const auto& entry : server().request_log().entries()) {
        metadata_reads += entry.path.find("$metadata") != std::string::npos ? 1U : 0U;
    }
    EXPECT_EQ(metadata_reads, 1U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, ConcurrencyTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
