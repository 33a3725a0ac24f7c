// Splits a request's path into a Kinetic route, checks its login, and turns
// every failure into an Epicor error body.

#include "testing/epicor_error_body.hpp"
#include "testing/server_state.hpp"

#include <epicor/testing/csdl.hpp>
#include <epicor/testing/mock_error.hpp>

#include <algorithm>

namespace epicor::testing {
namespace {

constexpr const char* kInvalidSessionType = "Ice.Common.InvalidSessionException";

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Decodes %XX escapes of one path segment ('+' stays '+', as in paths).
// Throws MockError 400 on a broken escape.
std::string percent_decode(const std::string& segment) {
    std::string decoded;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            decoded += segment[i];
            continue;
        }
        const int high = i + 2 < segment.size() ? hex_value(segment[i + 1]) : -1;
        const int low = i + 2 < segment.size() ? hex_value(segment[i + 2]) : -1;
        if (high < 0 || low < 0) {
            throw MockError(400, kApiExceptionType,
                            "The URL path segment '" + segment + "' has an invalid percent escape.");
        }
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return decoded;
}

struct SplitPath {
    std::vector<std::string> segments;
    bool trailing_slash = false;
};

SplitPath split_target(const std::string& target) {
    const std::string raw_path = target.substr(0, target.find('?'));
    SplitPath split;
    split.trailing_slash = raw_path.size() > 1 && raw_path.back() == '/';
    std::size_t start = raw_path.empty() || raw_path.front() != '/' ? 0 : 1;
    while (start < raw_path.size()) {
        std::size_t end = raw_path.find('/', start);
        if (end == std::string::npos) {
            end = raw_path.size();
        }
        split.segments.push_back(percent_decode(raw_path.substr(start, end - start)));
        start = end + 1;
    }
    return split;
}

[[noreturn]] void throw_not_found(const std::string& what) {
    throw MockError(404, kApiExceptionType, what);
}

std::optional<nlohmann::json> parse_json_header(const httplib::Request& request, const char* name) {
    if (!request.has_header(name)) {
        return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(request.get_header_value(name), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw MockError(400, kApiExceptionType,
                        std::string("The ") + name + " header is not a JSON object; send e.g. " +
                            (std::string(name) == "License" ? R"({"ClaimedLicense":"<GUID>","SessionID":"<id>"})"
                                                            : R"({"Company":"EPIC06","Plant":"MfgSys"})") +
                            ".");
    }
    return parsed;
}

std::string string_member(const nlohmann::json& object, const char* name) {
    const auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

void send_json(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_content(body, "application/json; charset=utf-8");
}

std::multimap<std::string, std::string> query_parameters(const httplib::Request& request) {
    return std::multimap<std::string, std::string>(request.params.begin(), request.params.end());
}

void MockKineticServer::Impl::install_fallback_routes() {
    const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
        handle(request, response);
    };
    http_server->Get(".*", handler);
    http_server->Post(".*", handler);
    http_server->Put(".*", handler);
    http_server->Patch(".*", handler);
    http_server->Delete(".*", handler);
    http_server->set_exception_handler(
        [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
            std::string what = "unknown error";
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& exception) {
                what = exception.what();
            } catch (...) {
            }
            send_error(request, response, 500, "The mock server failed: " + what, "Ice.Common.EpicorServerException");
        });
    http_server->set_error_handler([](const httplib::Request& request, httplib::Response& response) {
        // httplib's own failures (bad request line, oversized payload) get an
        // Epicor body unless a route already wrote one.
        if (response.body.empty() && !response.content_length_ && response.status >= 400) {
            send_error(request, response, response.status, "The request is malformed.");
        }
    });
}

void MockKineticServer::Impl::handle(const httplib::Request& request, httplib::Response& response) {
    try {
        const SplitPath split = split_target(request.target);
        const auto& segments = split.segments;
        if (segments.empty() || segments[0] != options.erp_instance) {
            throw_not_found("No resource matches '" + request.path + "'. Addresses start with /" +
                            options.erp_instance + "/api/v1/ or /" + options.erp_instance + "/api/v2/.");
        }

        if (segments.size() == 2 && segments[1] == "TokenResource.svc") {
            route_token_resource(request, response);
            return;
        }

        RouteContext context(request, response);
        context.trailing_slash = split.trailing_slash;
        std::size_t rest = 0;
        if (segments.size() >= 3 && segments[1] == "api" && segments[2] == "v1") {
            context.version = ODataVersion::v1;
            context.api_root = instance_url() + "/api/v1";
            rest = 3;
        } else if (segments.size() >= 5 && segments[1] == "api" && segments[2] == "v2" && segments[3] == "odata") {
            context.version = ODataVersion::v2;
            context.company = segments[4];
            context.api_root = instance_url() + "/api/v2/odata/" + segments[4];
            rest = 5;
        } else if (segments.size() >= 4 && segments[1] == "api" && segments[2] == "v2" && segments[3] == "efx") {
            const bool staging = segments.size() == 8 && segments[4] == "staging";
            const std::size_t first = staging ? 5 : 4;
            if (segments.size() != first + 3) {
                throw_not_found("An Epicor Function address is /api/v2/efx/{Company}/{Library}/{Function}, "
                                "or /api/v2/efx/staging/{Company}/{Library}/{Function}; '" +
                                request.path + "' is neither.");
            }
            context.version = ODataVersion::v2;
            context.company = segments[first];
            context.api_root = instance_url() + "/api/v2/efx";
            route_function(context, segments[first + 1], segments[first + 2], staging);
            return;
        } else {
            throw_not_found("No resource matches '" + request.path + "'. Use /api/v1/... or /api/v2/odata/{Company}/...");
        }
        context.segments.assign(segments.begin() + static_cast<std::ptrdiff_t>(rest), segments.end());
        route_api(context);
    } catch (const MockError& error) {
        send_error(request, response, error.http_status(), error.what(), error.error_type());
    } catch (const std::exception& error) {
        send_error(request, response, 500, std::string("The mock server failed: ") + error.what(),
                   "Ice.Common.EpicorServerException");
    }
}

bool MockKineticServer::Impl::authenticate(RouteContext& context, bool api_key_required) {
    const httplib::Request& request = context.request;

    // The API key: header x-api-key or query option api-key.
    std::string key = request.get_header_value("x-api-key");
    if (key.empty()) {
        key = request.get_param_value("api-key");
    }
    if (!key.empty()) {
        if (std::find(options.api_keys.begin(), options.api_keys.end(), key) == options.api_keys.end()) {
            throw MockError(401, kApiExceptionType, "The API key is invalid. Send a key registered for this server in x-api-key.");
        }
    } else if (api_key_required) {
        throw MockError(401, kApiExceptionType,
                        "An API key is required. Send it in the x-api-key header or the api-key query option.");
    }

    // The login: Basic or Bearer.
    const std::string authorization = request.get_header_value("Authorization");
    if (authorization.rfind("Basic ", 0) == 0) {
        const auto user = check_basic_credentials(options.users, authorization.substr(6));
        if (!user) {
            context.response.set_header("WWW-Authenticate", "Basic realm=\"Epicor\"");
            throw MockError(401, kApiExceptionType, "The user name or password is incorrect.");
        }
        context.user = *user;
        note_login("Basic", *user);
    } else if (authorization.rfind("Bearer ", 0) == 0) {
        const std::string token = authorization.substr(7);
        std::string user;
        const auto state = logins.check_token(token, user);
        if (state == LoginRegistry::TokenState::expired) {
            context.response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw MockError(401, kApiExceptionType, "The access token has expired. Request a new token and try again.");
        }
        if (state == LoginRegistry::TokenState::unknown) {
            for (const auto& extension : extensions) {
                if (auto extension_user = extension->validate_bearer(token)) {
                    user = *extension_user;
                    break;
                }
            }
            if (user.empty()) {
                context.response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw MockError(401, kApiExceptionType, "The access token is invalid.");
            }
        }
        context.user = user;
        note_login("Bearer", user);
    } else {
        context.response.set_header("WWW-Authenticate", "Basic realm=\"Epicor\"");
        throw MockError(401, kApiExceptionType,
                        authorization.empty() ? "Authorization is required. Send Basic credentials or a Bearer token."
                                              : "The Authorization scheme is not supported; use Basic or Bearer.");
    }

    // Optional session and license claim, then the company.
    const auto license = parse_json_header(request, "License");
    std::string claimed_license;
    if (license) {
        claimed_license = string_member(*license, "ClaimedLicense");
        const std::string session = string_member(*license, "SessionID");
        if (!session.empty() && logins.check_session(session) != LoginRegistry::SessionState::active) {
            throw MockError(410, kInvalidSessionType,
                            "The session is not valid. It ended or never existed; log in again.");
        }
    }
    const auto call_settings = parse_json_header(request, "CallSettings");
    std::string plant;
    if (call_settings) {
        plant = string_member(*call_settings, "Plant");
    }
    if (context.version == ODataVersion::v1) {
        // v1 takes the company from the Company query option, else from CallSettings.
        context.company = request.get_param_value("Company");
        if (context.company.empty() && call_settings) {
            context.company = string_member(*call_settings, "Company");
        }
        if (context.company.empty()) {
            context.company = options.company;
        }
    }
    note_company(context.company, plant, claimed_license);
    if (context.company != options.company) {
        // NOTE: the status Kinetic uses for a company the user cannot reach
        // was not observed; 400 is a guess.
        throw MockError(400, kApiExceptionType,
                        "Company '" + context.company + "' is not valid for user '" + context.user +
                            "'. This server serves company '" + options.company + "'.");
    }
    return true;
}

void MockKineticServer::Impl::route_token_resource(const httplib::Request& request, httplib::Response& response) {
    if (request.method != "POST") {
        throw MockError(405, kApiExceptionType, "TokenResource.svc takes POST only.");
    }
    const std::string name = request.get_header_value("username");
    const std::string password = request.get_header_value("password");
    if (name.empty() || password.empty()) {
        throw MockError(401, kApiExceptionType, "Send the username and password headers to request a token.");
    }
    const auto user = find_user(options.users, name, password);
    if (!user) {
        throw MockError(401, kApiExceptionType, "The user name or password is incorrect.");
    }
    note_login("Token", *user);
    const auto issued = logins.issue_token(*user);
    const std::string accept = request.get_header_value("Accept");
    if (accept.find("json") != std::string::npos) {
        const nlohmann::json body{{"AccessToken", issued.access_token},
                                  {"ExpiresIn", issued.expires_in.count()},
                                  {"TokenType", "Bearer"}};
        send_json(response, 200, body.dump());
        return;
    }
    response.status = 200;
    response.set_content("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                         "<TokenResponse><AccessToken>" + xml_escape(issued.access_token) + "</AccessToken>"
                         "<ExpiresIn>" + std::to_string(issued.expires_in.count()) + "</ExpiresIn>"
                         "<TokenType>Bearer</TokenType></TokenResponse>",
                         "application/xml; charset=utf-8");
}

void MockKineticServer::Impl::route_api(RouteContext& context) {
    const bool v2 = context.version == ODataVersion::v2;
    authenticate(context, v2 || options.require_api_key_v1);

    auto& segments = context.segments;
    // A trailing slash leaves an empty last segment out of the split, so
    // `/api/v1/` and `/api/v1` both reach the service list.
    if (segments.empty()) {
        route_service_list(context);
        return;
    }
    const std::string& first = segments[0];
    if (first == "BaqSvc") {
        route_baq(context);
        return;
    }
    if (first == "Ice.Lib.SessionModSvc") {
        if (segments.size() != 2) {
            throw_not_found("Ice.Lib.SessionModSvc takes /Login or /Logout.");
        }
        route_session(context, segments[1]);
        return;
    }
    const auto service = data->find_service(first);
    if (!service) {
        throw_not_found("The service '" + first + "' was not found. Service names are case-sensitive, e.g. Erp.BO.CustomerSvc.");
    }
    if (segments.size() == 1) {
        route_service(context, *service);
        return;
    }
    if (segments.size() > 2) {
        throw_not_found("No resource matches '" + context.request.path + "'. Navigation paths after a key are not supported; use $expand.");
    }
    const std::string& second = segments[1];
    if (second == "$metadata") {
        if (context.request.method != "GET") {
            throw MockError(405, kApiExceptionType, "$metadata takes GET only.");
        }
        context.response.status = 200;
        context.response.set_content(write_metadata(*service, context.version), "application/xml; charset=utf-8");
        return;
    }
    const std::string set_name = second.substr(0, second.find('('));
    if (service->find_entity_set(set_name) != nullptr) {
        route_entity_set(context, *service, second);
        return;
    }
    route_bo_method(context, *service, second);
}

void MockKineticServer::Impl::route_service_list(RouteContext& context) {
    if (context.request.method != "GET") {
        throw MockError(405, kApiExceptionType, "The service list takes GET only.");
    }
    nlohmann::json services = nlohmann::json::array();
    for (const auto& service : data->services()) {
        services.push_back({{"name", service.name}, {"url", service.name}});
    }
    services.push_back({{"name", "BaqSvc"}, {"url", "BaqSvc"}});
    nlohmann::json body;
    if (context.version == ODataVersion::v1) {
        body["odata.metadata"] = context.api_root + "/$metadata";
    } else {
        body["@odata.context"] = context.api_root + "/$metadata";
    }
    body["value"] = std::move(services);
    send_json(context.response, 200, body.dump());
}

void MockKineticServer::Impl::route_service(RouteContext& context, const ServiceInfo& service) {
    if (context.request.method != "GET") {
        throw MockError(405, kApiExceptionType, "The service document of " + service.name + " takes GET only.");
    }
    const std::string metadata_url = context.api_root + "/" + service.name + "/$metadata";
    send_json(context.response, 200, write_service_document(service, context.version, metadata_url));
}

void MockKineticServer::Impl::route_session(RouteContext& context, const std::string& method) {
    if (context.request.method != "POST") {
        throw MockError(405, kApiExceptionType, "Ice.Lib.SessionModSvc/" + method + " takes POST only.");
    }
    if (method == "Login") {
        const std::string session_id = logins.start_session(context.user);
        send_json(context.response, 200, nlohmann::json{{"returnObj", session_id}, {"parameters", nlohmann::json::object()}}.dump());
        return;
    }
    if (method == "Logout") {
        const auto license = parse_json_header(context.request, "License");
        if (license) {
            logins.end_session(string_member(*license, "SessionID"));
        }
        send_json(context.response, 200, nlohmann::json{{"parameters", nlohmann::json::object()}}.dump());
        return;
    }
    throw_not_found("Ice.Lib.SessionModSvc has no method '" + method + "'; use Login or Logout.");
}

}  // namespace epicor::testing
