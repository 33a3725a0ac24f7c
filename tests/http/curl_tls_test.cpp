#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>
#include <epicor/log.hpp>

#include "local_server.hpp"
#include "test_certificate.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

namespace {

using epicor::CurlTransport;
using epicor::CurlTransportOptions;
using epicor::HttpRequest;

class CurlTlsTest : public ::testing::Test {
protected:
    CurlTlsTest()
        : certificate_(epicor::test::make_test_certificate(directory_.path())),
          server_(certificate_.certificate_file.string(), certificate_.private_key_file.string()) {
        server_.server().Get("/hello", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("hello over TLS", "text/plain");
        });
        server_.start();
    }

    CurlTransportOptions options() const {
        CurlTransportOptions result;
        result.no_proxy = "*";
        return result;
    }

    HttpRequest hello() const {
        HttpRequest request;
        request.url = server_.base_url() + "/hello";
        return request;
    }

    epicor::test::TempDirectory directory_;
    epicor::test::TestCertificate certificate_;
    epicor::test::LocalHttpServer server_;
};

TEST_F(CurlTlsTest, SelfSignedServerFailsAndNamesSslServerCert) {
    CurlTransport transport(options());
    try {
        transport.send(hello());
        FAIL() << "send returned";
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(std::string(error.what()).find("SSLServerCert"), std::string::npos) << error.what();
        EXPECT_EQ(error.curl_code(), 60);  // CURLE_PEER_FAILED_VERIFICATION
    }
}

TEST_F(CurlTlsTest, TrustsCertificateFromFile) {
    CurlTransportOptions settings = options();
    settings.ssl_server_cert = certificate_.certificate_file.string();
    CurlTransport transport(settings);
    const auto response = transport.send(hello());
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "hello over TLS");
}

TEST_F(CurlTlsTest, TrustsCertificateFromPemText) {
    CurlTransportOptions settings = options();
    settings.ssl_server_cert = certificate_.certificate_pem;
    ASSERT_EQ(settings.ssl_server_cert.rfind("-----BEGIN", 0), 0u);
    CurlTransport transport(settings);
    EXPECT_EQ(transport.send(hello()).status, 200);
    // A second request on the reused handle gets the blob applied again.
    EXPECT_EQ(transport.send(hello()).status, 200);
    EXPECT_EQ(server_.connection_count(), 1u);
}

TEST_F(CurlTlsTest, UnreadableCertificateFileIsConfigError) {
    CurlTransportOptions settings = options();
    settings.ssl_server_cert = (directory_.path() / "missing.pem").string();
    try {
        CurlTransport transport(settings);
        FAIL() << "constructor returned";
    } catch (const epicor::ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 1u);
        EXPECT_EQ(error.problems()[0].property, "SSLServerCert");
        EXPECT_NE(error.problems()[0].message.find("missing.pem"), std::string::npos);
    }
}

TEST_F(CurlTlsTest, SkippingVerificationWorksAndWarnsOnce) {
    auto logger = std::make_shared<epicor::Logger>(epicor::LogLevel::errors);
    std::vector<epicor::LogRecord> records;
    std::mutex mutex;
    logger->set_callback([&](const epicor::LogRecord& record) {
        std::lock_guard<std::mutex> lock(mutex);
        records.push_back(record);
    });
    CurlTransportOptions settings = options();
    settings.insecure_skip_tls_verify = true;
    settings.logger = logger;
    CurlTransport transport(settings);
    EXPECT_EQ(transport.send(hello()).status, 200);
    EXPECT_EQ(transport.send(hello()).status, 200);

    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].severity, epicor::LogSeverity::warning);
    EXPECT_NE(records[0].message.find("verification is disabled"), std::string::npos);
}

}  // namespace
