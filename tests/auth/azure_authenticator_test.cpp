// The AzureADOpenID authenticator against the Azure AD stand-in over real
// sockets: headless code exchange, stored tokens, refresh before expiry and
// after a 401, refresh token rotation and revocation, certificate
// assertions and malformed token responses.

#include "azure_test_support.hpp"

#include <epicor/error.hpp>
#include <epicor/oauth.hpp>
#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <vector>

namespace {

using azure_test::kClientId;
using azure_test::kClientSecret;
using epicor::AuthError;
using epicor::HttpRequest;
using std::chrono::seconds;

constexpr const char* kKineticUrl = "http://127.0.0.1:9/Kinetic/api/v1/Erp.BO.CustomerSvc/";
constexpr const char* kCallback = "http://localhost:33333";

class AzureAuthenticator : public azure_test::AzureStandInTest {
protected:
    void SetUp() override {
        AzureStandInTest::SetUp();
        store_ = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    }

    /// Settings for InitiateOAuth=REFRESH with a fresh authorization code.
    epicor::ConnectionSettings headless_settings() {
        auto result = settings();
        result.callback_url = kCallback;
        result.oauth_verifier = authorize(kCallback);
        return result;
    }

    std::unique_ptr<epicor::Authenticator> make(const epicor::ConnectionSettings& settings) {
        return epicor::make_azure_ad_authenticator(settings, transport_, options());
    }

    static std::string bearer_of(epicor::Authenticator& authenticator) {
        HttpRequest request;
        request.url = kKineticUrl;
        authenticator.authenticate(request);
        const std::string header = request.headers.get("Authorization").value_or("");
        EXPECT_EQ(header.rfind("Bearer ", 0), 0u) << header;
        return header.substr(7);
    }

    std::size_t count_grants(const std::string& grant_type) const {
        std::size_t count = 0;
        for (const auto& request : azure_.token_requests()) {
            count += request.grant_type == grant_type ? 1u : 0u;
        }
        return count;
    }

    AuthError authenticate_error(epicor::Authenticator& authenticator) {
        try {
            bearer_of(authenticator);
        } catch (const AuthError& error) {
            return error;
        }
        ADD_FAILURE() << "no AuthError thrown";
        return AuthError("none");
    }

    std::unique_ptr<epicor::TokenStore> store_;
};

TEST_F(AzureAuthenticator, HeadlessVerifierExchangeAndStore) {
    const auto settings = headless_settings();
    auto authenticator = make(settings);
    const std::string bearer = bearer_of(*authenticator);

    EXPECT_EQ(azure_.validate_bearer(bearer), "manager@epic06.example");
    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].grant_type, "authorization_code");
    EXPECT_FALSE(requests[0].code_verifier_sent);
    EXPECT_EQ(requests[0].client_authentication, "client_secret");
    EXPECT_TRUE(requests[0].succeeded);

    const auto stored = store_->load();
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->id_token, bearer);
    EXPECT_FALSE(stored->refresh_token.empty());
    EXPECT_EQ(stored->client_id, kClientId);
    EXPECT_STREQ(authenticator->scheme(), "AzureADOpenID");
}

TEST_F(AzureAuthenticator, LaterConnectionUsesStoreWithoutNewCode) {
    const auto settings = headless_settings();
    const std::string first = bearer_of(*make(settings));

    // The same connection string again: the used code is not sent twice.
    auto second = make(settings);
    EXPECT_EQ(bearer_of(*second), first);
    EXPECT_EQ(azure_.token_requests().size(), 1u);

    // Past the refresh margin, the stored refresh token is redeemed.
    clock_.advance(seconds(3600));
    const std::string refreshed = bearer_of(*second);
    EXPECT_NE(refreshed, first);
    EXPECT_EQ(count_grants("refresh_token"), 1u);
    EXPECT_EQ(count_grants("authorization_code"), 1u);
}

TEST_F(AzureAuthenticator, RefreshesFiveMinutesBeforeExpiry) {
    auto authenticator = make(headless_settings());
    const std::string first = bearer_of(*authenticator);

    clock_.advance(seconds(3600 - 300 - 30));
    EXPECT_EQ(bearer_of(*authenticator), first);
    EXPECT_EQ(count_grants("refresh_token"), 0u);

    clock_.advance(seconds(60));
    const std::string second = bearer_of(*authenticator);
    EXPECT_NE(second, first);
    EXPECT_EQ(count_grants("refresh_token"), 1u);
    EXPECT_EQ(bearer_of(*authenticator), second);
    EXPECT_EQ(count_grants("refresh_token"), 1u);
}

TEST_F(AzureAuthenticator, RotatedRefreshTokenIsPersisted) {
    auto authenticator = make(headless_settings());
    bearer_of(*authenticator);
    const std::string original = store_->load()->refresh_token;

    clock_.advance(seconds(3600));
    bearer_of(*authenticator);
    const std::string rotated = store_->load()->refresh_token;
    EXPECT_NE(rotated, original);

    // Another connection (another process in real use) continues from the
    // stored, rotated token; the stand-in no longer accepts the original.
    auto other = make(settings());
    clock_.advance(seconds(3600));
    EXPECT_NO_THROW(bearer_of(*other));
    EXPECT_EQ(count_grants("refresh_token"), 2u);
    for (const auto& request : azure_.token_requests()) {
        EXPECT_TRUE(request.succeeded) << request.grant_type << " " << request.error;
    }
}

TEST_F(AzureAuthenticator, ConcurrentCallersRefreshOnce) {
    auto authenticator = make(headless_settings());
    bearer_of(*authenticator);
    clock_.advance(seconds(3600));

    std::vector<std::future<std::string>> results;
    for (int i = 0; i < 8; ++i) {
        results.push_back(std::async(std::launch::async, [&] { return bearer_of(*authenticator); }));
    }
    std::vector<std::string> bearers;
    for (auto& result : results) {
        bearers.push_back(result.get());
    }
    EXPECT_EQ(count_grants("refresh_token"), 1u);
    for (const auto& bearer : bearers) {
        EXPECT_EQ(bearer, bearers.front());
    }
}

TEST_F(AzureAuthenticator, UnauthorizedRefreshesOnce) {
    auto authenticator = make(headless_settings());
    const std::string first = bearer_of(*authenticator);

    epicor::HttpResponse unauthorized;
    unauthorized.status = 401;
    EXPECT_TRUE(authenticator->on_unauthorized(unauthorized));
    const std::string second = bearer_of(*authenticator);
    EXPECT_NE(second, first);
    EXPECT_EQ(count_grants("refresh_token"), 1u);
}

TEST_F(AzureAuthenticator, LateUnauthorizedDoesNotRefreshAgain) {
    auto authenticator = make(headless_settings());
    bearer_of(*authenticator);

    // A worker sends the old token, then reports its 401 after the main
    // thread already renewed the token for its own 401.
    std::promise<void> sent;
    std::promise<void> renewed;
    auto worker = std::async(std::launch::async, [&] {
        bearer_of(*authenticator);
        sent.set_value();
        renewed.get_future().wait();
        return authenticator->on_unauthorized(epicor::HttpResponse{401, "", {}, ""});
    });
    sent.get_future().wait();
    EXPECT_TRUE(authenticator->on_unauthorized(epicor::HttpResponse{401, "", {}, ""}));
    renewed.set_value();
    EXPECT_TRUE(worker.get());
    EXPECT_EQ(count_grants("refresh_token"), 1u);
}

TEST_F(AzureAuthenticator, RevokedRefreshTokenAsksToSignInAgain) {
    auto authenticator = make(headless_settings());
    bearer_of(*authenticator);
    azure_.revoke_refresh_tokens();
    clock_.advance(seconds(3600));

    const AuthError error = authenticate_error(*authenticator);
    EXPECT_EQ(error.oauth_error(), "invalid_grant");
    EXPECT_EQ(error.aadsts_code(), "AADSTS50173");
    EXPECT_NE(std::string(error.what()).find("epicor login"), std::string::npos) << error.what();
}

TEST_F(AzureAuthenticator, ExpiredCodeFails) {
    const auto settings = headless_settings();
    azure_.advance_clock(seconds(601));
    auto authenticator = make(settings);
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_EQ(error.oauth_error(), "invalid_grant");
    EXPECT_EQ(error.aadsts_code(), "AADSTS70008");
    EXPECT_FALSE(store_->load().has_value());
}

TEST_F(AzureAuthenticator, RefreshModeWithoutAnythingFails) {
    auto authenticator = make(settings());
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_NE(std::string(error.what()).find("OAuthVerifier"), std::string::npos) << error.what();
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(AzureAuthenticator, RefreshTokenProperty) {
    // A refresh token obtained elsewhere, passed as OAuthRefreshToken.
    auto first = make(headless_settings());
    bearer_of(*first);
    auto with_refresh_token = settings();
    with_refresh_token.oauth_refresh_token = store_->load()->refresh_token;
    with_refresh_token.oauth_settings_location = azure_test::unique_memory_location();
    epicor::AzureAdOptions fresh_store = options();
    auto authenticator = epicor::make_azure_ad_authenticator(with_refresh_token, transport_, fresh_store);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
    EXPECT_EQ(count_grants("refresh_token"), 1u);
}

TEST_F(AzureAuthenticator, AccessTokenAsBearer) {
    auto settings = headless_settings();
    settings.oauth_bearer_token = epicor::OAuthBearerToken::access_token;
    auto authenticator = make(settings);
    const std::string bearer = bearer_of(*authenticator);
    const auto stored = store_->load();
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(bearer, stored->access_token);
    EXPECT_NE(bearer, stored->id_token);
}

TEST_F(AzureAuthenticator, CertificateAssertion) {
    auto settings = headless_settings();
    settings.oauth_client_secret.clear();
    settings.oauth_jwt_cert = certificate_.key_pem + certificate_.certificate_pem;
    settings.oauth_jwt_cert_type = epicor::OAuthJwtCertType::pem_key_blob;
    auto options = this->options();
    options.token_store = std::shared_ptr<epicor::TokenStore>(epicor::open_token_store(
        azure_test::unique_memory_location(), epicor::TokenStoreKey::client_id_only(), kClientId));
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());

    // The assertion's nbf and exp come from the client's clock, so both
    // clocks move.
    clock_.advance(seconds(3600));
    azure_.advance_clock(seconds(3600));
    bearer_of(*authenticator);
    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 2u);
    for (const auto& request : requests) {
        EXPECT_EQ(request.client_authentication, "client_assertion");
        EXPECT_EQ(request.assertion_algorithm, "RS256");
        EXPECT_TRUE(request.succeeded) << request.error;
    }
}

TEST_F(AzureAuthenticator, Ps256AssertionFromProperty) {
    auto settings = epicor::ConnectionSettings::parse(
        "URL=http://127.0.0.1:9;AuthScheme=AzureADOpenID;InitiateOAuth=REFRESH;"
        "OAuthClientId=" + kClientId + ";OAuthJWTCertType=PEMKEY_BLOB;OAuthJWTAlgorithm=ps256;"
        "OAuthJWTCert=\"" + certificate_.key_pem + certificate_.certificate_pem + "\"");
    EXPECT_EQ(settings.oauth_jwt_algorithm, epicor::OAuthJwtAlgorithm::ps256);
    settings.azure_tenant = azure_test::kTenant;
    settings.oauth_settings_location = azure_test::unique_memory_location();
    settings.callback_url = kCallback;
    settings.oauth_verifier = authorize(kCallback);
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options());
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());

    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].client_authentication, "client_assertion");
    EXPECT_EQ(requests[0].assertion_algorithm, "PS256");
    EXPECT_TRUE(requests[0].succeeded) << requests[0].error;
}

TEST_F(AzureAuthenticator, WrongSecretNamesProperty) {
    auto settings = headless_settings();
    settings.oauth_client_secret = "not-the-secret";
    auto options = this->options();
    options.token_store = std::shared_ptr<epicor::TokenStore>(std::move(store_));
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_EQ(error.oauth_error(), "invalid_client");
    EXPECT_EQ(error.aadsts_code(), "AADSTS7000215");
    const std::string message = error.what();
    EXPECT_NE(message.find("OAuthClientSecret"), std::string::npos);
    EXPECT_EQ(message.find("not-the-secret"), std::string::npos);
}

TEST_F(AzureAuthenticator, PublicClientSendsNoSecret) {
    epicor::testing::AzureAdApp app{azure_test::kTenant, "public-app", "", ""};
    app.public_client = true;
    azure_.register_app(app);
    auto settings = this->settings();
    settings.oauth_client_id = "public-app";
    settings.oauth_client_secret.clear();
    settings.callback_url = kCallback;

    // authorize() requests a code for kClientId, so this one is requested by hand.
    HttpRequest request;
    request.url = azure_.authority() + "/" + azure_test::kTenant +
                  "/oauth2/v2.0/authorize?client_id=public-app&response_type=code"
                  "&scope=openid%20offline_access&state=s&redirect_uri=" + encode(kCallback);
    const auto location = transport_->send(request).headers.get("Location").value_or("");
    settings.oauth_verifier = azure_test::parse_query(location.substr(location.find('?') + 1))["code"];

    auto authenticator = make(settings);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
    ASSERT_EQ(azure_.token_requests().size(), 1u);
    EXPECT_EQ(azure_.token_requests()[0].client_authentication, "none");
}

TEST_F(AzureAuthenticator, ConfidentialClientWithoutSecret) {
    auto settings = headless_settings();
    settings.oauth_client_secret.clear();
    auto authenticator = make(settings);
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_EQ(error.oauth_error(), "invalid_client");
    EXPECT_EQ(error.aadsts_code(), "AADSTS7000218");
    EXPECT_NE(std::string(error.what()).find("OAuthClientSecret"), std::string::npos);
}

TEST_F(AzureAuthenticator, ExpiresInAsString) {
    azure_.send_expires_in_as_string(true);
    auto authenticator = make(headless_settings());
    const std::string first = bearer_of(*authenticator);
    clock_.advance(seconds(3600 - 330));
    EXPECT_EQ(bearer_of(*authenticator), first);
}

TEST_F(AzureAuthenticator, HtmlErrorPage) {
    auto authenticator = make(headless_settings());
    azure_.answer_next_token_request_with_html(502);
    const AuthError error = authenticate_error(*authenticator);
    const std::string message = error.what();
    EXPECT_NE(message.find("HTTP 502"), std::string::npos) << message;
    EXPECT_NE(message.find("not a JSON object"), std::string::npos) << message;
}

TEST_F(AzureAuthenticator, MissingIdTokenNamesOAuthBearerToken) {
    auto authenticator = make(headless_settings());
    azure_.omit_from_next_token_response("id_token");
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_NE(std::string(error.what()).find("OAuthBearerToken"), std::string::npos);
    EXPECT_FALSE(store_->load().has_value());
}

TEST_F(AzureAuthenticator, MissingExpiresIn) {
    auto authenticator = make(headless_settings());
    azure_.omit_from_next_token_response("expires_in");
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_NE(std::string(error.what()).find("no expires_in"), std::string::npos);
}

TEST_F(AzureAuthenticator, InjectedAadstsError) {
    auto authenticator = make(headless_settings());
    azure_.fail_next_token_request("invalid_grant",
                                   "AADSTS70008: The provided authorization code or refresh "
                                   "token has expired due to inactivity.");
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_EQ(error.aadsts_code(), "AADSTS70008");
}

TEST_F(AzureAuthenticator, OffUsesAccessTokenAsIs) {
    auto settings = this->settings();
    settings.initiate_oauth = epicor::InitiateOAuth::off;
    settings.oauth_client_id.clear();
    settings.oauth_client_secret.clear();
    settings.oauth_access_token = "given-access-token";
    auto authenticator = make(settings);
    EXPECT_EQ(bearer_of(*authenticator), "given-access-token");
    EXPECT_FALSE(authenticator->on_unauthorized(epicor::HttpResponse{401, "", {}, ""}));
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(AzureAuthenticator, OffRejectsExpiredAccessToken) {
    auto settings = this->settings();
    settings.initiate_oauth = epicor::InitiateOAuth::off;
    settings.oauth_access_token = "given-access-token";
    settings.oauth_expires_in = seconds(3600);
    const auto issued = std::chrono::duration_cast<std::chrono::milliseconds>(
        (clock_.now() - seconds(7200)).time_since_epoch());
    settings.oauth_token_timestamp_ms = issued.count();
    auto authenticator = make(settings);
    const AuthError error = authenticate_error(*authenticator);
    EXPECT_NE(std::string(error.what()).find("OAuthAccessToken expired"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("given-access-token"), std::string::npos);
}

TEST_F(AzureAuthenticator, OffWithoutAccessTokenIsConfigError) {
    auto settings = this->settings();
    settings.initiate_oauth = epicor::InitiateOAuth::off;
    EXPECT_THROW(make(settings), epicor::ConfigError);
}

TEST_F(AzureAuthenticator, MissingClientIdIsConfigError) {
    auto settings = this->settings();
    settings.oauth_client_id.clear();
    try {
        make(settings);
        FAIL() << "no ConfigError thrown";
    } catch (const epicor::ConfigError& error) {
        ASSERT_FALSE(error.problems().empty());
        EXPECT_EQ(error.problems().front().property, "OAuthClientId");
    }
}

TEST_F(AzureAuthenticator, RefusesPlainHttpToRemoteHost) {
    auto settings = this->settings();
    settings.initiate_oauth = epicor::InitiateOAuth::off;
    settings.oauth_access_token = "given-access-token";
    auto authenticator = make(settings);
    HttpRequest request;
    request.url = "http://kinetic.example/Kinetic/api/v1/";
    EXPECT_THROW(authenticator->authenticate(request), AuthError);
    EXPECT_FALSE(request.headers.contains("Authorization"));

    settings.allow_insecure_http = true;
    auto allowed = make(settings);
    EXPECT_NO_THROW(allowed->authenticate(request));
    EXPECT_EQ(request.headers.get("Authorization"), "Bearer given-access-token");
}

TEST_F(AzureAuthenticator, RejectsPlainHttpAuthority) {
    auto settings = headless_settings();
    auto options = this->options();
    options.authority = "http://login.example";
    EXPECT_THROW(epicor::make_azure_ad_authenticator(settings, transport_, options), AuthError);
}

TEST_F(AzureAuthenticator, AuthorityFromProperty) {
    auto settings = epicor::ConnectionSettings::parse(
        "URL=http://127.0.0.1:9;AuthScheme=AzureADOpenID;InitiateOAuth=REFRESH;OAuthClientId=" +
        kClientId + ";OAuthClientSecret=" + kClientSecret + ";AzureADAuthority=" +
        azure_.authority());
    EXPECT_EQ(settings.azure_ad_authority, azure_.authority());
    settings.azure_tenant = azure_test::kTenant;
    settings.oauth_settings_location = store_location_;
    settings.callback_url = kCallback;
    settings.oauth_verifier = authorize(kCallback);
    // A stale authority in `Other` (a closed loopback port) loses to the
    // property.
    settings.other = "AzureADAuthority=http://127.0.0.1:9";
    auto options = this->options();
    options.authority.clear();
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
    EXPECT_EQ(azure_.token_requests().size(), 1u);
}

TEST_F(AzureAuthenticator, AuthorityOptionWinsOverProperty) {
    auto settings = headless_settings();
    settings.azure_ad_authority = "http://127.0.0.1:9";  // a closed port
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options());
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
}

TEST_F(AzureAuthenticator, AuthorityFromOtherProperty) {
    auto settings = headless_settings();
    settings.other = "Foo=1;AzureADAuthority=" + azure_.authority();
    auto options = this->options();
    options.authority.clear();
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport_, options);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
}

}  // namespace
