// The web-flow procedures (GetOAuthAuthorizationURL, GetOAuthAccessToken,
// RefreshOAuthAccessToken), and a full sign-in logged at the highest
// verbosity whose log must not contain any token, code, secret or verifier.

#include "azure_test_support.hpp"

#include <epicor/error.hpp>
#include <epicor/log.hpp>
#include <epicor/oauth.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>
#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <regex>

namespace {

using azure_test::kClientId;
using azure_test::kClientSecret;
using azure_test::kTenant;
using epicor::AuthError;

constexpr const char* kCallback = "http://localhost:33333";

class AzureProcedures : public azure_test::AzureStandInTest {
protected:
    epicor::ConnectionSettings web_settings() const {
        auto result = settings();
        result.initiate_oauth = epicor::InitiateOAuth::off;
        result.callback_url = kCallback;
        return result;
    }

    /// Opens the URL as a browser would and returns the redirect's query.
    /// The browser is not the library, so it uses a transport of its own.
    std::map<std::string, std::string> consent(const std::string& url) {
        epicor::CurlTransport browser;
        epicor::HttpRequest request;
        request.url = url;
        const auto response = browser.send(request);
        EXPECT_EQ(response.status, 302);
        const std::string location = response.headers.get("Location").value_or("");
        EXPECT_EQ(location.rfind(kCallback, 0), 0u) << location;
        return azure_test::parse_query(location.substr(location.find('?') + 1));
    }
};

TEST_F(AzureProcedures, AuthorizationUrl) {
    epicor::OAuthAuthorizationUrlRequest request;
    request.scope = "api://kinetic/.default";
    request.state = "my-state";
    request.prompt = "consent";
    const auto result = epicor::get_oauth_authorization_url(web_settings(), request, options());

    EXPECT_EQ(result.state, "my-state");
    EXPECT_EQ(result.url.rfind(azure_.authority() + "/" + kTenant + "/oauth2/v2.0/authorize?", 0),
              0u);
    const auto query = azure_test::parse_query(result.url.substr(result.url.find('?') + 1));
    EXPECT_EQ(query.at("client_id"), kClientId);
    EXPECT_EQ(query.at("redirect_uri"), kCallback);
    EXPECT_EQ(query.at("scope"), "openid offline_access profile api://kinetic/.default");
    EXPECT_EQ(query.at("state"), "my-state");
    EXPECT_EQ(query.at("prompt"), "consent");
    EXPECT_EQ(query.count("code_challenge"), 0u);
}

TEST_F(AzureProcedures, AuthorizationUrlGeneratesState) {
    const auto first = epicor::get_oauth_authorization_url(web_settings(), {}, options());
    const auto second = epicor::get_oauth_authorization_url(web_settings(), {}, options());
    EXPECT_EQ(first.state.size(), 43u);
    EXPECT_NE(first.state, second.state);
    EXPECT_EQ(azure_test::parse_query(first.url.substr(first.url.find('?') + 1)).at("state"),
              first.state);
}

TEST_F(AzureProcedures, AuthorizationUrlNeedsClientId) {
    auto settings = web_settings();
    settings.oauth_client_id.clear();
    EXPECT_THROW(epicor::get_oauth_authorization_url(settings, {}, options()),
                 epicor::ConfigError);
}

TEST_F(AzureProcedures, WebFlowTokenWorksAsOAuthAccessToken) {
    epicor::testing::AzureAdStandIn azure;
    azure.register_app({kTenant, kClientId, kClientSecret, ""});
    epicor::testing::MockKineticServer server;
    server.add_extension(azure.extension());
    server.start();
    epicor::AzureAdOptions options;
    options.authority = azure.authority();

    const auto url = epicor::get_oauth_authorization_url(web_settings(), {}, options);
    epicor::HttpRequest consent_request;
    consent_request.url = url.url;
    const auto location =
        transport_->send(consent_request).headers.get("Location").value_or("");
    const auto redirect = azure_test::parse_query(location.substr(location.find('?') + 1));
    EXPECT_EQ(redirect.at("state"), url.state);

    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    const auto tokens = epicor::get_oauth_access_token(web_settings(), request, transport_, options);
    EXPECT_EQ(tokens.oauth_access_token, tokens.id_token);
    EXPECT_FALSE(tokens.oauth_refresh_token.empty());
    EXPECT_EQ(tokens.expires_in.count(), 3600);

    // Passed back with InitiateOAuth=OFF, the token opens Kinetic.
    auto settings = web_settings();
    settings.oauth_access_token = tokens.oauth_access_token;
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    epicor::HttpRequest kinetic;
    kinetic.url = server.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers?$top=1";
    authenticator->authenticate(kinetic);
    EXPECT_EQ(transport_->send(kinetic).status, 200);

    // WEB mode leaves the token store alone.
    auto store = epicor::open_token_store(settings.oauth_settings_location,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    EXPECT_FALSE(store->load().has_value());
}

TEST_F(AzureProcedures, AppModeSavesTokens) {
    const auto redirect = consent(epicor::get_oauth_authorization_url(web_settings(), {}, options()).url);
    epicor::OAuthAccessTokenRequest request;
    request.verifier = redirect.at("code");
    const auto tokens = epicor::get_oauth_access_token(web_settings(), request, transport_, options());

    auto store = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    const auto stored = store->load();
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->refresh_token, tokens.oauth_refresh_token);
    EXPECT_EQ(stored->id_token, tokens.id_token);

    // A later REFRESH connection continues from the stored tokens.
    auto settings = web_settings();
    settings.initiate_oauth = epicor::InitiateOAuth::refresh;
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options());
    epicor::HttpRequest kinetic;
    kinetic.url = "http://127.0.0.1:9/Kinetic/api/v1/";
    authenticator->authenticate(kinetic);
    EXPECT_EQ(kinetic.headers.get("Authorization"), "Bearer " + tokens.id_token);
}

TEST_F(AzureProcedures, RefreshAccessToken) {
    const auto redirect = consent(epicor::get_oauth_authorization_url(web_settings(), {}, options()).url);
    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    const auto first = epicor::get_oauth_access_token(web_settings(), request, transport_, options());

    const auto second = epicor::refresh_oauth_access_token(web_settings(), first.oauth_refresh_token,
                                                           transport_, options());
    EXPECT_NE(second.oauth_access_token, first.oauth_access_token);
    EXPECT_NE(second.oauth_refresh_token, first.oauth_refresh_token);
    EXPECT_TRUE(azure_.validate_bearer(second.oauth_access_token).has_value());

    // The rotated-out refresh token is refused with advice to sign in again.
    try {
        epicor::refresh_oauth_access_token(web_settings(), first.oauth_refresh_token, transport_,
                                           options());
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        EXPECT_EQ(error.oauth_error(), "invalid_grant");
        EXPECT_NE(std::string(error.what()).find("GetOAuthAccessToken"), std::string::npos);
    }
}

TEST_F(AzureProcedures, StateMatchesIssuedState) {
    const auto url = epicor::get_oauth_authorization_url(web_settings(), {}, options());
    const auto redirect = consent(url.url);
    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    request.state = redirect.at("state");
    const auto tokens = epicor::get_oauth_access_token(web_settings(), request, transport_, options());
    EXPECT_TRUE(azure_.validate_bearer(tokens.oauth_access_token).has_value());

    // A state is accepted once, so a replayed redirect is rejected before
    // its code reaches Azure AD.
    EXPECT_THROW(epicor::get_oauth_access_token(web_settings(), request, transport_, options()),
                 AuthError);
    EXPECT_EQ(azure_.token_requests().size(), 1u);
}

TEST_F(AzureProcedures, ForgedStateRejectedBeforeRequest) {
    epicor::get_oauth_authorization_url(web_settings(), {}, options());
    epicor::OAuthAccessTokenRequest request;
    request.verifier = "forged-code";
    request.state = "forged-state";
    try {
        epicor::get_oauth_access_token(web_settings(), request, transport_, options());
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("State"), std::string::npos) << message;
        EXPECT_NE(message.find("GetOAuthAuthorizationURL"), std::string::npos) << message;
        EXPECT_EQ(message.find("forged-state"), std::string::npos) << message;
    }
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(AzureProcedures, IssuedStateFromAnotherProcess) {
    // The URL was built elsewhere, so only the caller knows its state.
    epicor::OAuthAuthorizationUrlRequest url_request;
    url_request.state = "state-from-another-process";
    const auto redirect =
        consent(epicor::get_oauth_authorization_url(web_settings(), url_request, options()).url);
    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    request.state = redirect.at("state");
    request.issued_state = "some-other-state";
    EXPECT_THROW(epicor::get_oauth_access_token(web_settings(), request, transport_, options()),
                 AuthError);
    EXPECT_TRUE(azure_.token_requests().empty());

    request.issued_state = "state-from-another-process";
    EXPECT_NO_THROW(
        epicor::get_oauth_access_token(web_settings(), request, transport_, options()));
    EXPECT_EQ(azure_.token_requests().size(), 1u);
}

TEST_F(AzureProcedures, IssuedStateNeedsState) {
    epicor::OAuthAccessTokenRequest request;
    request.verifier = "code";
    request.issued_state = "issued";
    try {
        epicor::get_oauth_access_token(web_settings(), request, transport_, options());
        FAIL() << "no ConfigError thrown";
    } catch (const epicor::ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("State"), std::string::npos) << error.what();
    }
}

TEST_F(AzureProcedures, IssuedStateExpiresAfterAnHour) {
    const auto url = epicor::get_oauth_authorization_url(web_settings(), {}, options());
    const auto redirect = consent(url.url);
    clock_.advance(std::chrono::seconds(3601));
    epicor::OAuthAccessTokenRequest request;
    request.verifier = redirect.at("code");
    request.state = redirect.at("state");
    EXPECT_THROW(epicor::get_oauth_access_token(web_settings(), request, transport_, options()),
                 AuthError);
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(AzureProcedures, RefreshAppModeSavesTokens) {
    const auto redirect = consent(epicor::get_oauth_authorization_url(web_settings(), {}, options()).url);
    epicor::OAuthAccessTokenRequest request;
    request.verifier = redirect.at("code");
    const auto first = epicor::get_oauth_access_token(web_settings(), request, transport_, options());

    epicor::OAuthRefreshTokenRequest refresh;
    refresh.refresh_token = first.oauth_refresh_token;
    const auto second =
        epicor::refresh_oauth_access_token(web_settings(), refresh, transport_, options());
    ASSERT_NE(second.oauth_refresh_token, first.oauth_refresh_token);

    // The store contains the rotated refresh token, so a REFRESH connection
    // does not fail with the rotated-out one.
    auto store = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    const auto stored = store->load();
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->refresh_token, second.oauth_refresh_token);
    EXPECT_EQ(stored->id_token, second.id_token);

    clock_.advance(std::chrono::seconds(3600));
    azure_.advance_clock(std::chrono::seconds(3600));
    auto settings = web_settings();
    settings.initiate_oauth = epicor::InitiateOAuth::refresh;
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options());
    epicor::HttpRequest kinetic;
    kinetic.url = "http://127.0.0.1:9/Kinetic/api/v1/";
    EXPECT_NO_THROW(authenticator->authenticate(kinetic));
    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_TRUE(requests[2].succeeded) << requests[2].error;
}

TEST_F(AzureProcedures, RefreshWebModeLeavesStoreAlone) {
    const auto redirect = consent(epicor::get_oauth_authorization_url(web_settings(), {}, options()).url);
    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    const auto first = epicor::get_oauth_access_token(web_settings(), request, transport_, options());

    epicor::OAuthRefreshTokenRequest refresh;
    refresh.auth_mode = epicor::OAuthAuthMode::web;
    refresh.refresh_token = first.oauth_refresh_token;
    const auto second =
        epicor::refresh_oauth_access_token(web_settings(), refresh, transport_, options());
    EXPECT_FALSE(second.oauth_access_token.empty());

    auto store = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    EXPECT_FALSE(store->load().has_value());
}

TEST_F(AzureProcedures, RefreshNeedsToken) {
    EXPECT_THROW(epicor::refresh_oauth_access_token(web_settings(), "", transport_, options()),
                 epicor::ConfigError);
}

TEST_F(AzureProcedures, AccessTokenNeedsVerifier) {
    EXPECT_THROW(epicor::get_oauth_access_token(web_settings(), {}, transport_, options()),
                 epicor::ConfigError);
}

TEST_F(AzureProcedures, LogsContainNoSecrets) {
    std::vector<std::string> lines;
    std::mutex lines_mutex;
    auto logger = std::make_shared<epicor::Logger>(epicor::LogLevel::trace);
    logger->set_callback([&](const epicor::LogRecord& record) {
        std::lock_guard<std::mutex> lock(lines_mutex);
        lines.push_back(record.message);
    });
    epicor::CurlTransportOptions transport_options;
    transport_options.logger = logger;
    transport_ = std::make_shared<epicor::CurlTransport>(transport_options);
    auto options = this->options();
    options.logger = logger;

    std::vector<std::string> secrets{kClientSecret};

    // Browser flow with PKCE. The hook records the code of the redirect.
    auto settings = this->settings();
    settings.initiate_oauth = epicor::InitiateOAuth::get_and_refresh;
    std::future<void> browser;
    options.open_browser = [&](const std::string& url) {
        browser = std::async(std::launch::async, [&, url] {
            epicor::CurlTransport plain;
            epicor::HttpRequest request;
            request.url = url;
            const auto location = plain.send(request).headers.get("Location").value_or("");
            secrets.push_back(
                azure_test::parse_query(location.substr(location.find('?') + 1))["code"]);
            request.url = location;
            plain.send(request);
        });
    };
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    epicor::HttpRequest kinetic;
    kinetic.url = "http://127.0.0.1:9/Kinetic/api/v1/";
    authenticator->authenticate(kinetic);
    browser.get();
    clock_.advance(std::chrono::seconds(3600));
    authenticator->authenticate(kinetic);

    // Web-flow procedures with a certificate credential.
    auto web = web_settings();
    web.oauth_client_secret.clear();
    web.oauth_jwt_cert = certificate_.key_pem + certificate_.certificate_pem;
    web.oauth_jwt_cert_type = epicor::OAuthJwtCertType::pem_key_blob;
    const auto redirect = consent(epicor::get_oauth_authorization_url(web, {}, options).url);
    secrets.push_back(redirect.at("code"));
    epicor::OAuthAccessTokenRequest request;
    request.auth_mode = epicor::OAuthAuthMode::web;
    request.verifier = redirect.at("code");
    clock_.advance(std::chrono::seconds(-3600));
    const auto tokens = epicor::get_oauth_access_token(web, request, transport_, options);
    const auto refreshed =
        epicor::refresh_oauth_access_token(web, tokens.oauth_refresh_token, transport_, options);

    auto store = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    const auto stored = store->load();
    ASSERT_TRUE(stored.has_value());
    for (const auto* result : {&tokens, &refreshed}) {
        secrets.push_back(result->access_token);
        secrets.push_back(result->id_token);
        secrets.push_back(result->oauth_refresh_token);
    }
    secrets.push_back(stored->access_token);
    secrets.push_back(stored->id_token);
    secrets.push_back(stored->refresh_token);

    std::lock_guard<std::mutex> lock(lines_mutex);
    ASSERT_GT(lines.size(), 5u);
    // The run was logged, token requests included.
    EXPECT_NE(std::count_if(lines.begin(), lines.end(),
                            [](const std::string& line) {
                                return line.find("/oauth2/v2.0/token") != std::string::npos;
                            }),
              0);
    const std::regex verifier_pattern("code_verifier=[A-Za-z0-9_-]{8}");
    const std::regex assertion_pattern("client_assertion=ey");
    for (const std::string& line : lines) {
        for (const std::string& secret : secrets) {
            ASSERT_FALSE(secret.empty());
            // JWTs are checked by their signature part, which is unique.
            const std::string needle = secret.substr(secret.rfind('.') + 1);
            EXPECT_EQ(line.find(needle), std::string::npos) << "secret in log line: " << line;
        }
        EXPECT_FALSE(std::regex_search(line, verifier_pattern)) << line;
        EXPECT_FALSE(std::regex_search(line, assertion_pattern)) << line;
    }
}

}  // namespace
