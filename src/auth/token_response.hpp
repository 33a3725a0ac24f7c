#pragma once

// Reads the JSON body of an OAuth 2.0 token endpoint (Azure AD's
// /oauth2/v2.0/token) into a TokenResponse, or turns its error into an
// AuthError that carries the OAuth error and the AADSTS code.

#include <epicor/http.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace epicor::azure {

/// The tokens of one successful token request.
struct TokenResponse {
    std::string access_token;
    std::string id_token;       ///< Empty unless `openid` was in the scope.
    std::string refresh_token;  ///< Empty unless `offline_access` was in the scope.
    std::string token_type;     ///< "Bearer" (any case) or empty when not sent.
    std::chrono::seconds expires_in{0};  ///< Lifetime of the access token.
};

/// Largest `expires_in` accepted: one year. Azure AD issues about an hour.
inline constexpr std::chrono::seconds kMaxExpiresIn{365LL * 24 * 3600};

/// Parses a token endpoint response. `token_url` names the endpoint in
/// messages. Throws AuthError when the status is not 2xx, when the body is
/// not JSON (an HTML error page from a proxy, for example), or when `error`
/// is present. Also throws when `access_token` is missing, or `expires_in`
/// is missing, not a whole number, or outside 1 s to one year. Messages
/// never contain a token.
TokenResponse parse_token_response(const HttpResponse& response, std::string_view token_url);

/// Returns a copy of a token endpoint body that is safe to log: the values of
/// every token, code, secret and assertion field are replaced by "***", and
/// a body that is not JSON is reduced to its length.
std::string sanitize_token_body(std::string_view body);

/// Returns the first AADSTS code (e.g. "AADSTS70008") in `text`, or "".
std::string find_aadsts_code(std::string_view text);

}  // namespace epicor::azure
