// make_transport() and the options it derives from the connection
// properties, against the mock Kinetic server on 127.0.0.1.

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/retry_policy.hpp>
#include <epicor/http.hpp>
#include <epicor/testing/fault.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>
#include <epicor/transport_factory.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(TransportFactory, CurlOptionsFollowProperties) {
    const auto settings = epicor::ConnectionSettings::parse(
        "URL=https://acme.example;ERPInstance=Kinetic;User=u;Password=p;Timeout=45;ConnectTimeout=7;"
        "SSLInsecureSkipVerify=true;ProxyServer=proxy.example;ProxyPort=3128;ProxyUser=pu;"
        "ProxyPassword=pp;ProxyExceptions=a.example, b.example");
    const epicor::CurlTransportOptions options = epicor::curl_transport_options(settings);
    EXPECT_EQ(options.timeout, seconds(45));
    EXPECT_EQ(options.connect_timeout, seconds(7));
    EXPECT_TRUE(options.insecure_skip_tls_verify);
    EXPECT_EQ(options.proxy, "proxy.example");
    EXPECT_EQ(options.proxy_port, 3128);
    EXPECT_EQ(options.proxy_user, "pu");
    EXPECT_EQ(options.proxy_password, "pp");
    EXPECT_EQ(options.no_proxy, "a.example,b.example");
    EXPECT_EQ(options.logger, nullptr);
}

TEST(TransportFactory, MaxResponseSizeSetsLimit) {
    const std::string base = "URL=https://acme.example;ERPInstance=Kinetic;User=u;Password=p";
    EXPECT_EQ(epicor::curl_transport_options(epicor::ConnectionSettings::parse(base)).max_response_bytes,
              512ULL * 1024 * 1024);
    EXPECT_EQ(epicor::curl_transport_options(epicor::ConnectionSettings::parse(base + ";MaxResponseSize=2 GB"))
                  .max_response_bytes,
              2ULL * 1024 * 1024 * 1024);
    EXPECT_EQ(epicor::curl_transport_options(epicor::ConnectionSettings::parse(base + ";MaxResponseSize=4096"))
                  .max_response_bytes,
              4096U);
    EXPECT_THROW(epicor::ConnectionSettings::parse(base + ";MaxResponseSize=0"), epicor::ConfigError);
    EXPECT_THROW(epicor::ConnectionSettings::parse(base + ";MaxResponseSize=lots"), epicor::ConfigError);
}

TEST(TransportFactory, ProxyPortNeedsProxyServer) {
    const auto settings = epicor::ConnectionSettings::parse(
        "URL=https://acme.example;ERPInstance=Kinetic;User=u;Password=p;ProxyPort=3128");
    const epicor::CurlTransportOptions options = epicor::curl_transport_options(settings);
    EXPECT_TRUE(options.proxy.empty());
    EXPECT_EQ(options.proxy_port, 0);
}

TEST(TransportFactory, RetryPolicyFollowsProperties) {
    const auto settings = epicor::ConnectionSettings::parse(
        "URL=https://acme.example;ERPInstance=Kinetic;User=u;Password=p;MaxRetries=5;RetryTimeout=30");
    const epicor::RetryPolicy policy = epicor::retry_policy(settings);
    EXPECT_EQ(policy.max_attempts, 6);
    EXPECT_EQ(policy.max_total_time, milliseconds(30000));
}

TEST(TransportFactory, TransportRetriesUnavailable) {
    epicor::testing::MockKineticServer server;
    server.start();
    server.faults().add(epicor::testing::Fault::status(503).retry_after("0").times(1));

    const auto settings =
        epicor::ConnectionSettings::parse(server.connection_string(epicor::testing::ODataVersion::v1));
    const std::shared_ptr<epicor::Transport> transport = epicor::make_transport(settings);
    ASSERT_NE(dynamic_cast<epicor::RetryingTransport*>(transport.get()), nullptr);

    epicor::HttpRequest request;
    request.url = server.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers?$top=1";
    const epicor::HttpResponse response = transport->send(request);

    // The request carries no credentials, so the retry of the 503 gets 401.
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(server.request_log().size(), 2u);
}

TEST(TransportFactory, NoRetryWithMaxRetriesZero) {
    epicor::testing::MockKineticServer server;
    server.start();
    server.faults().add(epicor::testing::Fault::status(503).retry_after("0").times(1));

    const auto settings = epicor::ConnectionSettings::parse(
        server.connection_string(epicor::testing::ODataVersion::v1) + ";MaxRetries=0");
    const std::shared_ptr<epicor::Transport> transport = epicor::make_transport(settings);

    epicor::HttpRequest request;
    request.url = server.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers?$top=1";
    EXPECT_EQ(transport->send(request).status, 503);
    EXPECT_EQ(server.request_log().size(), 1u);
}

TEST(TransportFactory, InvalidServerCertThrowsConfigError) {
    const auto settings = epicor::ConnectionSettings::parse(
        "URL=https://acme.example;ERPInstance=Kinetic;User=u;Password=p;"
        "SSLServerCert=/nonexistent/epicor-test-ca.pem");
    EXPECT_THROW(epicor::make_transport(settings), epicor::ConfigError);
}

}  // namespace
