#pragma once

// The signed JWT an app presents instead of a client secret (RFC 7523
// client assertion, as Azure AD's certificate credentials expect it).

#include "auth/client_certificate.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace epicor::azure {

/// Signature algorithm of the client assertion.
enum class JwtAlgorithm {
    rs256,  ///< RSASSA-PKCS1-v1_5 with SHA-256; header carries `x5t` (SHA-1 thumbprint).
    ps256,  ///< RSASSA-PSS with SHA-256; header carries `x5t#S256` (SHA-256 thumbprint).
};

/// Lifetime of an assertion: `exp` = `nbf` + 10 minutes.
inline constexpr std::chrono::minutes kAssertionLifetime{10};

/// Builds and signs a client assertion. Claims: `aud` = `token_url`,
/// `iss` = `sub` = `client_id`, `jti` = a fresh random UUID, `nbf` = `iat` =
/// `now`, `exp` = `now` + kAssertionLifetime. Throws AuthError when signing
/// fails.
std::string make_client_assertion(const ClientCertificate& certificate, JwtAlgorithm algorithm,
                                  std::string_view client_id, std::string_view token_url,
                                  std::chrono::system_clock::time_point now);

/// Returns base64url(SHA-1(der)), the `x5t` thumbprint.
std::string thumbprint_sha1(std::string_view der);
/// Returns base64url(SHA-256(der)), the `x5t#S256` thumbprint.
std::string thumbprint_sha256(std::string_view der);

}  // namespace epicor::azure
