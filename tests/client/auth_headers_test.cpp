// Tests of Basic authentication, the plain-http guard and the Kinetic
// headers (x-api-key, CallSettings, License).

#include "auth/basic_authenticator.hpp"
#include "auth/credential_guard.hpp"
#include "auth/kinetic_headers.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>

namespace {

using epicor::HttpRequest;
namespace auth = epicor::auth;

TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(auth::base64_encode(""), "");
    EXPECT_EQ(auth::base64_encode("f"), "Zg==");
    EXPECT_EQ(auth::base64_encode("fo"), "Zm8=");
    EXPECT_EQ(auth::base64_encode("foo"), "Zm9v");
    EXPECT_EQ(auth::base64_encode("foobar"), "Zm9vYmFy");
}

TEST(BasicAuthenticator, SetsAuthorizationHeader) {
    auth::BasicAuthenticator authenticator("manager", "manager", false);
    HttpRequest request;
    request.url = "https://kinetic.test/Live/api/v1/";
    authenticator.authenticate(request);
    EXPECT_EQ(request.headers.get("Authorization"), "Basic bWFuYWdlcjptYW5hZ2Vy");
    EXPECT_FALSE(authenticator.on_unauthorized(epicor::HttpResponse{}));
}

TEST(BasicAuthenticator, ColonInUserRejected) {
    EXPECT_THROW(auth::BasicAuthenticator("a:b", "x", false), epicor::AuthError);
}

TEST(BasicAuthenticator, PlainHttpRemoteRejectedWithoutSecret) {
    auth::BasicAuthenticator authenticator("manager", "topsecret", false);
    HttpRequest request;
    request.url = "http://kinetic.test/Live/api/v1/";
    try {
        authenticator.authenticate(request);
        FAIL() << "expected AuthError";
    } catch (const epicor::AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("AllowInsecureHttp"), std::string::npos) << message;
        EXPECT_EQ(message.find("topsecret"), std::string::npos) << message;
    }
    EXPECT_FALSE(request.headers.contains("Authorization"));
}

TEST(BasicAuthenticator, PlainHttpAllowedWhenOptedIn) {
    auth::BasicAuthenticator authenticator("manager", "x", true);
    HttpRequest request;
    request.url = "http://kinetic.test/Live/api/v1/";
    authenticator.authenticate(request);
    EXPECT_TRUE(request.headers.contains("Authorization"));
}

TEST(CredentialGuard, ClassifiesUrls) {
    EXPECT_TRUE(auth::is_safe_for_credentials("https://kinetic.test/x"));
    EXPECT_TRUE(auth::is_safe_for_credentials("HTTPS://kinetic.test"));
    EXPECT_TRUE(auth::is_safe_for_credentials("http://127.0.0.1:8080/x"));
    EXPECT_TRUE(auth::is_safe_for_credentials("http://127.10.0.3/x"));
    EXPECT_TRUE(auth::is_safe_for_credentials("http://localhost/x"));
    EXPECT_TRUE(auth::is_safe_for_credentials("http://[::1]:99/x"));
    EXPECT_FALSE(auth::is_safe_for_credentials("http://kinetic.test/x"));
    EXPECT_FALSE(auth::is_safe_for_credentials("http://127.0.0.1.evil.test/x"));
    EXPECT_FALSE(auth::is_safe_for_credentials("http://localhost.evil.test/x"));
    EXPECT_FALSE(auth::is_safe_for_credentials("http://127.0.0.1@evil.test/x"));
    EXPECT_FALSE(auth::is_safe_for_credentials("ftp://127.0.0.1/x"));
}

TEST(CredentialGuard, ExtractsHost) {
    EXPECT_EQ(auth::url_host("https://User@Kinetic.Test:443/Live?x=1"), "kinetic.test");
    EXPECT_EQ(auth::url_host("http://[::1]:8080/"), "::1");
    EXPECT_EQ(auth::url_host("no scheme"), "");
}

TEST(LicenseGuid, KnownNamesAndRawGuids) {
    EXPECT_EQ(auth::license_guid("Default"), "00000003-B615-4300-957B-34956697F040");
    EXPECT_EQ(auth::license_guid("webservice"), "00000003-9439-4B30-A6F4-6D2FD4B9FD0F");
    EXPECT_EQ(auth::license_guid("WebServiceShared"), "00000003-231B-4E2B-9B47-13F87EA9A0A3");
    EXPECT_EQ(auth::license_guid("DataCollection"), "00000003-B8EB-40C4-8897-248CB30C5D47");
    EXPECT_EQ(auth::license_guid("00000003-aaaa-4300-957B-34956697F040"),
              "00000003-aaaa-4300-957B-34956697F040");
    EXPECT_FALSE(auth::license_guid("Premium").has_value());
}

TEST(KineticHeaders, V1SendsCompanyInCallSettings) {
    auth::KineticHeaderValues values;
    values.company = "EPIC06";
    values.plant = "MfgSys";
    values.license_guid = "00000003-B615-4300-957B-34956697F040";
    HttpRequest request;
    auth::apply_kinetic_headers(values, request);
    EXPECT_EQ(request.headers.get("CallSettings"), R"({"Company":"EPIC06","Plant":"MfgSys"})");
    EXPECT_EQ(request.headers.get("License"),
              R"({"ClaimedLicense":"00000003-B615-4300-957B-34956697F040"})");
    EXPECT_EQ(request.headers.get("Accept"), "application/json");
    EXPECT_FALSE(request.headers.contains("x-api-key"));
}

TEST(KineticHeaders, V2SendsApiKeyAndPlantOnly) {
    auth::KineticHeaderValues values;
    values.api_v2 = true;
    values.api_key = "k";
    values.company = "EPIC06";
    HttpRequest request;
    auth::apply_kinetic_headers(values, request);
    EXPECT_EQ(request.headers.get("x-api-key"), "k");
    EXPECT_FALSE(request.headers.contains("CallSettings"));

    values.plant = "MfgSys";
    auth::apply_kinetic_headers(values, request);
    EXPECT_EQ(request.headers.get("CallSettings"), R"({"Company":"EPIC06","Plant":"MfgSys"})");
}

}  // namespace
