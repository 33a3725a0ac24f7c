#pragma once

// Receives the browser's redirect at the end of the authorization code
// flow on a loopback address (RFC 8252 section 7.3).

#include <chrono>
#include <cstdint>
#include <string>

namespace epicor::azure {

/// Content of an accepted redirect.
struct AuthorizationRedirect {
    std::string code;
};

/// Listens on the host and port of an http CallbackURL whose host is
/// localhost, 127.0.0.1 or ::1. "localhost" binds 127.0.0.1. Port 0 picks a
/// free port, which redirect_uri() then carries. Not thread-safe: one flow
/// uses one listener.
class LoopbackRedirectListener {
public:
    /// Binds the socket. Throws AuthError naming CallbackURL when it is not
    /// a loopback http URL or the port cannot be bound.
    explicit LoopbackRedirectListener(const std::string& callback_url);
    ~LoopbackRedirectListener();
    LoopbackRedirectListener(const LoopbackRedirectListener&) = delete;
    LoopbackRedirectListener& operator=(const LoopbackRedirectListener&) = delete;

    /// The redirect URI to send to Azure AD: CallbackURL with the bound port.
    const std::string& redirect_uri() const noexcept { return redirect_uri_; }
    std::uint16_t port() const noexcept { return port_; }

    /// Serves requests until one arrives on the callback path with a `state`
    /// equal to `expected_state` (compared in constant time), sends the
    /// browser a short HTML page and returns the code. Requests for
    /// other paths get 404 and requests with another state get 400; both
    /// keep the listener waiting. Throws AuthError with the OAuth error and
    /// AADSTS code when the redirect carries `error`, and AuthError when
    /// `timeout` passes first.
    AuthorizationRedirect wait(const std::string& expected_state,
                               std::chrono::milliseconds timeout);

private:
    int socket_ = -1;
    std::uint16_t port_ = 0;
    std::string path_;
    std::string redirect_uri_;
};

}  // namespace epicor::azure
