#include "server_test_support.hpp"

#include <gtest/gtest.h>

namespace epicor::testing {
namespace {

using namespace test_support;

TEST(ServerRequestLog, MasksSecretHeadersAndQuery) {
    MockKineticServer server;
    server.start();
    auto client = make_client(server);
    auto result = client->Get(v2("?api-key=mock-api-key").c_str());
    ASSERT_TRUE(result);

    const auto entry = server.request_log().last();
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->method, "GET");
    EXPECT_EQ(entry->path, "/KineticMock/api/v2/odata/EPIC06/");
    EXPECT_EQ(entry->query, "api-key=***");
    EXPECT_EQ(entry->header("Authorization"), "Basic ***");
    EXPECT_EQ(entry->header("x-api-key"), "***");
    EXPECT_EQ(entry->status, 200);
    EXPECT_EQ(entry->auth_scheme, "Basic");
}

TEST(ServerRequestLog, MasksTokenHeadersAndBodyFields) {
    MockKineticServer server;
    server.start();
    auto client = make_client(server, false);
    auto token = client->Post("/KineticMock/TokenResource.svc/",
                              {{"username", kUser}, {"password", kPassword}, {"Accept", "application/json"}},
                              R"({"password":"in-body","note":"kept","TermsCode":"N30"})", "application/json");
    ASSERT_TRUE(token);

    const auto entry = server.request_log().last();
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->header("username"), "***");
    EXPECT_EQ(entry->header("password"), "***");
    const auto body = nlohmann::json::parse(entry->body);
    EXPECT_EQ(body["password"], "***");
    EXPECT_EQ(body["note"], "kept");
    EXPECT_EQ(body["TermsCode"], "N30");
    for (const auto& [name, value] : entry->headers) {
        EXPECT_EQ(value.find(kPassword), std::string::npos) << name;
    }
}

TEST(ServerRequestLog, ClearAndCounters) {
    MockKineticServer server;
    server.start();
    auto client = make_client(server);
    client->set_keep_alive(true);
    ASSERT_TRUE(client->Get(v1("").c_str()));
    ASSERT_TRUE(client->Get(v1("").c_str()));
    EXPECT_EQ(server.request_log().size(), 2U);
    EXPECT_EQ(server.counters().requests, 2U);
    EXPECT_EQ(server.counters().connections, 1U);

    server.request_log().clear();
    EXPECT_EQ(server.request_log().size(), 0U);
    EXPECT_FALSE(server.request_log().last());
}

TEST(MaskingFunctions, FormAndQuery) {
    EXPECT_EQ(mask_body("grant_type=authorization_code&code=abc&client_secret=s", "application/x-www-form-urlencoded"),
              "grant_type=authorization_code&code=***&client_secret=***");
    EXPECT_EQ(mask_query("a=1&api-key=k&$top=2"), "a=1&api-key=***&$top=2");
    EXPECT_EQ(mask_header_value("Authorization", "Bearer abc.def"), "Bearer ***");
    EXPECT_EQ(mask_header_value("Accept", "application/json"), "application/json");
    EXPECT_EQ(mask_body("not json", "text/plain"), "not json");
}

}  // namespace
}  // namespace epicor::testing
