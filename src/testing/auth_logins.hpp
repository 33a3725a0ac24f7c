#pragma once

// Credentials the mock server accepts: Basic users, tokens issued by
// TokenResource.svc, and sessions from Ice.Lib.SessionModSvc/Login.

#include <epicor/testing/mock_kinetic_server.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace epicor::testing {

// Decodes standard base64 (with or without padding); nothing when invalid.
std::optional<std::string> base64_decode(const std::string& text);

// Returns the user name when `credentials` (the text after `Basic `) names a
// configured user with the right password.
std::optional<std::string> check_basic_credentials(const std::vector<UserAccount>& users,
                                                   const std::string& credentials);

// Returns the user when `name` and `password` match a configured user.
std::optional<std::string> find_user(const std::vector<UserAccount>& users, const std::string& name,
                                     const std::string& password);

// Tokens and sessions of one server. Thread-safe.
class LoginRegistry {
public:
    explicit LoginRegistry(std::chrono::seconds token_lifetime);

    struct IssuedToken {
        std::string access_token;  // JWT-shaped: header.payload.random signature
        std::chrono::seconds expires_in;
    };
    IssuedToken issue_token(const std::string& user);

    enum class TokenState { valid, expired, unknown };
    // Checks a token; sets `user` when the token is known.
    TokenState check_token(const std::string& token, std::string& user) const;
    void expire_all_tokens();
    std::uint64_t tokens_issued() const;
    void reset_counters();

    std::string start_session(const std::string& user);
    enum class SessionState { active, ended, unknown };
    SessionState check_session(const std::string& session_id) const;
    // Ends a session; returns false when it was not active.
    bool end_session(const std::string& session_id);
    void end_all_sessions();

private:
    struct TokenEntry {
        std::string user;
        std::chrono::steady_clock::time_point expires_at;
    };

    mutable std::mutex mutex_;
    std::chrono::seconds token_lifetime_;
    std::map<std::string, TokenEntry> tokens_;
    std::map<std::string, bool> sessions_;  // session id -> active
    std::uint64_t tokens_issued_ = 0;
};

// Returns `length` random bytes as lower-case hex, from OpenSSL's CSPRNG.
std::string random_hex(std::size_t length);

}  // namespace epicor::testing
