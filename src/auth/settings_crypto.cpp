#include "auth/settings_crypto.hpp"

#include <epicor/error.hpp>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <memory>
#include <utility>

namespace epicor::auth {
namespace {

struct CipherContextDeleter {
    void operator()(EVP_CIPHER_CTX* context) const noexcept { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

struct KdfDeleter {
    void operator()(EVP_KDF* kdf) const noexcept { EVP_KDF_free(kdf); }
};
struct KdfContextDeleter {
    void operator()(EVP_KDF_CTX* context) const noexcept { EVP_KDF_CTX_free(context); }
};

// OpenSSL's queued error text for a failed call. It describes the library
// call, never the data, so it is safe in a message.
std::string openssl_error_text() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return "no OpenSSL error code";
    }
    std::array<char, 256> buffer{};
    ERR_error_string_n(code, buffer.data(), buffer.size());
    return buffer.data();
}

[[noreturn]] void throw_openssl_failure(const char* step) {
    throw TokenStoreError(std::string("OpenSSL failed to ") + step +
                          " for the OAuth settings file: " + openssl_error_text() +
                          ". Check that the OpenSSL installation provides AES-256-GCM and HKDF.");
}

const unsigned char* bytes_of(std::string_view text) noexcept {
    return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes_of(std::string& text) noexcept {
    return reinterpret_cast<unsigned char*>(text.data());
}

int checked_length(std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX)) {
        throw TokenStoreError("OAuth settings data of " + std::to_string(size) +
                              " bytes is too large to encrypt");
    }
    return static_cast<int>(size);
}

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Returns the 6-bit value of a base64 character, or -1 for any other byte.
int base64_value(char c) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
    cleanse(other.bytes_);
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        cleanse(bytes_);
        bytes_ = other.bytes_;
    }
    return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        cleanse(bytes_);
        bytes_ = std::move(other.bytes_);
        cleanse(other.bytes_);
    }
    return *this;
}

SecretBytes::~SecretBytes() { cleanse(bytes_); }

void cleanse(std::string& text) noexcept {
    // The capacity, not only the size, may hold an earlier longer value.
    text.resize(text.capacity());
    if (!text.empty()) {
        OPENSSL_cleanse(text.data(), text.size());
    }
    text.clear();
}

void cleanse(OAuthTokens& tokens) noexcept {
    cleanse(tokens.access_token);
    cleanse(tokens.id_token);
    cleanse(tokens.refresh_token);
}

SecretBytes derive_settings_key(const TokenStoreKey& key, std::string_view client_id) {
    const std::string_view material = key.kind() == TokenStoreKey::Kind::client_id_only
                                          ? client_id
                                          : std::string_view(key.material());
    const std::string salt = "epicor-oauth-settings";
    const std::string info =
        std::string("epicor-oauth-settings v1|") + to_string(key.kind()) + "|" + std::string(client_id);

    std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
    if (!kdf) {
        throw_openssl_failure("load HKDF");
    }
    std::unique_ptr<EVP_KDF_CTX, KdfContextDeleter> context(EVP_KDF_CTX_new(kdf.get()));
    if (!context) {
        throw_openssl_failure("create an HKDF context");
    }

    std::array<char, 7> digest_name{'S', 'H', 'A', '2', '5', '6', '\0'};
    const std::array<OSSL_PARAM, 5> params{
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_name.data(), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(material.data()),
                                          material.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()),
                                          salt.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()),
                                          info.size()),
        OSSL_PARAM_construct_end()};

    SecretBytes derived(std::string(settings_key_size, '\0'));
    if (EVP_KDF_derive(context.get(), bytes_of(derived.str()), derived.size(), params.data()) != 1) {
        throw_openssl_failure("derive the file key with HKDF-SHA256");
    }
    return derived;
}

std::string seal(const SecretBytes& key, std::string_view plaintext,
                 std::string_view associated_data) {
    std::string sealed(settings_nonce_size + plaintext.size() + settings_tag_size, '\0');
    unsigned char* nonce = bytes_of(sealed);
    unsigned char* ciphertext = nonce + settings_nonce_size;
    unsigned char* tag = ciphertext + plaintext.size();

    if (RAND_bytes(nonce, static_cast<int>(settings_nonce_size)) != 1) {
        throw_openssl_failure("generate a random nonce");
    }

    CipherContext context(EVP_CIPHER_CTX_new());
    if (!context ||
        EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes_of(key.str()), nonce) != 1) {
        throw_openssl_failure("start AES-256-GCM encryption");
    }

    int length = 0;
    if (EVP_EncryptUpdate(context.get(), nullptr, &length, bytes_of(associated_data),
                          checked_length(associated_data.size())) != 1 ||
        EVP_EncryptUpdate(context.get(), ciphertext, &length, bytes_of(plaintext),
                          checked_length(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(context.get(), ciphertext + length, &length) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG,
                            static_cast<int>(settings_tag_size), tag) != 1) {
        throw_openssl_failure("encrypt with AES-256-GCM");
    }
    return sealed;
}

std::optional<SecretBytes> unseal(const SecretBytes& key, std::string_view sealed,
                                  std::string_view associated_data) {
    if (sealed.size() < settings_nonce_size + settings_tag_size) {
        return std::nullopt;
    }
    const std::size_t ciphertext_size = sealed.size() - settings_nonce_size - settings_tag_size;
    const unsigned char* nonce = bytes_of(sealed);
    const unsigned char* ciphertext = nonce + settings_nonce_size;
    std::array<unsigned char, settings_tag_size> tag{};
    std::copy(ciphertext + ciphertext_size, ciphertext + ciphertext_size + settings_tag_size,
              tag.begin());

    CipherContext context(EVP_CIPHER_CTX_new());
    if (!context ||
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes_of(key.str()), nonce) != 1) {
        throw_openssl_failure("start AES-256-GCM decryption");
    }

    // One spare byte keeps data() valid for an empty ciphertext.
    SecretBytes plaintext(std::string(ciphertext_size + 1, '\0'));
    int length = 0;
    int final_length = 0;
    if (EVP_DecryptUpdate(context.get(), nullptr, &length, bytes_of(associated_data),
                          checked_length(associated_data.size())) != 1 ||
        EVP_DecryptUpdate(context.get(), bytes_of(plaintext.str()), &length, ciphertext,
                          checked_length(ciphertext_size)) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG,
                            static_cast<int>(settings_tag_size), tag.data()) != 1) {
        throw_openssl_failure("decrypt with AES-256-GCM");
    }
    if (EVP_DecryptFinal_ex(context.get(), bytes_of(plaintext.str()) + length, &final_length) != 1) {
        // A tag mismatch is the expected failure here, not an OpenSSL fault.
        ERR_clear_error();
        return std::nullopt;
    }
    plaintext.str().resize(static_cast<std::size_t>(length) + static_cast<std::size_t>(final_length));
    return plaintext;
}

std::string encode_base64(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned group = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                               static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                               static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        text += base64_alphabet[group >> 18 & 63];
        text += base64_alphabet[group >> 12 & 63];
        text += base64_alphabet[group >> 6 & 63];
        text += base64_alphabet[group & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned group = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) {
            group |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        }
        text += base64_alphabet[group >> 18 & 63];
        text += base64_alphabet[group >> 12 & 63];
        text += rest == 2 ? base64_alphabet[group >> 6 & 63] : '=';
        text += '=';
    }
    return text;
}

std::optional<std::string> decode_base64(std::string_view text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string bytes;
    bytes.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        std::size_t padding = 0;
        if (last && text[i + 3] == '=') {
            padding = text[i + 2] == '=' ? 2 : 1;
        }
        unsigned group = 0;
        for (std::size_t j = 0; j < 4 - padding; ++j) {
            const int value = base64_value(text[i + j]);
            if (value < 0) {
                return std::nullopt;
            }
            group |= static_cast<unsigned>(value) << (18 - 6 * j);
        }
        // Bits below the last whole byte must be zero, so each byte string
        // has exactly one encoding.
        if ((padding == 1 && (group & 0xFFu) != 0) || (padding == 2 && (group & 0xFFFFu) != 0)) {
            return std::nullopt;
        }
        bytes += static_cast<char>(group >> 16 & 0xFF);
        if (padding < 2) bytes += static_cast<char>(group >> 8 & 0xFF);
        if (padding < 1) bytes += static_cast<char>(group & 0xFF);
    }
    return bytes;
}

}  // namespace epicor::auth
