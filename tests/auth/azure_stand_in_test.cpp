// The Azure AD stand-in's own checks (PKCE, single-use codes, assertion
// audience and replay, tenants, token signatures) and its use inside a
// MockKineticServer, whose Kinetic routes accept the tokens it issued.

#include "azure_test_support.hpp"

#include "auth/azure_ad_token_client.hpp"
#include "auth/client_certificate.hpp"
#include "auth/pkce.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>

#include <gtest/gtest.h>

namespace {

using azure_test::kClientId;
using azure_test::kClientSecret;
using azure_test::kTenant;
using epicor::AuthError;
using namespace epicor::azure;

constexpr const char* kCallback = "http://localhost:33333";

class AzureStandIn : public azure_test::AzureStandInTest {
protected:
    AzureAdTokenClient secret_client(const std::string& tenant = kTenant) {
        ClientCredential credential;
        credential.client_id = kClientId;
        credential.client_secret = kClientSecret;
        return AzureAdTokenClient({azure_.authority(), tenant}, credential, transport_);
    }

    AzureAdTokenClient certificate_client(JwtAlgorithm algorithm,
                                          std::string authority = {}) {
        CertificateSpec spec;
        spec.source = CertificateSource::pem_blob;
        spec.value = certificate_.key_pem + certificate_.certificate_pem;
        ClientCredential credential;
        credential.client_id = kClientId;
        credential.certificate = load_client_certificate(spec);
        credential.algorithm = algorithm;
        return AzureAdTokenClient(
            {authority.empty() ? azure_.authority() : authority, kTenant}, credential,
            transport_, [this] { return clock_.now(); });
    }

    static AuthError error_of(const std::function<void()>& action) {
        try {
            action();
        } catch (const AuthError& error) {
            return error;
        }
        ADD_FAILURE() << "no AuthError thrown";
        return AuthError("none");
    }
};

TEST_F(AzureStandIn, PkceVerifierChecked) {
    const std::string verifier = make_code_verifier();
    const std::string code = authorize(kCallback, code_challenge_s256(verifier));
    const auto client = secret_client();

    auto error = error_of([&] {
        client.redeem_authorization_code(code, kCallback, make_code_verifier(), "");
    });
    EXPECT_EQ(error.aadsts_code(), "AADSTS501481");

    // The code was spent by the failed attempt.
    error = error_of([&] { client.redeem_authorization_code(code, kCallback, verifier, ""); });
    EXPECT_EQ(error.aadsts_code(), "AADSTS54005");

    const std::string second = authorize(kCallback, code_challenge_s256(verifier));
    error = error_of([&] { client.redeem_authorization_code(second, kCallback, "", ""); });
    EXPECT_EQ(error.aadsts_code(), "AADSTS501481");

    const std::string third = authorize(kCallback, code_challenge_s256(verifier));
    const auto tokens = client.redeem_authorization_code(third, kCallback, verifier, "");
    EXPECT_FALSE(tokens.access_token.empty());
}

TEST_F(AzureStandIn, CodeIsSingleUse) {
    const std::string code = authorize(kCallback);
    const auto client = secret_client();
    EXPECT_NO_THROW(client.redeem_authorization_code(code, kCallback, "", ""));
    const auto error =
        error_of([&] { client.redeem_authorization_code(code, kCallback, "", ""); });
    EXPECT_EQ(error.oauth_error(), "invalid_grant");
    EXPECT_EQ(error.aadsts_code(), "AADSTS54005");
}

TEST_F(AzureStandIn, RedirectUriMustMatch) {
    const std::string code = authorize(kCallback);
    const auto error = error_of([&] {
        secret_client().redeem_authorization_code(code, "http://localhost:44444", "", "");
    });
    EXPECT_EQ(error.aadsts_code(), "AADSTS50011");
}

TEST_F(AzureStandIn, UnknownTenant) {
    const auto error = error_of([&] { secret_client("fabrikam").redeem_refresh_token("x", ""); });
    EXPECT_EQ(error.aadsts_code(), "AADSTS90002");
}

TEST_F(AzureStandIn, AssertionRs256AndPs256Accepted) {
    for (const JwtAlgorithm algorithm : {JwtAlgorithm::rs256, JwtAlgorithm::ps256}) {
        const std::string code = authorize(kCallback);
        const auto tokens =
            certificate_client(algorithm).redeem_authorization_code(code, kCallback, "", "");
        EXPECT_TRUE(azure_.validate_bearer(tokens.id_token).has_value());
    }
    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].assertion_algorithm, "RS256");
    EXPECT_EQ(requests[1].assertion_algorithm, "PS256");
}

TEST_F(AzureStandIn, AssertionFromUnregisteredCertificate) {
    const auto other = azure_test::make_certificate("kinetic-client");
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = other.key_pem + other.certificate_pem;
    ClientCredential credential;
    credential.client_id = kClientId;
    credential.certificate = load_client_certificate(spec);
    const AzureAdTokenClient client({azure_.authority(), kTenant}, credential, transport_);
    const auto error = error_of([&] { client.redeem_refresh_token("x", ""); });
    EXPECT_EQ(error.oauth_error(), "invalid_client");
    EXPECT_EQ(error.aadsts_code(), "AADSTS700027");
}

TEST_F(AzureStandIn, AssertionAudienceChecked) {
    // Reaching the stand-in as "localhost" makes the assertion's aud differ
    // from the stand-in's own token endpoint URL, which uses 127.0.0.1.
    std::string authority = azure_.authority();
    authority.replace(authority.find("127.0.0.1"), 9, "localhost");
    const auto error = error_of(
        [&] { certificate_client(JwtAlgorithm::rs256, authority).redeem_refresh_token("x", ""); });
    EXPECT_EQ(error.aadsts_code(), "AADSTS700021");
}

TEST_F(AzureStandIn, ExpiredAssertionRejected) {
    clock_.advance(std::chrono::seconds(-3600));
    const auto error = error_of(
        [&] { certificate_client(JwtAlgorithm::rs256).redeem_refresh_token("x", ""); });
    EXPECT_EQ(error.aadsts_code(), "AADSTS700024");
}

TEST_F(AzureStandIn, ValidatesOnlyItsOwnUnexpiredTokens) {
    const auto tokens =
        secret_client().redeem_authorization_code(authorize(kCallback), kCallback, "", "");
    EXPECT_EQ(azure_.validate_bearer(tokens.access_token), "manager@epic06.example");
    EXPECT_EQ(azure_.validate_bearer(tokens.id_token), "manager@epic06.example");

    std::string tampered = tokens.id_token;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(azure_.validate_bearer(tampered).has_value());
    EXPECT_FALSE(azure_.validate_bearer("not-a-jwt").has_value());

    epicor::testing::AzureAdStandIn other;
    EXPECT_FALSE(other.validate_bearer(tokens.id_token).has_value());

    azure_.advance_clock(std::chrono::seconds(3601));
    EXPECT_FALSE(azure_.validate_bearer(tokens.id_token).has_value());
}

TEST_F(AzureStandIn, LifetimesAndRotationSwitches) {
    epicor::testing::AzureAdStandInOptions options;
    options.access_token_lifetime = std::chrono::seconds(120);
    options.rotate_refresh_tokens = false;
    epicor::testing::AzureAdStandIn azure(options);
    azure.register_app({kTenant, kClientId, kClientSecret, ""});
    azure.start();

    ClientCredential credential;
    credential.client_id = kClientId;
    credential.client_secret = kClientSecret;
    const AzureAdTokenClient client({azure.authority(), kTenant}, credential, transport_);

    epicor::HttpRequest request;
    request.url = azure.authority() + "/" + kTenant + "/oauth2/v2.0/authorize?client_id=" +
                  kClientId + "&response_type=code&scope=openid+offline_access&state=s"
                  "&redirect_uri=http%3A%2F%2Flocalhost%3A33333";
    const auto location = transport_->send(request).headers.get("Location").value_or("");
    const auto code = azure_test::parse_query(location.substr(location.find('?') + 1))["code"];
    const auto first = client.redeem_authorization_code(code, kCallback, "", "");
    EXPECT_EQ(first.expires_in.count(), 120);

    const auto second = client.redeem_refresh_token(first.refresh_token, "");
    EXPECT_EQ(second.refresh_token, first.refresh_token);
    EXPECT_NO_THROW(client.redeem_refresh_token(first.refresh_token, ""));
}

TEST_F(AzureStandIn, UnknownAppGetsErrorPage) {
    epicor::HttpRequest request;
    request.url = azure_.authority() + "/" + kTenant +
                  "/oauth2/v2.0/authorize?client_id=unknown&response_type=code&state=s"
                  "&redirect_uri=http%3A%2F%2Flocalhost%3A33333";
    const auto response = transport_->send(request);
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("AADSTS700016"), std::string::npos);
}

TEST(AzureStandInMockServer, KineticAcceptsIssuedTokens) {
    epicor::testing::AzureAdStandIn azure;
    azure.register_app({kTenant, kClientId, kClientSecret, ""});
    epicor::testing::MockKineticServer server;
    server.add_extension(azure.extension());
    server.start();
    EXPECT_EQ(azure.authority().rfind("http://127.0.0.1:", 0), 0u);

    auto transport = std::make_shared<epicor::CurlTransport>();
    epicor::ConnectionSettings settings;
    settings.auth_scheme = epicor::AuthScheme::azure_ad_openid;
    settings.azure_tenant = kTenant;
    settings.oauth_client_id = kClientId;
    settings.oauth_client_secret = kClientSecret;
    settings.oauth_settings_location = azure_test::unique_memory_location();
    settings.initiate_oauth = epicor::InitiateOAuth::refresh;
    settings.callback_url = kCallback;

    epicor::HttpRequest authorize;
    authorize.url = azure.authority() + "/" + kTenant + "/oauth2/v2.0/authorize?client_id=" +
                    kClientId + "&response_type=code&scope=openid+offline_access&state=s"
                    "&redirect_uri=http%3A%2F%2Flocalhost%3A33333";
    const auto location = transport->send(authorize).headers.get("Location").value_or("");
    settings.oauth_verifier = azure_test::parse_query(location.substr(location.find('?') + 1))["code"];

    epicor::AzureAdOptions options;
    options.authority = azure.authority();
    auto authenticator = epicor::make_azure_ad_authenticator(settings, transport, options);

    epicor::HttpRequest request;
    request.url = server.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers?$top=1";
    authenticator->authenticate(request);
    const auto response = transport->send(request);
    EXPECT_EQ(response.status, 200) << response.body;

    request.headers.set("Authorization", "Bearer forged.token.value");
    EXPECT_EQ(transport->send(request).status, 401);
}

}  // namespace
