// Retries end to end: the real library against the mock server's injected
// statuses, Retry-After values, resets and refused connections. The mock's
// request log shows every attempt that reached the server.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <chrono>
#include <ctime>
#include <string>

namespace resilience_test {
namespace {

using std::chrono::milliseconds;

// Formats `time` as an IMF-fixdate, the HTTP date form of Retry-After.
std::string http_date(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

class RetryStatusTest : public ::testing::TestWithParam<int> {};

// The default policy of connect() (MaxRetries=3, 500 ms backoff): one
// retryable status, then the normal response.
TEST_P(RetryStatusTest, GetSucceedsAfterOneStatus) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(GetParam()).on("/Customers").times(1));
    auto connection = epicor::connect(connection_string(*server));

    const ScanResult scan = scan_customers(connection);
    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);

    // The first page request failed and was sent again unchanged; the
    // pages after it were sent once each.
    const auto requests = requests_to(*server, "GET", "/Customers");
    ASSERT_EQ(requests.size(), scan.pages + 1);
    EXPECT_EQ(requests[0].status, GetParam());
    EXPECT_EQ(requests[0].fault, "status");
    EXPECT_EQ(requests[1].status, 200);
    EXPECT_EQ(requests[1].fault, "");
    EXPECT_EQ(requests[1].query, requests[0].query);
}

INSTANTIATE_TEST_SUITE_P(Statuses, RetryStatusTest, ::testing::Values(429, 502, 503, 504),
                         [](const ::testing::TestParamInfo<int>& param) {
                             return "Status" + std::to_string(param.param);
                         });

TEST(RetryTest, SeveralStatusesInARow) {
    auto server = start_server();
    for (const int status : {503, 502, 504, 429}) {
        server->faults().add(mock::Fault::status(status).on("/Customers").times(1));
    }
    RecordedWaits waits;
    auto connection = connect_through(*server, retrying_stack(recording_policy(waits, 5)));

    const ScanResult scan = scan_customers(connection);
    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);

    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 4);
    // Exponential backoff from the 500 ms base, no jitter.
    EXPECT_EQ(waits.waits(), (std::vector<milliseconds>{500ms, 1000ms, 2000ms, 4000ms}));
}

TEST(RetryTest, RetryAfterSecondsIsHonoured) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).retry_after("7").on("/Customers").times(1));
    RecordedWaits waits;
    auto connection = connect_through(*server, retrying_stack(recording_policy(waits)));

    const ScanResult scan = scan_customers(connection);
    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);

    EXPECT_EQ(waits.waits(), std::vector<milliseconds>{7000ms});
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 1);
}

TEST(RetryTest, RetryAfterDateIsHonoured) {
    auto server = start_server();
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'750'000'000));
    server->faults().add(mock::Fault::status(429).retry_after(http_date(now + 12s)).on("/Customers").times(1));
    RecordedWaits waits;
    epicor::RetryPolicy policy = recording_policy(waits);
    policy.system_now = [now] { return now; };
    auto connection = connect_through(*server, retrying_stack(policy));

    const ScanResult scan = scan_customers(connection);
    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);

    EXPECT_EQ(waits.waits(), std::vector<milliseconds>{12000ms});
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 1);
}

TEST(RetryTest, RetryAfterRealWaitThroughConnect) {
    // A real one-second wait, through the stack connect() builds.
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).retry_after("1").on("/Customers").times(1));
    auto connection = epicor::connect(connection_string(*server));

    const ScanResult scan = scan_customers(connection);
    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 1);
}

TEST(RetryTest, GarbageRetryAfterFallsBackToBackoff) {
    for (const std::string garbage : {"soon", "-5", "1e3", "Thu, 99 Foo 2025 25:61:61 GMT", "", "\x01\xff"}) {
        SCOPED_TRACE("Retry-After: " + garbage);
        auto server = start_server();
        server->faults().add(mock::Fault::status(503).retry_after(garbage).on("/Customers").times(1));
        RecordedWaits waits;
        auto connection = connect_through(*server, retrying_stack(recording_policy(waits)));

        EXPECT_NO_THROW(EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount));

        // The unreadable header is ignored and the computed backoff applies.
        EXPECT_EQ(waits.waits(), std::vector<milliseconds>{500ms});
    }
}

TEST(RetryTest, LastAttemptThrowsServerError) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).message("Kinetic is restarting").on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=1"));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 503);
        EXPECT_EQ(error.error_message(), "Kinetic is restarting");
        EXPECT_FALSE(error.correlation_id().empty());
        EXPECT_NE(std::string(error.what()).find("503"), std::string::npos) << error.what();
    }
    // MaxRetries=1: the first attempt and one retry.
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 2U);
}

TEST(RetryTest, LastAttemptThrowsTooManyRequests) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(429).retry_after("0").on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=2"));

    try {
        scan_customers(connection);
        FAIL() << "expected TooManyRequestsError";
    } catch (const epicor::TooManyRequestsError& error) {
        EXPECT_EQ(error.status(), 429);
        EXPECT_NE(std::string(error.what()).find("429"), std::string::npos) << error.what();
    }
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 3U);
}

TEST(RetryTest, MaxRetriesZeroSendsOnce) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(502).on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=0"));

    EXPECT_THROW(scan_customers(connection), epicor::ServerError);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 1U);
}

TEST(RetryTest, RetryTimeoutStopsBeforeLongWait) {
    // The server requests a wait longer than the whole RetryTimeout, so the
    // library gives up at once instead of sleeping.
    auto server = start_server();
    server->faults().add(mock::Fault::status(503).retry_after("30").on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=10;RetryTimeout=1"));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 503);
    }
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 1U);
}

TEST(RetryTest, TotalTimeLimitsRetries) {
    // Each recorded wait advances a simulated clock, so attempts start at
    // 0 s, 1 s and 3 s. The next wait (4 s) would end at 7 s, past the 5 s limit.
    auto server = start_server();
    server->faults().add(mock::Fault::status(504).on("/Customers"));
    RecordedWaits waits;
    auto simulated_now = std::make_shared<std::chrono::steady_clock::time_point>();
    epicor::RetryPolicy policy;
    policy.max_attempts = 10;
    policy.base_delay = 1s;
    policy.jitter = 0.0;
    policy.max_total_time = 5s;
    policy.steady_now = [simulated_now] { return *simulated_now; };
    policy.sleep = [&waits, simulated_now](milliseconds delay) {
        waits.record(delay);
        *simulated_now += delay;
    };
    auto connection = connect_through(*server, retrying_stack(policy));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 504);
    }
    EXPECT_EQ(waits.waits(), (std::vector<milliseconds>{1000ms, 2000ms}));
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 3U);
}

TEST(RetryTest, CreateResetMidBodyIsNotReplayed) {
    auto server = start_server();
    server->faults().add(mock::Fault::reset_mid_body().method("POST").on("/Parts$"));
    auto connection = epicor::connect(connection_string(*server));
    const auto parts = connection.service(kPartService).entity_set("Parts");

    try {
        parts.create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "RESET-1"}, {"IUM", "EA"}});
        FAIL() << "expected OutcomeUnknownError";
    } catch (const epicor::OutcomeUnknownError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("unknown"), std::string::npos) << message;
        EXPECT_NE(message.find("POST"), std::string::npos) << message;
    }

    // Exactly one POST reached the server, and it did create the row: this
    // is why the library must not send it again.
    EXPECT_EQ(count_requests(*server, "POST", "/Parts"), 1U);
    server->faults().clear();
    EXPECT_EQ(parts.get({"EPIC06", "RESET-1"}).get<std::string>("PartNum"), "RESET-1");
}

TEST(RetryTest, MethodCallResetIsNotReplayed) {
    auto server = start_server();
    server->faults().add(mock::Fault::reset().method("POST").on("/GetByID"));
    auto connection = epicor::connect(connection_string(*server));

    EXPECT_THROW(connection.service(kCustomerService).call("GetByID", {{"custNum", 1}}),
                 epicor::OutcomeUnknownError);
    EXPECT_EQ(count_requests(*server, "POST", "/GetByID"), 1U);
}

TEST(RetryTest, UpdateByKeyIsRetriedAfterReset) {
    // PATCH and DELETE by key are idempotent: applying them twice leaves the
    // row as applying them once does, so a lost response is retried.
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server));
    auto parts = connection.service(kPartService).entity_set("Parts");
    parts.columns();
    server->faults().add(mock::Fault::reset().method("PATCH").on("/Parts").times(1));
    server->faults().add(mock::Fault::reset().method("DELETE").on("/Parts").times(1));

    parts.update({"EPIC06", "BRK-100"}, epicor::FieldValues{{"PartDescription", "Changed by a retried PATCH"}});
    EXPECT_EQ(parts.get({"EPIC06", "BRK-100"}).get<std::string>("PartDescription"), "Changed by a retried PATCH");
    parts.remove({"EPIC06", "BRK-100"});
    EXPECT_THROW(parts.get({"EPIC06", "BRK-100"}), epicor::NotFoundError);

    EXPECT_EQ(count_requests(*server, "PATCH", "/Parts"), 2U);
    EXPECT_EQ(count_requests(*server, "DELETE", "/Parts"), 2U);
}

TEST(RetryTest, CreateAfterRefusedConnectionIsRetried) {
    // Nothing listens on the port at the first attempt; the recorded wait
    // before the retry starts the server there.
    const int port = unused_loopback_port();
    mock::MockServerOptions options;
    options.port = port;
    auto server = std::make_unique<mock::MockKineticServer>(options);

    RecordedWaits waits;
    epicor::RetryPolicy policy = recording_policy(waits, 3);
    policy.sleep = [&](milliseconds delay) {
        waits.record(delay);
        if (!server->running()) {
            server->start();
        }
    };
    epicor::ConnectOptions connect_options;
    connect_options.transport = retrying_stack(policy);
    auto connection = epicor::connect("URL=http://127.0.0.1:" + std::to_string(port) +
                                          ";ERPInstance=KineticMock;User=manager;Password=Epicor123!;"
                                          "ApiVersion=v2;Company=EPIC06;ApiKey=mock-api-key",
                                      connect_options);

    const auto row = connection.service(kPartService)
                         .entity_set("Parts")
                         .create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "REFUSED-1"}, {"IUM", "EA"}});

    EXPECT_EQ(row.get<std::string>("PartNum"), "REFUSED-1");
    EXPECT_EQ(waits.waits().size(), 1U);
    EXPECT_EQ(count_requests(*server, "POST", "/Parts"), 1U);
}

TEST(RetryTest, CreateRefusedEveryTimeIsTransportError) {
    const int port = unused_loopback_port();
    RecordedWaits waits;
    epicor::ConnectOptions connect_options;
    connect_options.transport = retrying_stack(recording_policy(waits, 3));
    auto connection = epicor::connect("URL=http://127.0.0.1:" + std::to_string(port) +
                                          ";ERPInstance=KineticMock;User=manager;Password=Epicor123!;"
                                          "ApiVersion=v2;Company=EPIC06;ApiKey=mock-api-key",
                                      connect_options);

    try {
        connection.service(kPartService).entity_set("Parts").create(nlohmann::json{{"PartNum", "X"}});
        FAIL() << "expected TransportError";
    } catch (const epicor::OutcomeUnknownError& error) {
        FAIL() << "a refused connection proves the POST never arrived: " << error.what();
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(std::string(error.what()).find("127.0.0.1"), std::string::npos) << error.what();
    }
    EXPECT_EQ(waits.waits().size(), 2U);
}

}  // namespace
}  // namespace resilience_test
