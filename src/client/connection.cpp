#include "client/connection_state.hpp"
#include "client/read_only.hpp"

#include <epicor/connection.hpp>
#include <epicor/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace epicor {

namespace detail {
std::vector<std::string> read_names(const std::string& body);
}  // namespace detail

namespace {

// True for "." or "..", also when written with %2e, which some servers
// decode before they resolve the path.
bool is_dot_segment(std::string_view segment, bool two_dots) {
    std::string decoded;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '%' && i + 2 < segment.size() && segment[i + 1] == '2' &&
            (segment[i + 2] == 'e' || segment[i + 2] == 'E')) {
            decoded += '.';
            i += 2;
        } else {
            decoded += segment[i];
        }
    }
    return decoded == (two_dots ? ".." : ".");
}

// Returns `url` with the "." and ".." segments of its path resolved as
// RFC 3986 section 5.2.4 does, which libcurl also does before sending.
std::string remove_dot_segments(const std::string& url) {
    const std::size_t scheme_end = url.find("://");
    const std::size_t path_start =
        scheme_end == std::string::npos ? 0 : url.find('/', scheme_end + 3);
    if (path_start == std::string::npos) {
        return url;
    }
    const std::size_t path_end = std::min(url.find_first_of("?#", path_start), url.size());
    const std::string_view path(url.data() + path_start, path_end - path_start);

    std::vector<std::string_view> segments;
    std::size_t position = 1;  // after the leading '/'
    while (true) {
        const std::size_t next = std::min(path.find('/', position), path.size());
        const std::string_view segment = path.substr(position, next - position);
        const bool last = next == path.size();
        if (is_dot_segment(segment, true)) {
            if (!segments.empty()) {
                segments.pop_back();
            }
            if (last) {
                segments.emplace_back();
            }
        } else if (is_dot_segment(segment, false)) {
            if (last) {
                segments.emplace_back();
            }
        } else {
            segments.push_back(segment);
        }
        if (last) {
            break;
        }
        position = next + 1;
    }

    std::string result = url.substr(0, path_start);
    for (const auto segment : segments) {
        result += '/';
        result += segment;
    }
    return result + url.substr(path_end);
}

}  // namespace

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
    // Checked after resolving "..", because libcurl and servers resolve it
    // too, so base_url() + "/../x" would reach /x outside the instance.
    const std::string resolved = remove_dot_segments(request.url);
    if (resolved.compare(0, base.size() + 1, base + "/") != 0) {
        throw ConfigError("URL", "the request URL " + detail::strip_query(request.url) +
                                     " is outside the connection's server " + base +
                                     ": the connection sends its credentials only there");
    }
    if (detail::may_change_data(request)) {
        detail::require_writable(state_->config, "the request " + request.method + " " +
                                                     detail::strip_query(request.url));
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
