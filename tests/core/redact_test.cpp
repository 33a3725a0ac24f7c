#include "core/redact.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace epicor::detail;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(RedactUrl, SecretQueryParameters) {
    const std::string url =
        "https://acme.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/Customers"
        "?api-key=S1&apikey=S2&password=S3&access_token=S4&refresh_token=S5&code=S6&client_secret=S7"
        "&client_assertion=S8&code_verifier=S9&token=S10&sig=S11&$top=5&state=abc";
    const std::string redacted = redact_url(url);
    for (int i = 1; i <= 11; ++i) {
        EXPECT_FALSE(contains(redacted, "=S" + std::to_string(i))) << "S" << i << " in " << redacted;
    }
    EXPECT_TRUE(contains(redacted, "api-key=***")) << redacted;
    EXPECT_TRUE(contains(redacted, "$top=5")) << redacted;
    EXPECT_TRUE(contains(redacted, "state=abc")) << redacted;
    EXPECT_TRUE(contains(redacted, "/Erp.BO.CustomerSvc/Customers?")) << redacted;
}

TEST(RedactUrl, NamesMatchIgnoringCaseAndEncoding) {
    const std::string redacted = redact_url("http://h/x?API%2DKEY=S1&Client+Secret=S2&ClientSecret=S3&X=1");
    EXPECT_FALSE(contains(redacted, "S1")) << redacted;
    EXPECT_FALSE(contains(redacted, "S2")) << redacted;
    EXPECT_FALSE(contains(redacted, "S3")) << redacted;
    EXPECT_TRUE(contains(redacted, "X=1")) << redacted;
}

TEST(RedactUrl, Userinfo) {
    const std::string redacted = redact_url("https://manager:hunter2@acme.example:8443/Kinetic/api/v1/");
    EXPECT_FALSE(contains(redacted, "hunter2")) << redacted;
    EXPECT_FALSE(contains(redacted, "manager")) << redacted;
    EXPECT_EQ(redacted, "https://***@acme.example:8443/Kinetic/api/v1/");
}

TEST(RedactUrl, FragmentDropped) {
    EXPECT_EQ(redact_url("http://127.0.0.1:33333/#code=S1&state=x"), "http://127.0.0.1:33333/");
}

TEST(RedactUrl, PlainUrlUnchanged) {
    const std::string url = "https://acme.example/Kinetic/api/v1/Erp.BO.PartSvc/Parts('EPIC06','A@B')";
    EXPECT_EQ(redact_url(url), url);
    EXPECT_EQ(redact_url("not a url"), "not a url");
    EXPECT_EQ(redact_url(""), "");
}

TEST(RedactHeader, AuthorizationKeepsSchemeOnly) {
    EXPECT_EQ(redact_header_value("Authorization", "Bearer eyJhbGciOi.S1.S2"), "Bearer ***");
    EXPECT_EQ(redact_header_value("authorization", "Basic bWFuYWdlcjpodW50ZXIy"), "Basic ***");
    EXPECT_EQ(redact_header_value("Proxy-Authorization", "Basic abc"), "Basic ***");
    EXPECT_EQ(redact_header_value("Authorization", "opaque-secret"), "***");
}

TEST(RedactHeader, SecretHeaders) {
    for (const char* name : {"x-api-key", "X-API-Key", "password", "username", "Cookie", "Set-Cookie",
                             "X-Auth-Token"}) {
        EXPECT_EQ(redact_header_value(name, "S1"), "***") << name;
    }
}

TEST(RedactHeader, OrdinaryHeadersUnchanged) {
    EXPECT_EQ(redact_header_value("License", R"({"ClaimedLicense":"00000003-B615-4300-957B-34956697F040"})"),
              R"({"ClaimedLicense":"00000003-B615-4300-957B-34956697F040"})");
    EXPECT_EQ(redact_header_value("CallSettings", R"({"Company":"EPIC06"})"), R"({"Company":"EPIC06"})");
    EXPECT_EQ(redact_header_value("Content-Type", "application/json"), "application/json");
}

TEST(RedactHeader, UrlHeadersRedactedAsUrls) {
    // Azure AD's redirect back to the loopback listener carries the code.
    const std::string location =
        "http://127.0.0.1:33333/callback?code=S1&state=abc&session_state=S2";
    const std::string redacted = redact_header_value("Location", location);
    EXPECT_FALSE(contains(redacted, "S1")) << redacted;
    EXPECT_TRUE(contains(redacted, "code=***")) << redacted;
    EXPECT_TRUE(contains(redacted, "state=abc")) << redacted;
    EXPECT_TRUE(contains(redacted, "http://127.0.0.1:33333/callback?")) << redacted;

    for (const char* name : {"location", "Content-Location", "Referer", "REFERER"}) {
        const std::string value =
            redact_header_value(name, "https://user:pw@h.example/p?access_token=S3&x=1");
        EXPECT_EQ(value, "https://***@h.example/p?access_token=***&x=1") << name;
    }
}

TEST(RedactHeader, RelativeLocationRedacted) {
    EXPECT_EQ(redact_header_value("Location", "/callback?code=S1&state=s"),
              "/callback?code=***&state=s");
    EXPECT_EQ(redact_header_value("Location", "callback?client_secret=S1"),
              "callback?client_secret=***");
}

TEST(RedactHeader, LocationFragmentDropped) {
    // With response_mode=fragment the code and tokens travel after '#'.
    EXPECT_EQ(redact_header_value("Location", "http://localhost:33333/#code=S1&id_token=S2"),
              "http://localhost:33333/");
}

TEST(RedactHeader, LocationWithoutSecretsUnchanged) {
    const std::string location =
        "http://127.0.0.1:33333/?error=access_denied&error_description=AADSTS65004&state=s";
    EXPECT_EQ(redact_header_value("Location", location), location);
}

TEST(RedactBody, FormFields) {
    const std::string body =
        "grant_type=refresh_token&refresh_token=S1&client_id=app&client_secret=S2&code=S3"
        "&code_verifier=S4&client_assertion=S5&redirect_uri=http%3A%2F%2Flocalhost%3A33333";
    const std::string redacted = redact_form_body(body);
    for (int i = 1; i <= 5; ++i) {
        EXPECT_FALSE(contains(redacted, "S" + std::to_string(i))) << redacted;
    }
    EXPECT_TRUE(contains(redacted, "grant_type=refresh_token")) << redacted;
    EXPECT_TRUE(contains(redacted, "client_id=app")) << redacted;
    EXPECT_TRUE(contains(redacted, "redirect_uri=http%3A%2F%2Flocalhost%3A33333")) << redacted;
    EXPECT_EQ(redact_body("application/x-www-form-urlencoded; charset=utf-8", body), redacted);
}

TEST(RedactBody, JsonMembersAtAnyDepth) {
    const std::string body = R"({"AccessToken":"S1","ExpiresIn":3600,"nested":{"password":"S2",)"
                             R"("list":[{"refresh_token":"S3"},{"client_secret":{"deep":"S4"}}]},)"
                             R"("CustID":"ADDISON"})";
    const std::string redacted = redact_json_body(body);
    for (int i = 1; i <= 4; ++i) {
        EXPECT_FALSE(contains(redacted, "S" + std::to_string(i))) << redacted;
    }
    EXPECT_TRUE(contains(redacted, "ADDISON")) << redacted;
    EXPECT_TRUE(contains(redacted, "3600")) << redacted;
    EXPECT_EQ(redact_body("application/json; charset=utf-8", body), redacted);
}

TEST(RedactBody, InvalidJsonNotLogged) {
    const std::string redacted = redact_json_body(R"({"password":"S1")");
    EXPECT_FALSE(contains(redacted, "S1")) << redacted;
    EXPECT_TRUE(contains(redacted, "not valid JSON")) << redacted;
}

TEST(RedactBody, OtherTypesNotLogged) {
    const std::string xml = "<AccessToken>S1</AccessToken>";
    const std::string redacted = redact_body("application/xml", xml);
    EXPECT_FALSE(contains(redacted, "S1")) << redacted;
    EXPECT_TRUE(contains(redacted, std::to_string(xml.size()) + " bytes")) << redacted;
    EXPECT_FALSE(contains(redact_body("", "password=S2"), "S2"));
    EXPECT_EQ(redact_body("application/json", ""), "");
}

TEST(SecretName, KnownNames) {
    for (const char* name : {"api-key", "apikey", "ApiKey", "password", "ProxyPassword", "OAuthClientSecret",
                             "access_token", "id_token", "code", "code_verifier", "client_assertion", "sig",
                             "token", "AccessToken"}) {
        EXPECT_TRUE(is_secret_name(name)) << name;
    }
    for (const char* name : {"$top", "CustID", "state", "client_id", "grant_type", "code_challenge", "Company",
                             "redirect_uri", "ExpiresIn"}) {
        EXPECT_FALSE(is_secret_name(name)) << name;
    }
}

}  // namespace
