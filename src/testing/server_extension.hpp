#pragma once

// The hook through which other stand-ins (for example the Azure AD stand-in)
// join a MockKineticServer: they add their own routes to the same HTTP server
// and vouch for bearer tokens they issued, so the Kinetic routes accept them.

#include <epicor/testing/mock_kinetic_server.hpp>

#include <optional>
#include <string>

namespace httplib {
class Server;
}

namespace epicor::testing {

/// A set of extra routes served by a MockKineticServer, plus a bearer-token
/// check. Add one with MockKineticServer::add_extension() before start().
/// Both functions may be called from several server threads at once.
class ServerExtension {
public:
    virtual ~ServerExtension();

    /// Registers the extension's routes. Called once by start(), before the
    /// server accepts connections. `base_url` is the server's root URL
    /// without the ERPInstance path (e.g. `https://127.0.0.1:41234`).
    virtual void register_routes(httplib::Server& server, const std::string& base_url) = 0;

    /// Returns the user name when `token` (the text after `Bearer `) is a
    /// valid, unexpired token this extension issued, and nothing otherwise.
    virtual std::optional<std::string> validate_bearer(const std::string& token) = 0;
};

}  // namespace epicor::testing
