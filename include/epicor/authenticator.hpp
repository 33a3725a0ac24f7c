#pragma once

/// \file
/// The Authenticator interface: puts credentials on each request and reacts
/// when the server rejects them.

#include <epicor/export.hpp>
#include <epicor/http.hpp>

namespace epicor {

/// Decorates outgoing requests with credentials. One Authenticator serves
/// every thread of a Connection, so implementations are thread-safe and
/// refresh a token once however many threads need it.
class EPICOR_API Authenticator {
public:
    virtual ~Authenticator();

    /// Adds the credentials (an Authorization header, for example) to
    /// `request`. May fetch or refresh a token first; throws AuthError when
    /// that fails.
    virtual void authenticate(HttpRequest& request) = 0;

    /// Called once when a request that carried this authenticator's
    /// credentials got a 401. Returns true when fresh credentials were
    /// obtained, so the request is worth sending once more. Returns false
    /// when a retry would fail the same way, as with a wrong password.
    virtual bool on_unauthorized(const HttpResponse& response) {
        static_cast<void>(response);
        return false;
    }

    /// A short name for logs and errors, e.g. "Basic" or "AzureADOpenID".
    virtual const char* scheme() const noexcept = 0;
};

}  // namespace epicor
