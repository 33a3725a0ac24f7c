#pragma once

/// \file
/// The text format of the OAuth settings file, version 1:
///
///     epicor-oauth-settings v1
///     client-id: <OAuth client id>
///     key: <client-secret | private-key | client-id-only>
///     <base64 of 12-byte nonce, AES-256-GCM ciphertext, 16-byte tag>
///
/// The plaintext is a JSON object of the OAuthTokens fields, times in Unix
/// epoch milliseconds. The three header lines, each ended by "\n", are the
/// associated data, so a changed header fails authentication.

#include "auth/settings_crypto.hpp"

#include <epicor/token_store.hpp>

#include <string>
#include <string_view>

namespace epicor::auth {

/// The largest settings file the reader accepts, in bytes. A real file holds
/// three tokens of a few kilobytes each, so anything larger is treated as
/// corrupt.
inline constexpr std::size_t max_settings_file_size = 1024 * 1024;

/// The connection's values that a settings file must match to be decoded.
struct SettingsFileContext {
    std::string path;        ///< For error messages only.
    std::string client_id;   ///< The client id of the connection.
    TokenStoreKey::Kind key_kind = TokenStoreKey::Kind::client_id_only;
    SecretBytes key;         ///< derive_settings_key() of the connection's key.
};

/// Returns the whole file text for `tokens`. Throws TokenStoreError when
/// encryption fails.
std::string encode_settings_file(const OAuthTokens& tokens, const SettingsFileContext& context);

/// Reads the tokens from a file's text. Throws TokenStoreFileError whose
/// kind names the cause (not_settings_file, future_version, corrupt,
/// other_client, other_key_kind or decrypt_failed) and whose message names
/// context.path and never quotes the file's secret content.
OAuthTokens decode_settings_file(std::string_view text, const SettingsFileContext& context);

}  // namespace epicor::auth
