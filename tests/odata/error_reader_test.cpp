#include "odata/error_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using epicor::odata::read_error_body;

TEST(ErrorReader, ReadsEpicorBody) {
    const auto info = read_error_body(400, "Bad Request", "application/json; charset=utf-8", R"({
        "HttpStatus": 400, "ReasonPhrase": "REST API Exception",
        "ErrorMessage": "Customer ID is required.",
        "ErrorType": "Ice.Common.BusinessObjectException",
        "ErrorDetails": [{"Message": "Customer ID is required.", "Type": "Error", "Table": "Customer",
                          "Field": "CustID", "Program": "Erp.Services.BO.Customer.dll", "Method": "Update"}],
        "CorrelationId": "5f0c1a2b"})");
    EXPECT_EQ(info.status, 400);
    EXPECT_EQ(info.reason_phrase, "REST API Exception");
    EXPECT_EQ(info.error_message, "Customer ID is required.");
    EXPECT_EQ(info.error_type, "Ice.Common.BusinessObjectException");
    EXPECT_EQ(info.correlation_id, "5f0c1a2b");
    ASSERT_EQ(info.details.size(), 1u);
    EXPECT_EQ(info.details[0].table, "Customer");
    EXPECT_EQ(info.details[0].field, "CustID");
    EXPECT_EQ(info.details[0].type, "Error");
    EXPECT_EQ(info.details[0].program, "Erp.Services.BO.Customer.dll");
    EXPECT_EQ(info.details[0].method, "Update");
}

TEST(ErrorReader, ReadsODataV4Error) {
    const auto info = read_error_body(400, "Bad Request", "application/json",
                                      R"({"error":{"code":"BadFilter","message":"Syntax error at position 5"}})");
    EXPECT_EQ(info.error_type, "BadFilter");
    EXPECT_EQ(info.error_message, "Syntax error at position 5");
    EXPECT_EQ(info.reason_phrase, "Bad Request");
}

TEST(ErrorReader, ReadsODataV3Error) {
    const auto info = read_error_body(404, "Not Found", "application/json",
        R"({"odata.error":{"code":"","message":{"lang":"en-US","value":"Resource not found for the segment 'Custmers'."}}})");
    EXPECT_EQ(info.error_message, "Resource not found for the segment 'Custmers'.");
}

TEST(ErrorReader, ReadsOAuthStyleError) {
    const auto info = read_error_body(400, "", "application/json",
                                      R"({"error":"invalid_grant","error_description":"AADSTS70008: expired"})");
    EXPECT_EQ(info.error_type, "invalid_grant");
    EXPECT_EQ(info.error_message, "AADSTS70008: expired");
}

TEST(ErrorReader, HtmlPageGivesTitle) {
    const auto info = read_error_body(502, "Bad Gateway", "text/html",
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>\n<style>body{color:red}</style></head>"
        "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>");
    EXPECT_EQ(info.status, 502);
    EXPECT_EQ(info.error_message, "502 Bad Gateway");
}

TEST(ErrorReader, HtmlWithoutTitleGivesText) {
    const auto info = read_error_body(503, "Service Unavailable", "text/html; charset=iso-8859-1",
        "<html><head><script>var secretish = 1;</script></head><body>\n<h1>Service\n\n  Unavailable</h1>"
        "<p>Try again &amp; wait.</p></body></html>");
    EXPECT_EQ(info.error_message, "Service Unavailable Try again & wait.");
}

TEST(ErrorReader, PlainTextIsOneLine) {
    const auto info = read_error_body(503, "Service Unavailable", "text/plain",
                                      "  Conversions pending.\r\n Please   retry later.\n");
    EXPECT_EQ(info.error_message, "Conversions pending. Please retry later.");
}

TEST(ErrorReader, MalformedJsonFallsBackToText) {
    const auto info = read_error_body(500, "Internal Server Error", "application/json", R"({"ErrorMessage": "trunc)");
    EXPECT_EQ(info.error_message, R"({"ErrorMessage": "trunc)");
    EXPECT_EQ(info.error_message.find("parse"), std::string::npos);
}

TEST(ErrorReader, LongBodiesAreCapped) {
    const auto info = read_error_body(500, "", "text/plain", std::string(100000, 'e'));
    EXPECT_LE(info.error_message.size(), 503u);
    const auto html = read_error_body(500, "", "text/html", "<title>" + std::string(100000, 't') + "</title>");
    EXPECT_LE(html.error_message.size(), 503u);
}

TEST(ErrorReader, EmptyBodyKeepsReason) {
    const auto info = read_error_body(401, "Unauthorized", "", "");
    EXPECT_EQ(info.reason_phrase, "Unauthorized");
    EXPECT_TRUE(info.error_message.empty());
}

TEST(ErrorReader, NonStringFieldsDoNotThrow) {
    const auto info = read_error_body(400, "", "application/json",
                                      R"({"ErrorMessage": 42, "ErrorType": {"a":[1]}, "ErrorDetails": [1, null, {"Message": true}]})");
    EXPECT_EQ(info.error_message, "42");
    EXPECT_EQ(info.error_type, "");
    ASSERT_EQ(info.details.size(), 1u);
    EXPECT_EQ(info.details[0].message, "true");
}

TEST(ErrorReader, UnknownJsonShapeGivesBodyText) {
    const auto info = read_error_body(500, "", "application/json", R"({"Message":"An error has occurred."})");
    EXPECT_EQ(info.error_message, "An error has occurred.");
    const auto other = read_error_body(500, "", "application/json", R"({"weird":1})");
    EXPECT_EQ(other.error_message, R"({"weird":1})");
}

}  // namespace
