#pragma once

// PKCE (RFC 7636) and the random values of the OAuth flows: code verifiers,
// `state`, JWT ids. Every random byte comes from OpenSSL's RAND_bytes.

#include <cstddef>
#include <string>
#include <string_view>

namespace epicor::azure {

/// Encodes bytes as base64url without padding (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);

/// Decodes base64url with or without padding. Throws AuthError on a
/// character outside the base64url alphabet.
std::string base64url_decode(std::string_view text);

/// Returns `count` bytes from the cryptographic RNG. Throws AuthError when
/// the RNG fails.
std::string random_bytes(std::size_t count);

/// Returns a random version 4 UUID in its 36-character text form.
std::string random_uuid();

/// Returns a fresh PKCE code verifier: 32 random bytes as 43 base64url
/// characters, within RFC 7636's 43 to 128.
std::string make_code_verifier();

/// Returns the S256 code challenge: base64url(SHA-256(verifier)).
std::string code_challenge_s256(std::string_view code_verifier);

/// Returns a fresh OAuth `state` value (32 random bytes, base64url).
std::string make_state();

/// Compares two secrets in time that does not depend on where they differ.
/// Only the lengths leak.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace epicor::azure
