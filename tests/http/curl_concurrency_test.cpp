#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>

#include "local_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

TEST(CurlTransportConcurrency, EightThreadsShareOneTransport) {
    constexpr int thread_count = 8;
    constexpr int requests_per_thread = 25;

    epicor::test::LocalHttpServer server;
    server.server().Get(R"(/item/(\d+))", [](const httplib::Request& request, httplib::Response& response) {
        response.set_content("item " + request.matches[1].str(), "text/plain");
    });
    server.start();

    epicor::CurlTransportOptions options;
    options.no_proxy = "*";
    options.max_connections = thread_count;
    epicor::CurlTransport transport(options);

    std::atomic<int> mismatches{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < requests_per_thread; ++i) {
                const std::string id = std::to_string(t * 1000 + i);
                epicor::HttpRequest request;
                request.url = server.base_url() + "/item/" + id;
                try {
                    const auto response = transport.send(request);
                    if (response.status != 200 || response.body != "item " + id) {
                        ++mismatches;
                    }
                } catch (const epicor::Error&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(mismatches.load(), 0);
    // One pooled handle, hence at most one connection, per concurrent request.
    EXPECT_LE(transport.idle_handles(), static_cast<std::size_t>(thread_count));
    EXPECT_GE(transport.idle_handles(), 1u);
    EXPECT_LE(server.connection_count(), static_cast<std::size_t>(thread_count));
}

TEST(CurlTransportConcurrency, MaxConnectionsBoundsHandles) {
    epicor::test::LocalHttpServer server;
    server.server().Get("/x", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("x", "text/plain");
    });
    server.start();

    epicor::CurlTransportOptions options;
    options.no_proxy = "*";
    options.max_connections = 2;
    epicor::CurlTransport transport(options);

    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                epicor::HttpRequest request;
                request.url = server.base_url() + "/x";
                if (transport.send(request).status != 200) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_LE(transport.idle_handles(), 2u);
    EXPECT_LE(server.connection_count(), 2u);
}

}  // namespace
