#pragma once

// Reads the body of a failed Kinetic call into HttpErrorInfo. Handles
// Epicor's own error object, the OData error object, plain text and the
// HTML pages that proxies send.

#include <epicor/error.hpp>

#include <string_view>

namespace epicor::odata {

/// Fills `status`, `reason_phrase`, `error_message`, `error_type`, `details`
/// and `correlation_id` from the body:
/// - Epicor JSON: `HttpStatus`, `ReasonPhrase`, `ErrorMessage`, `ErrorType`,
///   `ErrorDetails`, `CorrelationId`;
/// - OData JSON: `{"error":{"code":..,"message":..}}`, where v1's message is
///   `{"lang":..,"value":..}`; the code goes to `error_type`;
/// - HTML: the `<title>` (or the text without tags) as `error_message`;
/// - anything else: the text itself.
/// Messages are one line, at most 500 bytes. `reason_phrase` falls back to
/// `http_reason`. Never throws on any body, so a broken body cannot hide
/// the HTTP error (std::bad_alloc aside). `method` and `url` stay empty for
/// the caller.
HttpErrorInfo read_error_body(int status, std::string_view http_reason,
                              std::string_view content_type, std::string_view body);

}  // namespace epicor::odata
