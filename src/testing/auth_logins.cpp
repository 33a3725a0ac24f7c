#include "testing/auth_logins.hpp"

#include "testing/epicor_error_body.hpp"

#include <nlohmann/json.hpp>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace epicor::testing {
namespace {

std::string base64url(const std::string& bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    while (i + 2 < bytes.size()) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16U) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8U) |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        out += alphabet[(n >> 18U) & 63U];
        out += alphabet[(n >> 12U) & 63U];
        out += alphabet[(n >> 6U) & 63U];
        out += alphabet[n & 63U];
        i += 3;
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16U;
        if (rest == 2) {
            n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8U;
        }
        out += alphabet[(n >> 18U) & 63U];
        out += alphabet[(n >> 12U) & 63U];
        if (rest == 2) {
            out += alphabet[(n >> 6U) & 63U];
        }
    }
    return out;
}

std::string random_bytes(std::size_t length) {
    std::string bytes(length, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(length)) != 1) {
        throw std::runtime_error("mock server: OpenSSL RAND_bytes failed while creating a token");
    }
    return bytes;
}

}  // namespace

std::string random_hex(std::size_t length) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const char c : random_bytes(length)) {
        const auto byte = static_cast<unsigned char>(c);
        out += hex[byte >> 4U];
        out += hex[byte & 0x0FU];
    }
    return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
    std::string decoded;
    unsigned buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '+') {
            value = 62;
        } else if (c == '/') {
            value = 63;
        } else if (c == '=') {
            ++padding;
            continue;
        }
        if (value < 0 || padding > 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6U) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            decoded += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
        }
    }
    if (padding > 2) {
        return std::nullopt;
    }
    return decoded;
}

std::optional<std::string> find_user(const std::vector<UserAccount>& users, const std::string& name,
                                     const std::string& password) {
    for (const auto& user : users) {
        if (user.name == name && user.password == password) {
            return user.name;
        }
    }
    return std::nullopt;
}

std::optional<std::string> check_basic_credentials(const std::vector<UserAccount>& users,
                                                   const std::string& credentials) {
    const auto decoded = base64_decode(credentials);
    if (!decoded) {
        return std::nullopt;
    }
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return find_user(users, decoded->substr(0, colon), decoded->substr(colon + 1));
}

LoginRegistry::LoginRegistry(std::chrono::seconds token_lifetime) : token_lifetime_(token_lifetime) {}

LoginRegistry::IssuedToken LoginRegistry::issue_token(const std::string& user) {
    const auto now = std::chrono::system_clock::now();
    const auto issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const nlohmann::json header{{"alg", "HS256"}, {"typ", "JWT"}};
    const nlohmann::json payload{{"sub", user},
                                 {"iss", "epicor-mock-server"},
                                 {"iat", issued_at},
                                 {"exp", issued_at + token_lifetime_.count()},
                                 {"jti", new_correlation_id()}};
    std::string token = base64url(header.dump()) + "." + base64url(payload.dump()) + "." + base64url(random_bytes(32));

    std::lock_guard<std::mutex> lock(mutex_);
    tokens_[token] = TokenEntry{user, std::chrono::steady_clock::now() + token_lifetime_};
    ++tokens_issued_;
    return IssuedToken{std::move(token), token_lifetime_};
}

LoginRegistry::TokenState LoginRegistry::check_token(const std::string& token, std::string& user) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = tokens_.find(token);
    if (found == tokens_.end()) {
        return TokenState::unknown;
    }
    user = found->second.user;
    if (std::chrono::steady_clock::now() >= found->second.expires_at) {
        return TokenState::expired;
    }
    return TokenState::valid;
}

void LoginRegistry::expire_all_tokens() {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto& [token, entry] : tokens_) {
        entry.expires_at = now;
    }
}

std::uint64_t LoginRegistry::tokens_issued() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return tokens_issued_;
}

void LoginRegistry::reset_counters() {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_issued_ = 0;
}

std::string LoginRegistry::start_session(const std::string& user) {
    (void)user;
    std::string session_id = new_correlation_id();
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[session_id] = true;
    return session_id;
}

LoginRegistry::SessionState LoginRegistry::check_session(const std::string& session_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(session_id);
    if (found == sessions_.end()) {
        return SessionState::unknown;
    }
    return found->second ? SessionState::active : SessionState::ended;
}

bool LoginRegistry::end_session(const std::string& session_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(session_id);
    if (found == sessions_.end() || !found->second) {
        return false;
    }
    found->second = false;
    return true;
}

void LoginRegistry::end_all_sessions() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, active] : sessions_) {
        active = false;
    }
}

}  // namespace epicor::testing
