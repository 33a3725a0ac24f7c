// A server on 127.0.0.1 that ignores $skip and sends the same rows for
// every page: the scan stops with DataError instead of repeating them.

#include <epicor/baq.hpp>
#include <epicor/connection.hpp>
#include <epicor/error.hpp>
#include <epicor/query.hpp>
#include <epicor/result_set.hpp>

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace {

TEST(SkipIgnored, BaqScanStopsAtRepeatedPage) {
    std::atomic<int> requests{0};
    httplib::Server server;
    server.Get(".*", [&requests](const httplib::Request&, httplib::Response& response) {
        // Past a few pages the scan has looped, so the server ends it.
        if (++requests > 20) {
            response.status = 500;
            return;
        }
        response.set_content(R"({"value":[{"CustID":"A"},{"CustID":"B"},{"CustID":"C"}]})",
                             "application/json");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    std::thread thread([&server] { server.listen_after_bind(); });
    while (!server.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    auto connection = epicor::connect("URL=http://127.0.0.1:" + std::to_string(port) +
                                      ";ERPInstance=Kinetic;User=u;Password=p");
    auto rows = connection.baq("zX").query().execute();
    int delivered = 0;
    try {
        while (rows.next()) {
            ++delivered;
        }
        ADD_FAILURE() << "the scan ended without an error";
    } catch (const epicor::DataError& error) {
        EXPECT_NE(std::string(error.what()).find("ignores $skip"), std::string::npos) << error.what();
    } catch (const epicor::HttpError& error) {
        ADD_FAILURE() << "the scan looped until the server stopped it: " << error.what();
    }
    EXPECT_EQ(delivered, 3);
    EXPECT_EQ(requests.load(), 2);

    server.stop();
    thread.join();
}

}  // namespace
