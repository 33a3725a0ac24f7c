// epicor-mock-server: runs the mock Kinetic server until SIGINT or SIGTERM
// and prints the connection string that reaches it.

#include <epicor/testing/mock_kinetic_server.hpp>

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

int wait_for_signal() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    int received = 0;
    sigwait(&signals, &received);
    return received;
}

}  // namespace

int main(int argc, char** argv) {
    using epicor::testing::MockKineticServer;
    using epicor::testing::ODataVersion;

    // Block the stop signals before any thread starts, so every server
    // thread inherits the mask and sigwait() below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    MockKineticServer::Options options;
    std::vector<std::string> users;
    std::vector<std::string> api_keys;
    long token_lifetime_seconds = options.token_lifetime.count();
    std::string api_version = "v2";

    CLI::App app{"Serves a mock Epicor Kinetic REST API on 127.0.0.1 for tests, and prints the connection string "
                 "that reaches it. Stops on SIGINT or SIGTERM."};
    app.add_option("--port", options.port, "TCP port on 127.0.0.1; 0 picks a free port")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_flag("--tls", options.tls, "Serve HTTPS with a certificate signed by a CA generated at start-up");
    app.add_option("--dataset", options.dataset, "Data to serve: demo, or generated:ROWS for ROWS generated rows")
        ->capture_default_str();
    app.add_option("--company", options.company, "Company of the demo dataset")->capture_default_str();
    app.add_option("--erp-instance", options.erp_instance, "ERPInstance path segment after the host")
        ->capture_default_str();
    app.add_option("--page-cap", options.page_cap, "Rows per page when a request has no $top")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--max-page-size", options.max_page_size, "Largest page; a larger $top is capped to it")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_flag("--next-link", options.emit_next_link, "Send odata.nextLink when a page was capped");
    app.add_flag("--require-api-key-v1", options.require_api_key_v1, "Require an API key on v1 calls too");
    app.add_option("--user", users, "A user as NAME:PASSWORD; repeat for more (default manager:Epicor123!)");
    app.add_option("--api-key", api_keys, "An accepted API key; repeat for more (default mock-api-key)");
    app.add_option("--token-lifetime", token_lifetime_seconds, "Lifetime of TokenResource.svc tokens, in seconds")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--api-version", api_version, "ApiVersion of the printed connection string")
        ->check(CLI::IsMember({"v1", "v2"}))
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    if (!users.empty()) {
        options.users.clear();
        for (const auto& user : users) {
            const auto colon = user.find(':');
            if (colon == std::string::npos || colon == 0) {
                std::cerr << "epicor-mock-server: --user must be NAME:PASSWORD; the value given has no name or no ':'\n";
                return 2;
            }
            options.users.push_back({user.substr(0, colon), user.substr(colon + 1)});
        }
    }
    if (!api_keys.empty()) {
        options.api_keys = api_keys;
    }
    options.token_lifetime = std::chrono::seconds(token_lifetime_seconds);

    MockKineticServer server(options);
    try {
        server.start();
    } catch (const std::exception& error) {
        std::cerr << "epicor-mock-server: start failed: " << error.what() << '\n';
        return 1;
    }

    std::cout << server.connection_string(api_version == "v1" ? ODataVersion::v1 : ODataVersion::v2) << std::endl;
    if (options.tls) {
        std::cout << "CA certificate: " << server.ca_certificate_path() << std::endl;
    }
    std::cerr << "epicor-mock-server: serving " << server.base_url() << "; stop with SIGINT or SIGTERM" << std::endl;

    const int received = wait_for_signal();
    std::cerr << "epicor-mock-server: received signal " << received << ", stopping" << std::endl;
    server.stop();
    std::cerr << "epicor-mock-server: stopped" << std::endl;
    return EXIT_SUCCESS;
}
