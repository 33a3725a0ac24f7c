#pragma once

/// \file
/// The cryptography of the OAuth settings file: key derivation with
/// HKDF-SHA256, AES-256-GCM sealing, base64, and a byte string that is wiped
/// when released.

#include <epicor/token_store.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace epicor::auth {

/// A byte string holding key material or decrypted plaintext. Its bytes are
/// overwritten with OPENSSL_cleanse when it is destroyed or reassigned.
/// NOTE: copies that other code makes from data() (a JSON parser's strings,
/// for example) are not covered.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::string bytes) : bytes_(std::move(bytes)) {}
    SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    ~SecretBytes();

    const std::string& str() const noexcept { return bytes_; }
    std::string& str() noexcept { return bytes_; }
    std::size_t size() const noexcept { return bytes_.size(); }

private:
    std::string bytes_;
};

/// Overwrites every byte of `text` with OPENSSL_cleanse and empties it.
void cleanse(std::string& text) noexcept;

/// Overwrites every token string of `tokens`.
void cleanse(OAuthTokens& tokens) noexcept;

/// Size of the AES-256-GCM key, nonce and tag, in bytes.
inline constexpr std::size_t settings_key_size = 32;
inline constexpr std::size_t settings_nonce_size = 12;
inline constexpr std::size_t settings_tag_size = 16;

/// Derives the 32-byte file key with HKDF-SHA256. The input key material is
/// `key.material()`, or `client_id` for TokenStoreKey::Kind::client_id_only.
/// The info string binds the format version, the key kind and the client id.
/// Throws TokenStoreError when OpenSSL fails.
SecretBytes derive_settings_key(const TokenStoreKey& key, std::string_view client_id);

/// Encrypts `plaintext` with AES-256-GCM under a fresh random nonce and
/// returns nonce, ciphertext and tag concatenated. `associated_data` is
/// authenticated but not encrypted. Throws TokenStoreError when OpenSSL or
/// its random generator fails.
std::string seal(const SecretBytes& key, std::string_view plaintext,
                 std::string_view associated_data);

/// Decrypts what seal() returned. Returns nothing when `sealed` is too short
/// or its tag does not authenticate (another key, other associated data, or
/// changed bytes). Throws TokenStoreError when OpenSSL fails otherwise.
std::optional<SecretBytes> unseal(const SecretBytes& key, std::string_view sealed,
                                  std::string_view associated_data);

/// Encodes `bytes` as standard base64 with padding and no line breaks.
std::string encode_base64(std::string_view bytes);

/// Decodes standard padded base64 without whitespace. Returns nothing for
/// any other input, including a length that is not a multiple of four.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace epicor::auth
