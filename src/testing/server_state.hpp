#pragma once

// The state behind a MockKineticServer, shared by the lifecycle code and the
// route handlers (routes_*.cpp).

#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>

#include "testing/auth_logins.hpp"
#include "testing/server_extension.hpp"
#include "testing/tls_certificate.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace epicor::testing {

// One registered Epicor Function.
struct RegisteredFunction {
    FunctionHandler handler;
    bool published = true;
};

// What the router learned about a request before a route handles it.
struct RouteContext {
    RouteContext(const httplib::Request& incoming, httplib::Response& outgoing)
        : request(incoming), response(outgoing) {}

    const httplib::Request& request;
    httplib::Response& response;
    ODataVersion version = ODataVersion::v2;
    std::string company;
    std::string user;
    // Percent-decoded path segments after `/api/v1/` or `/api/v2/odata/{Company}/`.
    std::vector<std::string> segments;
    // True when the raw path ended with `/`.
    bool trailing_slash = false;
    // Absolute URL of the API root, e.g. `http://127.0.0.1:P/KineticMock/api/v1`
    // or `.../api/v2/odata/EPIC06`, used in context URLs and next links.
    std::string api_root;
};

struct MockKineticServer::Impl {
    explicit Impl(Options server_options);

    Options options;
    std::shared_ptr<Dataset> data;
    LoginRegistry logins;
    FaultInjector fault_injector;
    RequestLog log;
    std::vector<std::shared_ptr<ServerExtension>> extensions;

    std::mutex functions_mutex;
    std::map<std::string, RegisteredFunction> functions;  // key: "Library/Function"

    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> tls_handshakes{0};

    std::optional<TlsCertificates> certificates;
    std::string ca_file_path;
    std::string ca_directory;
    std::unique_ptr<httplib::Server> http_server;
    std::thread listener;
    int bound_port = 0;
    std::atomic<bool> is_running{false};
    std::atomic<bool> listener_exited{false};

    std::string scheme() const { return options.tls ? "https" : "http"; }
    std::string root_url() const { return scheme() + "://127.0.0.1:" + std::to_string(bound_port); }
    std::string instance_url() const { return root_url() + "/" + options.erp_instance; }

    // Request handling (mock_kinetic_server.cpp).
    // Installs the pre- and post-routing handlers (faults, counters, log).
    void install_handlers();
    // Installs the catch-all routes, after the extensions' routes.
    void install_fallback_routes();
    void handle(const httplib::Request& request, httplib::Response& response);
    bool authenticate(RouteContext& context, bool api_key_required);

    // Routes (routes_*.cpp). Each writes the whole response and throws
    // MockError for Kinetic-style failures.
    void route_token_resource(const httplib::Request& request, httplib::Response& response);
    void route_api(RouteContext& context);
    void route_service_list(RouteContext& context);
    void route_service(RouteContext& context, const ServiceInfo& service);
    void route_entity_set(RouteContext& context, const ServiceInfo& service, const std::string& set_segment);
    void route_bo_method(RouteContext& context, const ServiceInfo& service, const std::string& method);
    void route_session(RouteContext& context, const std::string& method);
    void route_baq(RouteContext& context);
    void route_function(RouteContext& context, const std::string& library, const std::string& function,
                        bool staging);
};

// Record facts about the request served on this thread for the request log.
void note_login(const std::string& scheme, const std::string& user);
void note_company(const std::string& company, const std::string& plant, const std::string& license);

// Sends `body` as JSON with `status`.
void send_json(httplib::Response& response, int status, const std::string& body);

// Collects the query parameters of a request, as parse_query_options() takes them.
std::multimap<std::string, std::string> query_parameters(const httplib::Request& request);

}  // namespace epicor::testing
