#pragma once

/// \file
/// HTTP Basic authentication with a Kinetic user name and password.

#include <epicor/authenticator.hpp>

#include <string>

namespace epicor::auth {

/// Sends `Authorization: Basic base64(user:password)` on every request. A
/// 401 means the login is wrong, so on_unauthorized() never asks for a retry.
class BasicAuthenticator final : public Authenticator {
public:
    /// Encodes the credentials once. Throws AuthError when `user` contains a
    /// colon, which Basic authentication cannot carry.
    BasicAuthenticator(std::string_view user, std::string_view password, bool allow_insecure_http);
    ~BasicAuthenticator() override;

    BasicAuthenticator(const BasicAuthenticator&) = delete;
    BasicAuthenticator& operator=(const BasicAuthenticator&) = delete;

    /// Sets the Authorization header. Throws AuthError when the request goes
    /// over plain http to a non-loopback host and insecure http is not allowed.
    void authenticate(HttpRequest& request) override;
    const char* scheme() const noexcept override { return "Basic"; }

private:
    std::string header_value_;  // "Basic <base64>", wiped on destruction.
    bool allow_insecure_http_;
};

/// Returns the standard base64 encoding (RFC 4648 section 4, with padding).
std::string base64_encode(std::string_view data);

/// Overwrites the whole capacity of `secret` with zeros in a way the
/// compiler cannot optimise away, then clears it.
void wipe(std::string& secret) noexcept;

}  // namespace epicor::auth
