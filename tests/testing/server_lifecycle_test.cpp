#include "server_test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace epicor::testing {
namespace {

using namespace test_support;

TEST(ServerLifecycle, StartsOnEphemeralPort) {
    MockKineticServer server;
    server.start();

    EXPECT_TRUE(server.running());
    EXPECT_GT(server.port(), 0);
    EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/KineticMock");
    auto client = make_client(server);
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
}

TEST(ServerLifecycle, ConnectionStringNamesEveryProperty) {
    MockKineticServer server;
    server.start();

    const std::string text = server.connection_string(ODataVersion::v2);
    EXPECT_NE(text.find("URL=http://127.0.0.1:" + std::to_string(server.port())), std::string::npos);
    EXPECT_NE(text.find("ERPInstance=KineticMock"), std::string::npos);
    EXPECT_NE(text.find("User=manager"), std::string::npos);
    EXPECT_NE(text.find("Password=Epicor123!"), std::string::npos);
    EXPECT_NE(text.find("ApiKey=mock-api-key"), std::string::npos);
    EXPECT_NE(text.find("ApiVersion=v2"), std::string::npos);
    EXPECT_NE(text.find("Company=EPIC06"), std::string::npos);
    EXPECT_EQ(text.find("SSLServerCert"), std::string::npos);
    EXPECT_NE(server.connection_string(ODataVersion::v1).find("ApiVersion=v1"), std::string::npos);
}

TEST(ServerLifecycle, AccessorsThrowBeforeStart) {
    MockKineticServer server;
    EXPECT_THROW(server.port(), std::logic_error);
    EXPECT_THROW(server.base_url(), std::logic_error);
    EXPECT_THROW(server.connection_string(ODataVersion::v1), std::logic_error);
    EXPECT_THROW(server.dataset(), std::logic_error);
}

TEST(ServerLifecycle, StopClosesPortAndRestarts) {
    MockKineticServer server;
    server.start();
    const int first_port = server.port();
    server.stop();
    EXPECT_FALSE(server.running());

    httplib::Client client("http://127.0.0.1:" + std::to_string(first_port));
    client.set_connection_timeout(2, 0);
    EXPECT_FALSE(client.Get("/KineticMock/api/v1/"));

    server.start();
    auto again = make_client(server);
    auto result = again->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
}

TEST(ServerLifecycle, DoubleStartThrows) {
    MockKineticServer server;
    server.start();
    EXPECT_THROW(server.start(), std::logic_error);
}

TEST(ServerLifecycle, InvalidDatasetThrows) {
    MockServerOptions options;
    options.dataset = "nonsense";
    MockKineticServer server(options);
    EXPECT_THROW(server.start(), std::invalid_argument);
}

TEST(ServerLifecycle, SeveralServersInOneProcess) {
    MockKineticServer first;
    MockServerOptions options;
    options.users = {{"other", "secret-2"}};
    MockKineticServer second(options);
    first.start();
    second.start();
    EXPECT_NE(first.port(), second.port());

    auto client_one = make_client(first);
    auto result_one = client_one->Get(v1("").c_str());
    ASSERT_TRUE(result_one);
    EXPECT_EQ(result_one->status, 200);

    auto client_two = make_client(second, false);
    client_two->set_basic_auth("other", "secret-2");
    auto result_two = client_two->Get(v1("").c_str());
    ASSERT_TRUE(result_two);
    EXPECT_EQ(result_two->status, 200);
    EXPECT_EQ(first.request_log().size(), 1U);
    EXPECT_EQ(second.request_log().size(), 1U);
}

TEST(ServerLifecycle, GivenPortIsUsed) {
    MockKineticServer probe;
    probe.start();
    const int port = probe.port();
    probe.stop();

    MockServerOptions options;
    options.port = port;
    MockKineticServer server(options);
    server.start();
    EXPECT_EQ(server.port(), port);

    MockKineticServer clash(options);
    EXPECT_THROW(clash.start(), std::runtime_error);
}

TEST(ServerLifecycle, UnknownInstanceIsNotFound) {
    MockKineticServer server;
    server.start();
    auto client = make_client(server);
    auto result = client->Get("/Other/api/v1/");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_EQ(body_of(result)["ErrorType"], "Epicor.RESTApi.ErrorHandling.ApiException");
}

}  // namespace
}  // namespace epicor::testing
