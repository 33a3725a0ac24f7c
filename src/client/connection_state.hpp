#pragma once

// The state every handle of one connection shares: configuration, the
// transport and login, the Kinetic headers, and the `$metadata` cache.

#include "auth/kinetic_headers.hpp"
#include "client/client_config.hpp"
#include "odata/address.hpp"
#include "odata/csdl_reader.hpp"

#include <epicor/authenticator.hpp>
#include <epicor/connection.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace epicor::detail {

/// The entity set or BAQ a Query reads.
struct QueryTarget {
    enum class Kind { entity_set, baq };
    Kind kind = Kind::entity_set;
    std::string service;  ///< Entity sets only.
    std::string name;     ///< Entity set name or BAQ id.
};

struct ConnectionState {
    /// Builds the transport chain, the authenticator and the logger unless
    /// `options` supplies them. Throws ConfigError for invalid settings.
    ConnectionState(ClientConfig config, ConnectOptions options);
    ~ConnectionState();

    ConnectionState(const ConnectionState&) = delete;
    ConnectionState& operator=(const ConnectionState&) = delete;

    /// Adds the Kinetic headers (with the session id while a session is
    /// active) and credentials, sends, renews the login once after a 401,
    /// and throws the matching HttpError for an error status. Throws
    /// CancelledError when Connection::cancel() or the cancellation token of
    /// the thread's scope cancels the request. Thread-safe.
    HttpResponse send(HttpRequest request);

    /// The session id sent in the License header, or nothing.
    std::optional<std::string> session_id() const;
    /// Sets the session id the License header carries; throws Error when a
    /// session is already active.
    void start_session(std::string id);
    /// Stops sending `id`. Returns false when `id` was not the active
    /// session (it ended already, or the server reported it expired).
    bool end_session(const std::string& id);

    /// Returns the service's `$metadata`, reading it on first use. One read
    /// runs per service however many threads ask; a failed read is not
    /// cached. Thread-safe.
    std::shared_ptr<const odata::ServiceMetadata> metadata(const std::string& service);

    ClientConfig config;
    odata::Address address;
    auth::KineticHeaderValues headers;
    std::shared_ptr<Logger> logger;
    std::shared_ptr<Transport> transport;
    std::shared_ptr<Authenticator> authenticator;
    /// Bumped by Connection::cancel(); a request or scan whose scope
    /// started under another value is cancelled.
    std::atomic<std::uint64_t> cancel_generation{0};

private:
    struct MetadataSlot {
        std::mutex mutex;
        std::shared_ptr<const odata::ServiceMetadata> metadata;
    };

    [[noreturn]] void throw_http_error(const HttpRequest& request, const HttpResponse& response);

    void apply_session_header(HttpRequest& request) const;
    // After a 410, stops sending the session id the request carried.
    void forget_rejected_session(const HttpRequest& request);

    mutable std::mutex session_mutex_;
    std::string session_id_;

    std::mutex metadata_mutex_;
    std::map<std::string, std::shared_ptr<MetadataSlot>> metadata_slots_;
};

/// Picks the Authenticator that `config.auth_scheme` names. The one place
/// that maps AuthScheme to an implementation.
std::shared_ptr<Authenticator> make_authenticator(const ClientConfig& config,
                                                  std::shared_ptr<Transport> transport,
                                                  std::shared_ptr<Logger> logger);

/// Returns `url` without its query string and fragment, for messages.
std::string strip_query(const std::string& url);

}  // namespace epicor::detail
