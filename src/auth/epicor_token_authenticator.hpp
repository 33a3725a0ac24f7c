#pragma once

/// \file
/// Epicor's own bearer token: `POST {base}/TokenResource.svc/` with the user
/// name and password in headers returns an access token and its lifetime.

#include <epicor/authenticator.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <mutex>
#include <string>

namespace epicor::auth {

/// Fetches, caches and renews an Epicor access token. Thread-safe: one fetch
/// runs however many threads need a token at once.
class EpicorTokenAuthenticator final : public Authenticator {
public:
    using Clock = std::chrono::steady_clock;

    struct Options {
        /// The token service address, `{URL}/{ERPInstance}/TokenResource.svc/`.
        std::string token_url;
        std::string user;
        std::string password;
        /// Sent as x-api-key on the token request when not empty.
        std::string api_key;
        bool allow_insecure_http = false;
        /// Upper bound of how long before expiry a token is renewed. Short
        /// lifetimes use a fifth of the lifetime instead.
        std::chrono::seconds renewal_margin{300};
        /// Time source; tests replace it to move time forward.
        std::function<Clock::time_point()> now = [] { return Clock::now(); };
    };

    /// Keeps `transport` for the token requests. Sends nothing until the
    /// first authenticate().
    EpicorTokenAuthenticator(std::shared_ptr<Transport> transport, Options options);
    ~EpicorTokenAuthenticator() override;

    EpicorTokenAuthenticator(const EpicorTokenAuthenticator&) = delete;
    EpicorTokenAuthenticator& operator=(const EpicorTokenAuthenticator&) = delete;

    /// Sets `Authorization: Bearer <token>`, fetching a token first when none
    /// is cached or the cached one is within the renewal margin of expiry.
    /// Throws AuthError when the token service rejects the login or answers
    /// with something other than a token, and when the request would carry
    /// the token over plain http to a non-loopback host.
    void authenticate(HttpRequest& request) override;

    /// Drops the cached token unless another thread already replaced the one
    /// this thread sent, and returns true so the caller retries once.
    bool on_unauthorized(const HttpResponse& response) override;

    const char* scheme() const noexcept override { return "Token"; }

    /// Number of token requests sent so far (for logs and tests).
    std::uint64_t fetch_count() const noexcept;

private:
    struct CachedToken {
        std::string header_value;  // "Bearer <token>"
        Clock::time_point renew_at;
        std::uint64_t generation = 0;  // 0: no token
    };

    void fetch_locked();

    std::shared_ptr<Transport> transport_;
    Options options_;
    mutable std::shared_mutex mutex_;
    CachedToken token_;
    std::uint64_t fetches_ = 0;
};

}  // namespace epicor::auth
