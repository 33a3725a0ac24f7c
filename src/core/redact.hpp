#pragma once

// Removes secrets from URLs, headers and bodies before they reach a log or
// an error message. Every function returns a copy and never throws on
// malformed input: what it cannot parse it replaces wholesale.

#include <string>
#include <string_view>

namespace epicor::detail {

/// Text that replaces a removed secret.
inline constexpr std::string_view redacted_text = "***";

/// Returns true when a query parameter, form field, JSON member or header
/// named `name` carries a secret (password, api-key, access_token, code,
/// client_secret, ...). Compares case-insensitively and ignores '-' and '_'.
bool is_secret_name(std::string_view name) noexcept;

/// Returns `url` with its userinfo ("user:password@") and the values of
/// secret query parameters replaced by ***. The fragment is dropped.
std::string redact_url(std::string_view url);

/// Returns the header value safe to log. Authorization and
/// Proxy-Authorization keep only their scheme word ("Bearer ***").
/// Location, Content-Location and Referer go through redact_url(), so a
/// redirect's `code=` is hidden. Cookie, Set-Cookie and headers whose name
/// is secret (x-api-key, password, username) become ***. Other values are
/// returned unchanged.
std::string redact_header_value(std::string_view name, std::string_view value);

/// Returns an application/x-www-form-urlencoded body with secret fields' values
/// replaced by ***.
std::string redact_form_body(std::string_view body);

/// Returns a JSON body with the values of secret members, at any depth,
/// replaced by "***". Text that is not valid JSON is replaced by a note
/// that gives its length.
std::string redact_json_body(std::string_view body);

/// Redacts `body` by its Content-Type: form and JSON bodies as above. A body
/// of any other type is replaced by a note with its length and type, because
/// its contents cannot be checked for secrets.
std::string redact_body(std::string_view content_type, std::string_view body);

}  // namespace epicor::detail
