// Transport security: TLS verification is on by default, trusting a
// certificate is explicit, skipping verification is an opt-in that logs a
// warning, and credentials never go over plain http to a host other than
// the loopback interface unless AllowInsecureHttp=true.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace resilience_test {
namespace {

mock::MockServerOptions tls_options() {
    mock::MockServerOptions options;
    options.tls = true;
    return options;
}

// Records every log record the connection writes.
struct RecordedLog {
    std::mutex mutex;
    std::vector<epicor::LogRecord> records;

    epicor::LogCallback callback() {
        return [this](const epicor::LogRecord& record) {
            std::lock_guard lock(mutex);
            records.push_back(record);
        };
    }

    std::vector<epicor::LogRecord> warnings_containing(const std::string& text) {
        std::lock_guard lock(mutex);
        std::vector<epicor::LogRecord> found;
        for (const auto& record : records) {
            if (record.severity == epicor::LogSeverity::warning && record.message.find(text) != std::string::npos) {
                found.push_back(record);
            }
        }
        return found;
    }
};

// A transport that returns an empty service list for every request without
// touching the network, for URLs that must not be contacted.
class OfflineTransport : public epicor::Transport {
public:
    epicor::HttpResponse send(const epicor::HttpRequest& request) override {
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
        }
        epicor::HttpResponse response;
        response.status = 200;
        response.headers.set("Content-Type", "application/json");
        response.body = R"({"value": []})";
        return response;
    }

    std::vector<epicor::HttpRequest> requests() {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    std::mutex mutex_;
    std::vector<epicor::HttpRequest> requests_;
};

std::string http_connection_string(const std::string& url) {
    return "URL=" + url + ";ERPInstance=Kinetic;User=manager;Password=Epicor123!;ApiVersion=v2;"
                           "Company=EPIC06;ApiKey=mock-api-key";
}

TEST(TransportSecurityTest, UntrustedCertificateNamesSSLServerCert) {
    auto server = start_server(tls_options());
    // An empty value puts SSLServerCert back to its default: the system
    // trust store, which does not know the mock's CA.
    auto connection = epicor::connect(connection_string(*server, "SSLServerCert="));

    try {
        connection.services();
        FAIL() << "expected TransportError";
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(std::string(error.what()).find("SSLServerCert"), std::string::npos) << error.what();
    }
    // The handshake failed, so no request, and no credential, reached the server.
    EXPECT_EQ(server->request_log().size(), 0U);
    EXPECT_EQ(server->counters().tls_handshakes, 0U);
}

TEST(TransportSecurityTest, OtherServersCertificateIsRejected) {
    auto server = start_server(tls_options());
    auto other = start_server(tls_options());
    auto connection = epicor::connect(connection_string(*server, "SSLServerCert=" + other->ca_certificate_path()));

    try {
        connection.services();
        FAIL() << "expected TransportError";
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(std::string(error.what()).find("SSLServerCert"), std::string::npos) << error.what();
    }
    EXPECT_EQ(server->request_log().size(), 0U);
}

TEST(TransportSecurityTest, TrustedCertificateFileWorks) {
    auto server = start_server(tls_options());
    auto connection = epicor::connect(connection_string(*server));

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    EXPECT_GE(server->counters().tls_handshakes, 1U);
}

TEST(TransportSecurityTest, TrustedCertificateTextWorks) {
    auto server = start_server(tls_options());
    auto connection = epicor::connect(connection_string(*server, "SSLServerCert={" + server->ca_certificate_pem() + "}"));

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
}

TEST(TransportSecurityTest, MissingCertificateFileIsConfigError) {
    auto server = start_server(tls_options());
    TempDir directory;
    const std::string missing = (directory.path() / "no-such-ca.pem").string();

    try {
        epicor::connect(connection_string(*server, "SSLServerCert=" + missing));
        FAIL() << "expected ConfigError";
    } catch (const epicor::ConfigError& error) {
        ASSERT_FALSE(error.problems().empty());
        EXPECT_EQ(error.problems().front().property, "SSLServerCert");
    }
    EXPECT_EQ(server->request_log().size(), 0U);
}

TEST(TransportSecurityTest, SkipVerificationWorksAndWarns) {
    auto server = start_server(tls_options());
    RecordedLog log;
    epicor::ConnectOptions options;
    options.log_callback = log.callback();
    auto connection =
        epicor::connect(connection_string(*server, "SSLServerCert=;SSLInsecureSkipVerify=true"), options);

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);

    const auto warnings = log.warnings_containing("verification is disabled");
    EXPECT_EQ(warnings.size(), 1U);
}

TEST(TransportSecurityTest, PlainHttpToRemoteHostIsRejected) {
    // connect() sends nothing, so these hosts are only parsed, never contacted.
    for (const std::string url : {"http://erp.example.com", "http://erp.example.com:8080/sub",
                                  "http://127.0.0.1.example.com", "http://localhost.example.com",
                                  "http://192.0.2.10",
                                  "http://[2001:db8::1]", "http://[::ffff:192.0.2.10]", "HTTP://ERP.EXAMPLE.COM"}) {
        SCOPED_TRACE(url);
        try {
            epicor::connect(http_connection_string(url));
            FAIL() << "expected ConfigError";
        } catch (const epicor::ConfigError& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find("AllowInsecureHttp"), std::string::npos) << message;
            EXPECT_EQ(message.find("Epicor123!"), std::string::npos) << message;
            EXPECT_EQ(message.find("mock-api-key"), std::string::npos) << message;
        }
    }
}

TEST(TransportSecurityTest, UserInfoCannotDisguiseHost) {
    // "127.0.0.1@" is user information; the host is erp.example.com.
    try {
        epicor::connect(http_connection_string("http://127.0.0.1@erp.example.com"));
        FAIL() << "expected ConfigError";
    } catch (const epicor::ConfigError& error) {
        ASSERT_FALSE(error.problems().empty());
        EXPECT_EQ(error.problems().front().property, "URL");
    }
}

TEST(TransportSecurityTest, PlainHttpToLoopbackIsAccepted) {
    // 127.0.0.0/8, localhost and [::1] are the loopback interface; connect()
    // only parses them.
    for (const std::string url : {"http://127.0.0.1:1", "http://127.0.0.2:1", "http://localhost:1", "http://[::1]:1"}) {
        SCOPED_TRACE(url);
        EXPECT_NO_THROW(epicor::connect(http_connection_string(url)));
    }
}

TEST(TransportSecurityTest, AllowInsecureHttpSendsCredentials) {
    // The opt-in lets credentials go over plain http. An offline transport
    // replaces the network, so nothing leaves this process.
    auto transport = std::make_shared<OfflineTransport>();
    epicor::ConnectOptions options;
    options.transport = transport;
    auto connection =
        epicor::connect(http_connection_string("http://erp.example.com") + ";AllowInsecureHttp=true", options);

    connection.services();

    const auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].url.rfind("http://erp.example.com/", 0), 0U) << requests[0].url;
    EXPECT_EQ(requests[0].headers.get("Authorization").value_or("").rfind("Basic ", 0), 0U);
    EXPECT_EQ(requests[0].headers.get("x-api-key"), std::optional<std::string>("mock-api-key"));
}

}  // namespace
}  // namespace resilience_test
