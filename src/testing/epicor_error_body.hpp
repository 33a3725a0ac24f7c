#pragma once

// Epicor's error body: HttpStatus, ReasonPhrase, ErrorMessage, ErrorType,
// ErrorDetails and CorrelationId, as JSON, or as XML when the client asked
// for XML only.

#include <nlohmann/json.hpp>

#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace epicor::testing {

// ErrorType of failures the REST layer raises itself (unknown service, bad URL).
inline constexpr const char* kApiExceptionType = "Epicor.RESTApi.ErrorHandling.ApiException";

// Returns a fresh random CorrelationId (a lower-case GUID).
std::string new_correlation_id();

// Builds the JSON error body. `details` is the ErrorDetails array (an empty
// array when null).
nlohmann::json make_error_body(int http_status, const std::string& message, const std::string& error_type,
                               nlohmann::json details = nullptr);

// Writes the error body and status to `response`, as XML when the request's
// Accept header names XML and not JSON.
void send_error(const httplib::Request& request, httplib::Response& response, int http_status,
                const std::string& message, const std::string& error_type = kApiExceptionType,
                nlohmann::json details = nullptr);

// Returns true when the Accept header asks for XML and not for JSON.
bool wants_xml(const httplib::Request& request);

// Escapes text for an XML element.
std::string xml_escape(const std::string& text);

}  // namespace epicor::testing
