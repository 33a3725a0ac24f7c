#include "auth/token_response.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>

namespace {

using epicor::AuthError;
using epicor::HttpResponse;
using epicor::azure::parse_token_response;
using epicor::azure::sanitize_token_body;

constexpr const char* kUrl = "https://login.example/contoso/oauth2/v2.0/token";

HttpResponse json_response(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.headers.set("Content-Type", "application/json; charset=utf-8");
    response.body = std::move(body);
    return response;
}

AuthError parse_error(const HttpResponse& response) {
    try {
        parse_token_response(response, kUrl);
    } catch (const AuthError& error) {
        return error;
    }
    ADD_FAILURE() << "no AuthError thrown";
    return AuthError("none");
}

TEST(AzureTokenResponse, ReadsAllFields) {
    const auto tokens = parse_token_response(
        json_response(200, R"({"token_type":"Bearer","expires_in":3599,"access_token":"at",)"
                           R"("id_token":"it","refresh_token":"rt","scope":"openid"})"),
        kUrl);
    EXPECT_EQ(tokens.access_token, "at");
    EXPECT_EQ(tokens.id_token, "it");
    EXPECT_EQ(tokens.refresh_token, "rt");
    EXPECT_EQ(tokens.token_type, "Bearer");
    EXPECT_EQ(tokens.expires_in.count(), 3599);
}

TEST(AzureTokenResponse, ExpiresInAsString) {
    const auto tokens = parse_token_response(
        json_response(200, R"({"access_token":"at","expires_in":"3600","token_type":"bearer"})"),
        kUrl);
    EXPECT_EQ(tokens.expires_in.count(), 3600);
}

TEST(AzureTokenResponse, ExpiresInOutOfRange) {
    for (const char* value : {"0", "-5", "\"-5\"", "\"12abc\"", "\"\"", "1.5", "99999999999",
                              "\"99999999999999999999\"", "null", "true"}) {
        const auto error = parse_error(json_response(
            200, std::string(R"({"access_token":"at","expires_in":)") + value + "}"));
        EXPECT_NE(std::string(error.what()).find("expires_in"), std::string::npos) << value;
    }
}

TEST(AzureTokenResponse, MissingFields) {
    auto error = parse_error(json_response(200, R"({"expires_in":3600})"));
    EXPECT_NE(std::string(error.what()).find("no access_token"), std::string::npos);
    error = parse_error(json_response(200, R"({"access_token":"secret-at"})"));
    EXPECT_NE(std::string(error.what()).find("no expires_in"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("secret-at"), std::string::npos);
}

TEST(AzureTokenResponse, RejectsOtherTokenTypes) {
    const auto error = parse_error(
        json_response(200, R"({"access_token":"at","expires_in":60,"token_type":"pop"})"));
    EXPECT_NE(std::string(error.what()).find("token_type pop"), std::string::npos);
}

TEST(AzureTokenResponse, OAuthErrorCarriesAadstsCode) {
    const auto error = parse_error(json_response(
        400, R"({"error":"invalid_grant","error_description":"AADSTS70008: The provided )"
             R"(authorization code or refresh token has expired.\r\nTrace ID: abc"})"));
    EXPECT_EQ(error.oauth_error(), "invalid_grant");
    EXPECT_EQ(error.aadsts_code(), "AADSTS70008");
    const std::string message = error.what();
    EXPECT_NE(message.find("AADSTS70008"), std::string::npos);
    EXPECT_NE(message.find("epicor login"), std::string::npos);
    EXPECT_EQ(message.find("Trace ID"), std::string::npos);
}

TEST(AzureTokenResponse, InvalidClientAdvice) {
    const auto error = parse_error(json_response(
        401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."})"));
    EXPECT_EQ(error.oauth_error(), "invalid_client");
    EXPECT_EQ(error.aadsts_code(), "AADSTS7000215");
    EXPECT_NE(std::string(error.what()).find("OAuthClientSecret"), std::string::npos);
}

TEST(AzureTokenResponse, HtmlErrorPage) {
    HttpResponse response;
    response.status = 502;
    response.headers.set("Content-Type", "text/html");
    response.body = "<html><body>Bad gateway</body></html>";
    const auto error = parse_error(response);
    const std::string message = error.what();
    EXPECT_NE(message.find("HTTP 502"), std::string::npos);
    EXPECT_NE(message.find("text/html"), std::string::npos);
    EXPECT_TRUE(error.oauth_error().empty());
}

TEST(AzureTokenResponse, ErrorStatusWithoutErrorField) {
    const auto error = parse_error(json_response(500, R"({"message":"oops"})"));
    EXPECT_NE(std::string(error.what()).find("HTTP 500"), std::string::npos);
}

TEST(AzureTokenResponse, SanitizedCopyHidesSecrets) {
    const std::string sanitized = sanitize_token_body(
        R"({"access_token":"AT-1","id_token":"IT-1","refresh_token":"RT-1","expires_in":3599})");
    EXPECT_EQ(sanitized.find("AT-1"), std::string::npos);
    EXPECT_EQ(sanitized.find("IT-1"), std::string::npos);
    EXPECT_EQ(sanitized.find("RT-1"), std::string::npos);
    EXPECT_NE(sanitized.find("3599"), std::string::npos);
    EXPECT_EQ(sanitize_token_body("<html>secret</html>"), "<19 bytes, not JSON>");
}

TEST(AzureTokenResponse, FindsAadstsCode) {
    EXPECT_EQ(epicor::azure::find_aadsts_code("x AADSTS50173: revoked"), "AADSTS50173");
    EXPECT_EQ(epicor::azure::find_aadsts_code("AADSTS without digits"), "");
    EXPECT_EQ(epicor::azure::find_aadsts_code(""), "");
}

}  // namespace
