#include "client/connection_state.hpp"

#include <epicor/connection.hpp>
#include <epicor/error.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace epicor {

namespace detail {
std::vector<std::string> read_names(const std::string& body);
}  // namespace detail

Connection::Connection(std::shared_ptr<detail::ConnectionState> state) : state_(std::move(state)) {
    if (!state_) {
        throw ConfigError("Connection", "a Connection needs a state: create it with connect()");
    }
}

ApiVersion Connection::api_version() const noexcept { return state_->config.api_version; }
const std::string& Connection::company() const noexcept { return state_->config.company; }
const std::string& Connection::base_url() const noexcept { return state_->config.base_url; }
const std::string& Connection::default_service_name() const noexcept {
    return state_->config.default_service;
}

Service Connection::service() const {
    if (state_->config.default_service.empty()) {
        throw ConfigError("Service",
                          "no default service is set: add Service=Erp.BO.CustomerSvc (for "
                          "example) to the connection string, or call service(name)");
    }
    return Service(state_, state_->config.default_service);
}

Service Connection::service(std::string name) const { return Service(state_, std::move(name)); }

std::vector<std::string> Connection::services() const {
    HttpRequest request;
    request.url = state_->address.service_list();
    const HttpResponse response = state_->send(std::move(request));
    return detail::read_names(response.body);
}

Baq Connection::baq(std::string id) const { return Baq(state_, std::move(id)); }

EpicorFunction Connection::function(std::string library, std::string function, bool staging) const {
    return EpicorFunction(state_, std::move(library), std::move(function), staging);
}

HttpResponse Connection::send(HttpRequest request) const {
    const std::string& base = state_->config.base_url;
    if (request.url.compare(0, base.size() + 1, base + "/") != 0) {
        throw ConfigError("URL", "the request URL " + detail::strip_query(request.url) +
                                     " is outside the connection's server " + base +
                                     ": the connection sends its credentials only there");
    }
    return state_->send(std::move(request));
}

Session Connection::begin_session() const {
    if (state_->session_id()) {
        throw Error("a session is already active on this connection: end it (Session::end() or "
                    "its destructor) before beginning another");
    }
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.method("Ice.Lib.SessionModSvc", "Login");
    request.body = "{}";
    request.idempotent = false;
    const HttpResponse response = state_->send(std::move(request));

    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    const auto id = body.is_object() ? body.find("returnObj") : body.end();
    if (!body.is_object() || id == body.end() || !id->is_string() ||
        id->get<std::string>().empty()) {
        throw DataError("Ice.Lib.SessionModSvc/Login returned no session id in returnObj; check "
                        "that the server is Kinetic and that the user may start sessions");
    }
    std::string session_id = id->get<std::string>();
    state_->start_session(session_id);
    state_->logger->write(LogLevel::requests, "began a Kinetic session");
    return Session(state_, std::move(session_id));
}

void Connection::cancel() const noexcept { state_->cancel_generation.fetch_add(1); }

std::shared_ptr<Logger> Connection::logger() const { return state_->logger; }

}  // namespace epicor
