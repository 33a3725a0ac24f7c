#include "server_test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace epicor::testing {
namespace {

using namespace test_support;

MockServerOptions tls_options() {
    MockServerOptions options;
    options.tls = true;
    return options;
}

TEST(ServerTls, ServesHttpsWithGeneratedCa) {
    MockKineticServer server(tls_options());
    server.start();

    EXPECT_EQ(server.base_url().rfind("https://127.0.0.1:", 0), 0U);
    auto client = make_client(server);
    auto result = client->Get(v2("").c_str());
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
}

TEST(ServerTls, CaFileMatchesPem) {
    MockKineticServer server(tls_options());
    server.start();

    const std::string pem = server.ca_certificate_pem();
    EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----", 0), 0U);
    std::ifstream file(server.ca_certificate_path());
    std::stringstream contents;
    contents << file.rdbuf();
    EXPECT_EQ(contents.str(), pem);
    EXPECT_NE(server.connection_string(ODataVersion::v2).find("SSLServerCert=" + server.ca_certificate_path()),
              std::string::npos);
}

TEST(ServerTls, UntrustedClientIsRejected) {
    MockKineticServer server(tls_options());
    server.start();

    httplib::Client client("https://127.0.0.1:" + std::to_string(server.port()));
    client.enable_server_certificate_verification(true);
    // Trust only a different, freshly generated CA.
    MockKineticServer other(tls_options());
    other.start();
    client.set_ca_cert_path(other.ca_certificate_path().c_str());
    auto result = client.Get("/KineticMock/api/v1/");
    EXPECT_FALSE(result);
}

TEST(ServerTls, CountsHandshakesAndConnections) {
    MockKineticServer server(tls_options());
    server.start();

    for (int i = 0; i < 3; ++i) {
        auto client = make_client(server);
        auto result = client->Get(v2("").c_str());
        ASSERT_TRUE(result);
    }
    auto keep_alive = make_client(server);
    keep_alive->set_keep_alive(true);
    ASSERT_TRUE(keep_alive->Get(v2("").c_str()));
    ASSERT_TRUE(keep_alive->Get(v2("").c_str()));

    const ServerCounters counters = server.counters();
    EXPECT_EQ(counters.tls_handshakes, 4U);
    EXPECT_EQ(counters.connections, 4U);
    EXPECT_EQ(counters.requests, 5U);

    server.reset_counters();
    EXPECT_EQ(server.counters().tls_handshakes, 0U);
    EXPECT_EQ(server.counters().requests, 0U);
}

TEST(ServerTls, PlainServerHasNoCertificate) {
    MockKineticServer server;
    server.start();
    EXPECT_EQ(server.ca_certificate_pem(), "");
    EXPECT_EQ(server.ca_certificate_path(), "");
    EXPECT_EQ(server.counters().tls_handshakes, 0U);
}

}  // namespace
}  // namespace epicor::testing
