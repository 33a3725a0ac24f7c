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

#include <map>
#include <memory>
#include <mutex>
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

    /// Adds the Kinetic headers and credentials, sends, renews the login
    /// once after a 401, and throws the matching HttpError for an error
    /// status. Thread-safe.
    HttpResponse send(HttpRequest request);

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

private:
    struct MetadataSlot {
        std::mutex mutex;
        std::shared_ptr<const odata::ServiceMetadata> metadata;
    };

    [[noreturn]] void throw_http_error(const HttpRequest& request, const HttpResponse& response);

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
