#include "server_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace epicor::testing {
namespace {

using namespace test_support;

class ServerLogins : public ::testing::Test {
protected:
    void SetUp() override { server.start(); }

    std::string request_token() {
        auto client = make_client(server, false);
        auto result = client->Post("/KineticMock/TokenResource.svc/",
                                   {{"username", kUser}, {"password", kPassword}, {"Accept", "application/json"}}, "",
                                   "application/json");
        EXPECT_TRUE(result);
        EXPECT_EQ(result->status, 200);
        return body_of(result)["AccessToken"].get<std::string>();
    }

    MockKineticServer server;
};

TEST_F(ServerLogins, MissingLoginIs401) {
    auto client = make_client(server, false);
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
    EXPECT_EQ(body_of(result)["HttpStatus"], 401);
}

TEST_F(ServerLogins, WrongPasswordIs401) {
    auto client = make_client(server, false);
    client->set_basic_auth(kUser.c_str(), "wrong");
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
}

TEST_F(ServerLogins, V2RequiresApiKey) {
    auto client = make_client(server, false);
    client->set_basic_auth(kUser.c_str(), kPassword.c_str());
    auto missing = client->Get(v2("").c_str());
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 401);

    auto wrong = client->Get(v2("").c_str(), {{"x-api-key", "not-a-key"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);

    auto by_query = client->Get(v2("?api-key=mock-api-key").c_str());
    ASSERT_TRUE(by_query);
    EXPECT_EQ(by_query->status, 200);
}

TEST_F(ServerLogins, V1ApiKeyOptionalByDefault) {
    auto client = make_client(server, false);
    client->set_basic_auth(kUser.c_str(), kPassword.c_str());
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
}

TEST(ServerLoginsOption, V1ApiKeyRequiredWhenSet) {
    MockServerOptions options;
    options.require_api_key_v1 = true;
    MockKineticServer server(options);
    server.start();
    auto client = make_client(server, false);
    client->set_basic_auth(kUser.c_str(), kPassword.c_str());
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
}

TEST_F(ServerLogins, TokenResourceJson) {
    auto client = make_client(server, false);
    auto result = client->Post("/KineticMock/TokenResource.svc/",
                               {{"username", kUser}, {"password", kPassword}, {"Accept", "application/json"}}, "",
                               "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    const auto body = body_of(result);
    EXPECT_EQ(body["TokenType"], "Bearer");
    EXPECT_EQ(body["ExpiresIn"], 3600);
    const std::string token = body["AccessToken"].get<std::string>();
    EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
    EXPECT_EQ(server.counters().tokens_issued, 1U);
}

TEST_F(ServerLogins, TokenResourceXmlWithoutJsonAccept) {
    auto client = make_client(server, false);
    auto result = client->Post("/KineticMock/TokenResource.svc/", {{"username", kUser}, {"password", kPassword}}, "",
                               "text/plain");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    EXPECT_NE(result->body.find("<AccessToken>"), std::string::npos);
    EXPECT_NE(result->body.find("<TokenType>Bearer</TokenType>"), std::string::npos);
}

TEST_F(ServerLogins, TokenResourceWrongPasswordIs401) {
    auto client = make_client(server, false);
    auto result = client->Post("/KineticMock/TokenResource.svc/",
                               {{"username", kUser}, {"password", "nope"}, {"Accept", "application/json"}}, "",
                               "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
}

TEST_F(ServerLogins, BearerTokenWorksUntilExpired) {
    const std::string token = request_token();
    auto client = make_client(server, false);
    client->set_bearer_token_auth(token.c_str());
    auto result = client->Get(v2("").c_str(), {{"x-api-key", kApiKey}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);

    server.expire_all_tokens();
    auto expired = client->Get(v2("").c_str(), {{"x-api-key", kApiKey}});
    ASSERT_TRUE(expired);
    EXPECT_EQ(expired->status, 401);
    EXPECT_NE(body_of(expired)["ErrorMessage"].get<std::string>().find("expired"), std::string::npos);
}

TEST(ServerLoginsOption, ShortTokenLifetime) {
    MockServerOptions options;
    options.token_lifetime = std::chrono::seconds(0);
    MockKineticServer server(options);
    server.start();
    auto client = make_client(server, false);
    auto token_result = client->Post("/KineticMock/TokenResource.svc/",
                                     {{"username", kUser}, {"password", kPassword}, {"Accept", "application/json"}},
                                     "", "application/json");
    ASSERT_TRUE(token_result);
    EXPECT_EQ(body_of(token_result)["ExpiresIn"], 0);
    client->set_bearer_token_auth(body_of(token_result)["AccessToken"].get<std::string>().c_str());
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
}

TEST_F(ServerLogins, UnknownBearerIs401) {
    auto client = make_client(server, false);
    client->set_bearer_token_auth("made.up.token");
    auto result = client->Get(v1("").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
}

TEST_F(ServerLogins, SessionLoginLogoutThen410) {
    auto client = make_client(server);
    auto login = client->Post(v2("Ice.Lib.SessionModSvc/Login").c_str(), "{}", "application/json");
    ASSERT_TRUE(login);
    ASSERT_EQ(login->status, 200);
    const std::string session = body_of(login)["returnObj"].get<std::string>();
    ASSERT_FALSE(session.empty());
    const httplib::Headers license{{"License", R"({"ClaimedLicense":"00000003-B615-4300-957B-34956697F040","SessionID":")" + session + "\"}"}};

    auto during = client->Get(v2("").c_str(), license);
    ASSERT_TRUE(during);
    EXPECT_EQ(during->status, 200);

    auto logout = client->Post(v2("Ice.Lib.SessionModSvc/Logout").c_str(), license, "{}", "application/json");
    ASSERT_TRUE(logout);
    EXPECT_EQ(logout->status, 200);

    auto after = client->Get(v2("").c_str(), license);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 410);
    EXPECT_EQ(body_of(after)["ErrorType"], "Ice.Common.InvalidSessionException");
}

TEST_F(ServerLogins, EndAllSessions) {
    auto client = make_client(server);
    auto login = client->Post(v1("Ice.Lib.SessionModSvc/Login").c_str(), "{}", "application/json");
    ASSERT_TRUE(login);
    const std::string session = body_of(login)["returnObj"].get<std::string>();
    server.end_all_sessions();
    auto after = client->Get(v1("").c_str(), {{"License", R"({"SessionID":")" + session + "\"}"}});
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 410);
}

TEST_F(ServerLogins, CallSettingsCompanyAndPlantRecorded) {
    auto client = make_client(server);
    auto result = client->Get(v1("").c_str(), {{"CallSettings", R"({"Company":"EPIC06","Plant":"MfgSys"})"},
                                               {"License", R"({"ClaimedLicense":"00000003-9439-4B30-A6F4-6D2FD4B9FD0F"})"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    const auto entry = server.request_log().last();
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->company, "EPIC06");
    EXPECT_EQ(entry->plant, "MfgSys");
    EXPECT_EQ(entry->license, "00000003-9439-4B30-A6F4-6D2FD4B9FD0F");
    EXPECT_EQ(entry->user, "manager");
}

TEST_F(ServerLogins, V1CompanyQueryWinsOverCallSettings) {
    auto client = make_client(server);
    auto result = client->Get(v1("?Company=OTHER").c_str(), {{"CallSettings", R"({"Company":"EPIC06"})"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
}

TEST_F(ServerLogins, MalformedCallSettingsIs400) {
    auto client = make_client(server);
    auto result = client->Get(v1("").c_str(), {{"CallSettings", "{not json"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_EQ(body_of(result)["ErrorType"], "Epicor.RESTApi.ErrorHandling.ApiException");
}

TEST_F(ServerLogins, WrongV2CompanyIs400) {
    auto client = make_client(server);
    auto result = client->Get("/KineticMock/api/v2/odata/NOPE/");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
}

}  // namespace
}  // namespace epicor::testing
