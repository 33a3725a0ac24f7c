// Connection faults end to end: closed keep-alive connections, resets,
// stalls, trickles, truncated and malformed bodies and HTML error pages.
// Each must end in a response or a precise exception, never a crash, a
// hang or SIGPIPE.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <atomic>
#include <csignal>
#include <optional>
#include <string>

namespace resilience_test {
namespace {

std::atomic<int> sigpipe_count{0};

extern "C" void count_sigpipe(int) {
    sigpipe_count.fetch_add(1);
}

// Counts SIGPIPE while in scope instead of letting it end the process, so a
// test can assert that none was raised.
class SigpipeCounter {
public:
    SigpipeCounter() {
        sigpipe_count = 0;
        previous_ = std::signal(SIGPIPE, count_sigpipe);
    }
    ~SigpipeCounter() { std::signal(SIGPIPE, previous_); }
    SigpipeCounter(const SigpipeCounter&) = delete;
    SigpipeCounter& operator=(const SigpipeCounter&) = delete;

    int count() const { return sigpipe_count.load(); }

private:
    void (*previous_)(int) = SIG_DFL;
};

TEST(ConnectionFaultTest, IdleKeepAliveClosedByServer) {
    // The first server serves a scan over a keep-alive connection and then
    // stops. It closes the idle connection when the connection's keep-alive
    // timeout ends (5 s in cpp-httplib 0.11), as a real server does. A second
    // server takes over the same port, and the next scan must open a new
    // connection by itself, without a retry.
    auto first = start_server();
    const int port = first->port();
    auto connection = std::make_optional(epicor::connect(connection_string(*first, "MaxRetries=0")));
    EXPECT_EQ(scan_customers(*connection).rows, mock::demo::kCustomerCount);
    first->stop();

    mock::MockServerOptions options;
    options.port = port;
    auto second = start_server(options);
    EXPECT_EQ(scan_customers(*connection).rows, mock::demo::kCustomerCount);
    EXPECT_EQ(second->counters().connections, 1U);

    // Closing the client side first lets the second server stop at once.
    connection.reset();
}

TEST(ConnectionFaultTest, ResetBeforeResponseRetriesGet) {
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server));
    connection.services();  // a kept-alive connection, as in a longer session
    server->faults().add(mock::Fault::reset().on("/Customers").times(1));

    const ScanResult scan = scan_customers(connection);

    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);
    const auto requests = requests_to(*server, "GET", "/Customers");
    ASSERT_EQ(requests.size(), scan.pages + 1);
    EXPECT_EQ(std::count_if(requests.begin(), requests.end(),
                            [](const auto& request) { return request.fault == "reset"; }),
              1);
}

TEST(ConnectionFaultTest, ReusedConnectionPostNotReplayed) {
    // libcurl resends a request on its own when a reused connection closes
    // before any response byte. For a POST that would be a silent replay.
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server));
    connection.services();
    server->faults().add(mock::Fault::reset().method("POST").on("/GetByID"));

    EXPECT_THROW(connection.service(kCustomerService).call("GetByID", {{"custNum", 1}}),
                 epicor::OutcomeUnknownError);
    EXPECT_EQ(count_requests(*server, "POST", "/GetByID"), 1U);
}

TEST(ConnectionFaultTest, ResetMidBodyRetriesGet) {
    auto server = start_server();
    server->faults().add(mock::Fault::reset_mid_body().on("/Customers").times(1));
    auto connection = epicor::connect(connection_string(*server));

    const ScanResult scan = scan_customers(connection);

    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 1);
}

TEST(ConnectionFaultTest, TlsFaultsAreRetriedLikePlainOnes) {
    // Over TLS a reset or a short body surfaces as a TLS read error, which
    // must be retried as the plain-TCP failure is.
    mock::MockServerOptions options;
    options.tls = true;
    auto server = start_server(options);
    server->faults().add(mock::Fault::reset_mid_body().on("/Customers").times(1));
    server->faults().add(mock::Fault::truncated_body().on("/Customers").times(1));
    server->faults().add(mock::Fault::reset().on("/Customers").times(1));
    epicor::CurlTransportOptions transport_options;
    transport_options.ssl_server_cert = server->ca_certificate_path();
    RecordedWaits waits;
    auto connection = connect_through(*server, retrying_stack(recording_policy(waits), transport_options));

    const ScanResult scan = scan_customers(connection);

    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);
    EXPECT_EQ(waits.waits().size(), 3U);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 3);
}

TEST(ConnectionFaultTest, ResetMidBodyWithoutRetriesFails) {
    SigpipeCounter sigpipes;
    auto server = start_server();
    server->faults().add(mock::Fault::reset_mid_body().on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=0"));

    try {
        scan_customers(connection);
        FAIL() << "expected TransportError";
    } catch (const epicor::DataError& error) {
        FAIL() << "half a body must not reach the JSON reader: " << error.what();
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(error.curl_code(), 0);
        EXPECT_NE(error.url().find("/Customers"), std::string::npos) << error.url();
    }
    EXPECT_EQ(sigpipes.count(), 0);
}

TEST(ConnectionFaultTest, StallAfterHeadersHitsTimeout) {
    // The headers arrive, then one body byte every 700 ms: Timeout=1 ends
    // the request after about a second.
    auto server = start_server();
    server->faults().add(mock::Fault::trickle(1, 700ms).on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "Timeout=1;MaxRetries=0"));

    try {
        scan_customers(connection);
        FAIL() << "expected TimeoutError";
    } catch (const epicor::TimeoutError& error) {
        EXPECT_NE(std::string(error.what()).find("/Customers"), std::string::npos) << error.what();
    }
}

TEST(ConnectionFaultTest, StallHitsLowSpeedLimit) {
    // No overall Timeout: only the low-speed limit (1000 bytes/s over one
    // second) can end a body that trickles at 5 bytes/s.
    auto server = start_server();
    server->faults().add(mock::Fault::trickle(1, 200ms).on("/Customers"));
    epicor::CurlTransportOptions options;
    options.timeout = 0ms;
    options.low_speed_limit = 1000;
    options.low_speed_time = 1s;
    RecordedWaits waits;
    auto connection = connect_through(*server, retrying_stack(recording_policy(waits, 1), options));

    EXPECT_THROW(scan_customers(connection), epicor::TimeoutError);
}

TEST(ConnectionFaultTest, TrickledBodyIsReadWhole) {
    auto server = start_server();
    server->faults().add(mock::Fault::trickle(512, 2ms).on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=0"));

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    EXPECT_EQ(requests_to(*server, "GET", "/Customers").front().fault, "trickle");
}

TEST(ConnectionFaultTest, DelayWithinTimeoutSucceeds) {
    auto server = start_server();
    server->faults().add(mock::Fault::delay(300ms).on("/Customers").times(1));
    auto connection = epicor::connect(connection_string(*server, "Timeout=5;MaxRetries=0"));

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
}

TEST(ConnectionFaultTest, TruncatedBodyIsRetried) {
    auto server = start_server();
    server->faults().add(mock::Fault::truncated_body().on("/Customers").times(1));
    auto connection = epicor::connect(connection_string(*server));

    const ScanResult scan = scan_customers(connection);

    EXPECT_EQ(scan.rows, mock::demo::kCustomerCount);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), scan.pages + 1);
}

TEST(ConnectionFaultTest, TruncatedBodyWithoutRetriesFails) {
    auto server = start_server();
    server->faults().add(mock::Fault::truncated_body().on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=0"));

    try {
        scan_customers(connection);
        FAIL() << "expected TransportError";
    } catch (const epicor::DataError& error) {
        FAIL() << "a short body must be reported as a transfer failure: " << error.what();
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(error.curl_code(), 0) << error.what();
    }
}

TEST(ConnectionFaultTest, MalformedJsonQuotesExcerpt) {
    auto server = start_server();
    server->faults().add(mock::Fault::malformed_json().on("/Customers"));
    auto connection = epicor::connect(connection_string(*server));

    try {
        scan_customers(connection);
        FAIL() << "expected DataError";
    } catch (const epicor::DataError& error) {
        const std::string message = error.what();
        // A short, one-line excerpt of the body, not the whole page.
        EXPECT_NE(message.find("@odata.context"), std::string::npos) << message;
        EXPECT_LT(message.size(), 1000U) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        EXPECT_EQ(message.find("Epicor123!"), std::string::npos) << message;
    }
    // A 200 with a bad body is not a reason to retry.
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 1U);
}

TEST(ConnectionFaultTest, HtmlBadGatewayPageIsReadable) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(502)
                             .html("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
                                   "<body><h1>Bad Gateway</h1><p>The proxy received an invalid response "
                                   "from the upstream server.</p></body></html>\n")
                             .on("/Customers"));
    auto connection = epicor::connect(connection_string(*server, "MaxRetries=0"));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        const std::string message = error.what();
        EXPECT_EQ(error.status(), 502);
        EXPECT_NE(message.find("Bad Gateway"), std::string::npos) << message;
        EXPECT_EQ(message.find("<html"), std::string::npos) << message;
        EXPECT_EQ(message.find("parse"), std::string::npos) << message;
        EXPECT_EQ(message.find("JSON"), std::string::npos) << message;
    }
}

TEST(ConnectionFaultTest, PlainTextErrorIsQuoted) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(500).plain_text("Database unavailable").on("/Customers"));
    auto connection = epicor::connect(connection_string(*server));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 500);
        EXPECT_NE(error.error_message().find("Database unavailable"), std::string::npos) << error.what();
    }
    // 500 is not in the retried statuses.
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 1U);
}

TEST(ConnectionFaultTest, LargePostIntoClosedConnection) {
    // The server closes the connection without reading a 4 MiB body, so the
    // client writes into a closed socket: EPIPE, which must not raise SIGPIPE.
    SigpipeCounter sigpipes;
    auto server = start_server();
    server->faults().add(mock::Fault::reset().method("POST").on("/Parts$"));
    auto connection = epicor::connect(connection_string(*server));
    const std::string description(4U * 1024U * 1024U, 'x');

    EXPECT_THROW(connection.service(kPartService)
                     .entity_set("Parts")
                     .create(epicor::FieldValues{{"Company", "EPIC06"},
                                                 {"PartNum", "BIG-1"},
                                                 {"PartDescription", description},
                                                 {"IUM", "EA"}}),
                 epicor::OutcomeUnknownError);
    EXPECT_EQ(sigpipes.count(), 0);
    EXPECT_LE(count_requests(*server, "POST", "/Parts"), 1U);
}

TEST(ConnectionFaultTest, OversizedBodyIsRejected) {
    auto server = start_server();
    epicor::CurlTransportOptions options;
    options.max_response_bytes = 1024;
    RecordedWaits waits;
    auto connection = connect_through(*server, retrying_stack(recording_policy(waits, 1), options));

    try {
        scan_customers(connection);
        FAIL() << "expected TransportError";
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(std::string(error.what()).find("1024"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace resilience_test
