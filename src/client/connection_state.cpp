#include "client/connection_state.hpp"

#include "auth/basic_authenticator.hpp"
#include "auth/credential_guard.hpp"
#include "auth/epicor_token_authenticator.hpp"
#include "client/cancellation_scope.hpp"
#include "client/secret_mask.hpp"
#include "core/redact.hpp"
#include "odata/error_reader.hpp"

#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>
#include <epicor/retry_policy.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>

namespace epicor::detail {
namespace {

// Returns "c1", "c2", ...: an id unique within the process that separates
// the log lines of one connection from those of another.
std::string next_connection_id() {
    static std::atomic<std::uint64_t> last_id{0};
    return "c" + std::to_string(last_id.fetch_add(1) + 1);
}

std::shared_ptr<Logger> make_logger(const ClientConfig& config, const ConnectOptions& options) {
    auto logger = std::make_shared<Logger>(config.verbosity, next_connection_id());
    if (options.log_callback) {
        logger->set_callback(options.log_callback);
    }
    if (!config.log_file.path.empty()) {
        logger->open_file(config.log_file);
    }
    return logger;
}

std::shared_ptr<Transport> make_transport(const ClientConfig& config,
                                          const std::shared_ptr<Logger>& logger) {
    CurlTransportOptions transport_options = config.transport;
    transport_options.logger = logger;
    auto curl = std::make_shared<CurlTransport>(std::move(transport_options));
    return std::make_shared<RetryingTransport>(std::move(curl), config.retry, logger);
}

}  // namespace

std::string strip_query(const std::string& url) {
    return url.substr(0, url.find_first_of("?#"));
}

std::shared_ptr<Authenticator> make_authenticator(const ClientConfig& config,
                                                  std::shared_ptr<Transport> transport,
                                                  std::shared_ptr<Logger> logger) {
    switch (config.auth_scheme) {
    case AuthScheme::basic:
        return std::make_shared<auth::BasicAuthenticator>(config.user, config.password,
                                                          config.allow_insecure_http);
    case AuthScheme::token: {
        auth::EpicorTokenAuthenticator::Options options;
        options.token_url = config.base_url + "/TokenResource.svc/";
        options.user = config.user;
        options.password = config.password;
        options.api_key = config.api_key;
        options.allow_insecure_http = config.allow_insecure_http;
        return std::make_shared<auth::EpicorTokenAuthenticator>(std::move(transport),
                                                                std::move(options));
    }
    case AuthScheme::azure_ad_openid:
        if (config.azure_ad_factory) {
            return config.azure_ad_factory(std::move(transport), std::move(logger));
        }
        break;
    }
    throw ConfigError("AuthScheme",
                      "AzureADOpenID needs the connection settings: create the connection with "
                      "connect(), or pass an authenticator in ConnectOptions");
}

ConnectionState::ConnectionState(ClientConfig client_config, ConnectOptions options)
    : config(std::move(client_config)),
      address(config.base_url, config.api_version, config.company) {
    headers.api_key = config.api_key;
    headers.company = config.company;
    headers.plant = config.plant;
    headers.license_guid = config.license_guid;
    headers.api_v2 = config.api_version == ApiVersion::v2;

    // Both hooks read the requesting thread's cancellation scope, which
    // send() and the query page fetches open.
    config.transport.is_cancelled = cancellation_requested;
    config.retry.is_cancelled = cancellation_requested;

    logger = make_logger(config, options);
    transport = options.transport ? std::move(options.transport) : make_transport(config, logger);
    authenticator = options.authenticator ? std::move(options.authenticator)
                                          : make_authenticator(config, transport, logger);
    // The factory contains a copy of the settings, secrets included.
    config.azure_ad_factory = nullptr;
}

ConnectionState::~ConnectionState() {
    auth::wipe(config.password);
    auth::wipe(config.api_key);
    auth::wipe(headers.api_key);
    auth::wipe(session_id_);
}

std::optional<std::string> ConnectionState::session_id() const {
    std::lock_guard lock(session_mutex_);
    if (session_id_.empty()) {
        return std::nullopt;
    }
    return session_id_;
}

void ConnectionState::start_session(std::string id) {
    std::lock_guard lock(session_mutex_);
    if (!session_id_.empty()) {
        throw Error("a session is already active on this connection: end it (Session::end() or "
                    "its destructor) before beginning another");
    }
    session_id_ = std::move(id);
}

bool ConnectionState::end_session(const std::string& id) {
    std::lock_guard lock(session_mutex_);
    if (id.empty() || session_id_ != id) {
        return false;
    }
    auth::wipe(session_id_);
    session_id_.clear();
    return true;
}

void ConnectionState::apply_session_header(HttpRequest& request) const {
    std::lock_guard lock(session_mutex_);
    if (session_id_.empty()) {
        return;
    }
    // Kinetic reads the session from the License header, beside the
    // claimed license type.
    nlohmann::json license = nlohmann::json::object();
    if (!headers.license_guid.empty()) {
        license["ClaimedLicense"] = headers.license_guid;
    }
    license["SessionID"] = session_id_;
    request.headers.set("License", license.dump());
}

HttpResponse ConnectionState::send(HttpRequest request) {
    // A query's page fetch opens its own scope with its start and token;
    // any other request is cancelled by a cancel() after it started.
    std::optional<CancellationScope> own_scope;
    const CancellationScope* scope = CancellationScope::current();
    if (scope == nullptr || &scope->generation() != &cancel_generation) {
        own_scope.emplace(cancel_generation, cancel_generation.load());
        scope = &*own_scope;
    }
    if (scope->cancelled()) {
        throw CancelledError("the request " + request.method + " " + strip_query(request.url) +
                             " was cancelled before it was sent");
    }

    auth::apply_kinetic_headers(headers, request);
    apply_session_header(request);
    if (!request.body.empty() && !request.headers.contains("Content-Type")) {
        request.headers.set("Content-Type", "application/json; charset=utf-8");
    }
    if (!config.api_key.empty()) {
        // The API key is a credential too.
        auth::require_safe_for_credentials(request.url, config.allow_insecure_http, "the API key");
    }

    authenticator->authenticate(request);
    HttpResponse response = transport->send(request);

    // A 401 means the server did not act on the request, so sending it again
    // with fresh credentials is safe whatever its method.
    if (response.status == 401 && authenticator->on_unauthorized(response)) {
        logger->write(LogLevel::requests, std::string("HTTP 401 from ") + request.method + " " +
                                              strip_query(request.url) +
                                              ": renewing the login and sending once more");
        authenticator->authenticate(request);
        response = transport->send(request);
    }

    if (!response.ok()) {
        if (response.status == 410) {
            forget_rejected_session(request);
        }
        throw_http_error(request, response);
    }
    return response;
}

void ConnectionState::forget_rejected_session(const HttpRequest& request) {
    const auto license = nlohmann::json::parse(request.headers.get("License").value_or(""), nullptr,
                                               false);
    if (!license.is_object()) {
        return;
    }
    // Searching the underlying map rather than the json object avoids a GCC 12
    // -Wnull-dereference false positive on nlohmann's iterator in Release builds.
    const auto& fields = license.get_ref<const nlohmann::json::object_t&>();
    const auto found = fields.find("SessionID");
    if (found != fields.end() && found->second.is_string() && end_session(found->second.get<std::string>())) {
        // The id is a credential, so the log names only the event.
        logger->warning("the server rejected the session id as expired or ended (HTTP 410); "
                        "later requests are sent without it until begin_session() starts a "
                        "new session");
    }
}

void ConnectionState::throw_http_error(const HttpRequest& request, const HttpResponse& response) {
    const std::string content_type = response.headers.get("Content-Type").value_or("");
    HttpErrorInfo info =
        odata::read_error_body(response.status, response.reason, content_type, response.body);
    info.method = request.method;
    info.url = strip_query(request.url);
    if (info.status == 0) {
        info.status = response.status;
    }
    if (response.status >= 300 && response.status < 400) {
        // Redirects are never followed, because credentials would go with
        // them. The usual cause is http:// to a server that wants https://,
        // so the message names the target, without its secrets.
        if (const auto location = response.headers.get("Location"); location && !location->empty()) {
            info.error_message = "the server redirects to " + detail::redact_url(*location) +
                                 "; the library does not follow redirects, so set URL to that "
                                 "server's address if it is the Kinetic server";
        }
    }
    if (response.status == 401 && info.error_message.empty()) {
        info.error_message = std::string("the ") + authenticator->scheme() +
                             " login was rejected: check User, Password and ApiKey";
    }

    // A server may quote the credentials it was sent back in its error text.
    SecretMask mask;
    for (const auto& secret : config.secrets) {
        mask.add(secret);
    }
    mask.add_credentials_of(request);
    mask.apply(info);
    HttpError::throw_for(std::move(info));
}

std::shared_ptr<const odata::ServiceMetadata> ConnectionState::metadata(
    const std::string& service) {
    std::shared_ptr<MetadataSlot> slot;
    {
        std::lock_guard lock(metadata_mutex_);
        auto& entry = metadata_slots_[service];
        if (!entry) {
            entry = std::make_shared<MetadataSlot>();
        }
        slot = entry;
    }

    // One lock per service, so a slow $metadata read blocks only the
    // threads that need the same service.
    std::lock_guard lock(slot->mutex);
    if (slot->metadata) {
        return slot->metadata;
    }
    HttpRequest request;
    request.url = address.metadata(service);
    request.headers.set("Accept", "application/xml");
    HttpResponse response = send(std::move(request));
    slot->metadata = std::make_shared<const odata::ServiceMetadata>(odata::read_csdl(response.body));
    return slot->metadata;
}

}  // namespace epicor::detail
