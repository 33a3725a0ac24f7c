#include "server_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace epicor::testing {
namespace {

using namespace test_support;

TEST(ServerConcurrency, ParallelClientsAllSucceed) {
    MockKineticServer server;
    server.start();
    constexpr int kThreads = 8;
    constexpr int kRequestsPerThread = 20;
    std::atomic<int> successes{0};

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&server, &successes, t] {
            auto client = make_client(server);
            client->set_keep_alive(true);
            for (int i = 0; i < kRequestsPerThread; ++i) {
                const std::string path = v2("Erp.BO.CustomerSvc/Customers('EPIC06'," + std::to_string(1 + (t + i) % 10) + ")");
                auto result = client->Get(path.c_str());
                if (result && result->status == 200) {
                    ++successes;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    EXPECT_EQ(successes.load(), kThreads * kRequestsPerThread);
    EXPECT_EQ(server.counters().requests, static_cast<std::uint64_t>(kThreads * kRequestsPerThread));
    EXPECT_EQ(server.request_log().size(), static_cast<std::size_t>(kThreads * kRequestsPerThread));
}

TEST(ServerConcurrency, ParallelWritesBumpSysRevIdOnce) {
    MockKineticServer server;
    server.start();
    constexpr int kThreads = 6;
    std::vector<std::thread> threads;
    std::atomic<int> no_content{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&server, &no_content, t] {
            auto client = make_client(server);
            auto result = client->Patch(v2("Erp.BO.CustomerSvc/Customers('EPIC06',4)").c_str(),
                                        R"({"Name":"Writer )" + std::to_string(t) + "\"}", "application/json");
            if (result && result->status == 204) {
                ++no_content;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(no_content.load(), kThreads);
    auto client = make_client(server);
    auto row = client->Get(v2("Erp.BO.CustomerSvc/Customers('EPIC06',4)").c_str());
    ASSERT_TRUE(row);
    EXPECT_EQ(body_of(row)["SysRevID"], 1 + kThreads);
}

}  // namespace
}  // namespace epicor::testing
