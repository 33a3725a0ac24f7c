#include <epicor/token_store.hpp>

#include "auth/file_token_store.hpp"
#include "auth/memory_token_store.hpp"
#include "auth/settings_crypto.hpp"

#include <openssl/sha.h>

#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

#ifndef _WIN32
#include <pwd.h>
#include <unistd.h>
#endif

namespace epicor {
namespace {

constexpr std::string_view memory_scheme = "memory://";
constexpr const char* settings_file_name = "OAuthSettings.txt";

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

#ifndef _WIN32
// Returns $HOME, else the home folder from the user database, else "".
std::string home_directory() {
    std::string home = environment("HOME");
    if (!home.empty()) {
        return home;
    }
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    struct passwd entry {};
    struct passwd* result = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &result) == 0 &&
        result != nullptr && result->pw_dir != nullptr) {
        return result->pw_dir;
    }
    return {};
}
#endif

[[noreturn]] void throw_no_home(const char* variable) {
    throw TokenStoreError(std::string("cannot choose a default OAuth settings file because ") +
                          variable + " is not set and no home folder is known for this user; set "
                          "OAuthSettingsLocation to a file path or to memory://");
}

// Compares the scheme without regard to case, as for URL schemes.
bool is_memory_location(const std::string& location) {
    if (location.size() < memory_scheme.size()) {
        return false;
    }
    for (std::size_t i = 0; i < memory_scheme.size(); ++i) {
        const char c = location[i];
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != memory_scheme[i]) {
            return false;
        }
    }
    return true;
}

void check_client_id(const std::string& client_id) {
    if (client_id.empty()) {
        throw std::invalid_argument("the OAuth client id of a token store is empty; set "
                                    "OAuthClientId");
    }
    for (const char c : client_id) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            throw std::invalid_argument("the OAuth client id of a token store contains a control "
                                        "character; check OAuthClientId");
        }
    }
}

}  // namespace

TokenStoreKey::TokenStoreKey(Kind kind, std::string material)
    : kind_(kind), material_(std::move(material)) {}

TokenStoreKey TokenStoreKey::from_client_secret(std::string_view client_secret) {
    if (client_secret.empty()) {
        throw std::invalid_argument("the client secret for the OAuth settings key is empty; use "
                                    "TokenStoreKey::client_id_only() when there is no secret");
    }
    return TokenStoreKey(Kind::client_secret, std::string(client_secret));
}

TokenStoreKey TokenStoreKey::from_private_key_der(std::string_view private_key_der) {
    if (private_key_der.empty()) {
        throw std::invalid_argument("the private key for the OAuth settings key is empty; pass "
                                    "the certificate's private key in DER form");
    }
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(private_key_der.data()), private_key_der.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    TokenStoreKey key(Kind::private_key, digest);
    auth::cleanse(digest);
    return key;
}

TokenStoreKey TokenStoreKey::client_id_only() { return TokenStoreKey(Kind::client_id_only, {}); }

TokenStoreKey::TokenStoreKey(const TokenStoreKey& other) = default;

TokenStoreKey::TokenStoreKey(TokenStoreKey&& other) noexcept
    : kind_(other.kind_), material_(std::move(other.material_)) {
    auth::cleanse(other.material_);
}

TokenStoreKey& TokenStoreKey::operator=(const TokenStoreKey& other) {
    if (this != &other) {
        auth::cleanse(material_);
        kind_ = other.kind_;
        material_ = other.material_;
    }
    return *this;
}

TokenStoreKey& TokenStoreKey::operator=(TokenStoreKey&& other) noexcept {
    if (this != &other) {
        auth::cleanse(material_);
        kind_ = other.kind_;
        material_ = std::move(other.material_);
        auth::cleanse(other.material_);
    }
    return *this;
}

TokenStoreKey::~TokenStoreKey() { auth::cleanse(material_); }

const char* to_string(TokenStoreKey::Kind kind) noexcept {
    switch (kind) {
    case TokenStoreKey::Kind::client_secret: return "client-secret";
    case TokenStoreKey::Kind::private_key: return "private-key";
    case TokenStoreKey::Kind::client_id_only: return "client-id-only";
    }
    return "unknown";
}

TokenStoreFileError::TokenStoreFileError(Kind kind, std::string path, const std::string& message)
    : TokenStoreError(message), kind_(kind), path_(std::move(path)) {}

TokenStore::~TokenStore() = default;

std::string default_token_store_path() {
#if defined(_WIN32)
    const std::string app_data = environment("APPDATA");
    if (app_data.empty()) {
        throw_no_home("APPDATA");
    }
    return app_data + "\\epicor\\" + settings_file_name;
#elif defined(__APPLE__)
    const std::string home = home_directory();
    if (home.empty()) {
        throw_no_home("HOME");
    }
    return home + "/Library/Application Support/epicor/" + settings_file_name;
#else
    // The XDG Base Directory specification ignores a relative value.
    const std::string config_home = environment("XDG_CONFIG_HOME");
    if (!config_home.empty() && config_home.front() == '/') {
        return config_home + "/epicor/" + settings_file_name;
    }
    const std::string home = home_directory();
    if (home.empty()) {
        throw_no_home("HOME");
    }
    return home + "/.config/epicor/" + settings_file_name;
#endif
}

std::unique_ptr<TokenStore> open_token_store(const std::string& location, const TokenStoreKey& key,
                                             const std::string& client_id,
                                             const TokenStoreOptions& options) {
    check_client_id(client_id);
    if (is_memory_location(location)) {
        return auth::open_memory_token_store(location, client_id);
    }
    if (location.empty()) {
        return auth::open_file_token_store(default_token_store_path(), key, client_id, options,
                                           true);
    }
    return auth::open_file_token_store(location, key, client_id, options, false);
}

}  // namespace epicor
