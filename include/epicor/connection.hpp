#pragma once

/// \file
/// epicor::connect() and epicor::Connection, the entry point of the library.
///
///     auto conn = epicor::connect(
///         "URL=https://acme.example;ERPInstance=Kinetic;User=manager;Password=...;"
///         "ApiVersion=v2;Company=EPIC06;ApiKey=...;Service=Erp.BO.CustomerSvc");
///     for (const auto& row : conn.service().entity_set("Customers").query().execute()) {
///         ...
///     }

#include <epicor/api_version.hpp>
#include <epicor/authenticator.hpp>
#include <epicor/baq.hpp>
#include <epicor/cancellation.hpp>
#include <epicor/epicor_function.hpp>
#include <epicor/export.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>
#include <epicor/service.hpp>
#include <epicor/session.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

/// Replacements for parts of the stack connect() builds from the
/// connection string. Every member is optional.
struct ConnectOptions {
    /// Sends the requests instead of the libcurl transport and its retry
    /// layer, e.g. a transport of the program's own.
    std::shared_ptr<Transport> transport;
    /// Puts credentials on requests instead of the authenticator that
    /// `AuthScheme` selects.
    std::shared_ptr<Authenticator> authenticator;
    /// Receives the connection's log records in addition to `Logfile`.
    LogCallback log_callback;
};

/// A connection to one Kinetic instance and company. A cheap handle: copies
/// share one thread-safe state (transport, login, metadata cache), so a
/// Connection may be copied into several threads and used from all of them
/// at once.
class EPICOR_API Connection {
public:
    explicit Connection(std::shared_ptr<detail::ConnectionState> state);

    /// The REST API version (`ApiVersion`).
    ApiVersion api_version() const noexcept;
    /// The company (`Company`); may be empty with v1.
    const std::string& company() const noexcept;
    /// `{URL}/{ERPInstance}` without a trailing slash.
    const std::string& base_url() const noexcept;
    /// The `Service` property, or "" when it was not set.
    const std::string& default_service_name() const noexcept;

    /// Returns the service the `Service` property names. Throws ConfigError
    /// naming `Service` when the property was not set.
    Service service() const;
    /// Returns a handle to another service, e.g. "Erp.BO.PartSvc". Sends
    /// nothing.
    Service service(std::string name) const;

    /// Lists the services the server offers (`GET /api/v1/`, or
    /// `/api/v2/odata/{Company}/`). Throws the HttpError, TransportError or
    /// DataError of the failed request.
    std::vector<std::string> services() const;

    /// Returns a handle to a BAQ by id. Sends nothing.
    Baq baq(std::string id) const;

    /// Returns a handle to an Epicor Function. `staging` selects the path
    /// that reaches functions not yet published. Throws ConfigError naming
    /// `ApiVersion` on v1, which has no Epicor Functions.
    EpicorFunction function(std::string library, std::string function,
                            bool staging = false) const;

    /// Sends a request with the connection's headers (x-api-key,
    /// CallSettings, License, Accept) and credentials, renewing a token
    /// once after a 401. `request.url` must start with base_url() and stay
    /// below it once `.` and `..` segments are resolved. Returns a
    /// successful response; throws the HttpError subclass that matches an
    /// error status, TransportError when no response arrived, AuthError
    /// when signing in failed, ConfigError naming URL for a URL outside
    /// base_url(), and ConfigError naming Readonly for a method other than
    /// GET, HEAD or OPTIONS on a read-only connection.
    HttpResponse send(HttpRequest request) const;

    /// Logs in to a server session (`POST Ice.Lib.SessionModSvc/Login`) and
    /// returns it. Until the Session ends, every request of this connection
    /// carries its id in the `License` header. Throws Error when a session
    /// is already active on this connection, DataError when the server's
    /// answer holds no session id, and the HttpError or TransportError of
    /// the failed login.
    Session begin_session() const;

    /// Cancels every request, retry wait and query scan that started on this
    /// connection (any copy, any thread) before this call. Each throws
    /// CancelledError as soon as it notices: before its next request, at once
    /// during a retry wait, or within a fraction of a second during a
    /// transfer. Requests started afterwards run normally.
    /// NOTE: with a transport from ConnectOptions, a request already in that
    /// transport is not interrupted; only later requests and pages stop.
    void cancel() const noexcept;

    /// The connection's logger (`Logfile`, `Verbosity`, the log callback).
    std::shared_ptr<Logger> logger() const;

private:
    std::shared_ptr<detail::ConnectionState> state_;
};

/// Parses and validates `connection_string`, then builds the transport, the
/// authenticator and the logger. Sends nothing: the first request signs in.
/// Throws ConfigError listing every invalid or missing property, before any
/// network traffic, for example ApiVersion=v2 without ApiKey or Company,
/// or credentials over plain http to a non-loopback host without
/// AllowInsecureHttp=true. The message never contains a secret.
EPICOR_API Connection connect(std::string_view connection_string, ConnectOptions options = {});

}  // namespace epicor
