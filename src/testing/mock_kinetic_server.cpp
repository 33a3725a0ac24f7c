#include <epicor/testing/mock_kinetic_server.hpp>

#include "testing/server_state.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace epicor::testing {

ServerExtension::~ServerExtension() = default;

namespace {

// Wraps httplib's thread pool to count accepted connections: httplib
// enqueues one task per accepted socket.
class CountingTaskQueue : public httplib::TaskQueue {
public:
    CountingTaskQueue(std::size_t threads, std::atomic<std::uint64_t>& connections)
        : pool_(threads), connections_(connections) {}

    void enqueue(std::function<void()> task) override {
        ++connections_;
        pool_.enqueue(std::move(task));
    }
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
    std::atomic<std::uint64_t>& connections_;
};

int handshake_marker_index() {
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

// Counts each TLS connection once when its handshake completes. TLS 1.3 can
// report SSL_CB_HANDSHAKE_DONE again after post-handshake messages, so the
// connection is marked.
void count_handshakes(const SSL* ssl, int where, int /*ret*/) {
    if ((where & SSL_CB_HANDSHAKE_DONE) == 0) {
        return;
    }
    const int index = handshake_marker_index();
    if (SSL_get_ex_data(ssl, index) != nullptr) {
        return;
    }
    static int marker = 1;
    SSL_set_ex_data(const_cast<SSL*>(ssl), index, &marker);
    auto* counter = static_cast<std::atomic<std::uint64_t>*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (counter != nullptr) {
        ++*counter;
    }
}

std::string write_ca_file(const std::string& pem, std::string& directory) {
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / "epicor-mock-ca-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mock server: creating a temporary directory for the CA certificate failed in " +
                                 fs::temp_directory_path().string() + "; check TMPDIR and free space");
    }
    directory = pattern;
    const std::string path = (fs::path(directory) / "ca.pem").string();
    std::ofstream file(path, std::ios::binary);
    file << pem;
    if (!file.flush()) {
        throw std::runtime_error("mock server: writing the CA certificate to " + path + " failed");
    }
    return path;
}

void ignore_sigpipe_once() {
    // A client that hangs up while the server writes would otherwise kill the
    // process with SIGPIPE, because OpenSSL writes with write(2).
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        std::signal(SIGPIPE, SIG_IGN);
    }
}

}  // namespace

MockKineticServer::Impl::Impl(Options server_options)
    : options(std::move(server_options)), logins(options.token_lifetime) {}

MockKineticServer::MockKineticServer() : MockKineticServer(Options{}) {}

MockKineticServer::MockKineticServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

MockKineticServer::~MockKineticServer() {
    stop();
    if (!impl_->ca_directory.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(impl_->ca_directory, ignored);
    }
}

void MockKineticServer::add_extension(std::shared_ptr<ServerExtension> extension) {
    if (impl_->is_running) {
        throw std::logic_error("MockKineticServer::add_extension: the server is running; add extensions before start()");
    }
    if (!extension) {
        throw std::invalid_argument("MockKineticServer::add_extension: extension is null");
    }
    impl_->extensions.push_back(std::move(extension));
}

void MockKineticServer::register_function(const std::string& library, const std::string& name,
                                          FunctionHandler handler, bool published) {
    if (library.empty() || name.empty() || !handler) {
        throw std::invalid_argument("MockKineticServer::register_function: library, name and handler are required");
    }
    std::lock_guard<std::mutex> lock(impl_->functions_mutex);
    impl_->functions[library + "/" + name] = RegisteredFunction{std::move(handler), published};
}

void MockKineticServer::start() {
    Impl& impl = *impl_;
    if (impl.is_running) {
        throw std::logic_error("MockKineticServer::start: the server is already running; call stop() first");
    }
    if (impl.options.page_cap == 0 || impl.options.max_page_size == 0) {
        throw std::invalid_argument("MockKineticServer::start: page_cap and max_page_size must be at least 1");
    }
    if (impl.options.port < 0 || impl.options.port > 65535) {
        throw std::invalid_argument("MockKineticServer::start: port " + std::to_string(impl.options.port) +
                                    " is invalid; use 0 for a free port or 1 to 65535");
    }

    if (!impl.data) {
        impl.data = impl.options.custom_dataset ? impl.options.custom_dataset : make_dataset(impl.options.dataset);
        impl.options.company = impl.data->company();
    }

    if (impl.options.tls) {
        if (!impl.certificates) {
            impl.certificates = generate_tls_certificates();
            impl.ca_file_path = write_ca_file(impl.certificates->ca_certificate_pem, impl.ca_directory);
        }
        auto server = std::make_unique<httplib::SSLServer>(impl.certificates->server_certificate.get(),
                                                           impl.certificates->server_key.get());
        if (!server->is_valid()) {
            throw std::runtime_error("mock server: the HTTPS server rejected its generated certificate");
        }
        SSL_CTX* context = server->ssl_context();
        SSL_CTX_set_app_data(context, &impl.tls_handshakes);
        SSL_CTX_set_info_callback(context, count_handshakes);
        impl.http_server = std::move(server);
    } else {
        impl.http_server = std::make_unique<httplib::Server>();
    }

    ignore_sigpipe_once();
    const std::size_t threads = impl.options.worker_threads == 0 ? 1 : impl.options.worker_threads;
    impl.http_server->new_task_queue = [&impl, threads] { return new CountingTaskQueue(threads, impl.connections); };
    impl.http_server->set_keep_alive_timeout(5);
    // cpp-httplib closes a keep-alive connection after 5 requests by default;
    // IIS in front of Kinetic keeps one open far longer, and a client scanning
    // thousands of pages should see one connection, as it would there.
    impl.http_server->set_keep_alive_max_count(100000);
    // httplib's default also sets SO_REUSEPORT, which would let a second
    // server bind a port that is in use; SO_REUSEADDR alone does not.
    impl.http_server->set_socket_options([](socket_t socket) {
        int enable = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable);
    });

    if (impl.options.port == 0) {
        impl.bound_port = impl.http_server->bind_to_any_port("127.0.0.1");
    } else {
        impl.bound_port = impl.http_server->bind_to_port("127.0.0.1", impl.options.port) ? impl.options.port : -1;
    }
    if (impl.bound_port <= 0) {
        impl.http_server.reset();
        throw std::runtime_error("mock server: binding 127.0.0.1:" + std::to_string(impl.options.port) +
                                 " failed; the port is probably in use, so pick another or use 0");
    }

    impl.install_handlers();
    for (const auto& extension : impl.extensions) {
        extension->register_routes(*impl.http_server, impl.root_url());
    }
    impl.install_fallback_routes();

    impl.is_running = true;
    impl.listener_exited = false;
    impl.listener = std::thread([&impl] {
        impl.http_server->listen_after_bind();
        impl.listener_exited = true;
    });
    while (!impl.http_server->is_running() && !impl.listener_exited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (impl.listener_exited) {
        impl.listener.join();
        impl.http_server.reset();
        impl.is_running = false;
        throw std::runtime_error("mock server: listening on 127.0.0.1:" + std::to_string(impl.bound_port) + " failed");
    }
}

void MockKineticServer::stop() {
    Impl& impl = *impl_;
    if (!impl.is_running) {
        return;
    }
    impl.http_server->stop();
    if (impl.listener.joinable()) {
        impl.listener.join();
    }
    impl.http_server.reset();
    impl.is_running = false;
}

bool MockKineticServer::running() const { return impl_->is_running; }

const MockKineticServer::Options& MockKineticServer::options() const noexcept { return impl_->options; }

int MockKineticServer::port() const {
    if (!impl_->is_running) {
        throw std::logic_error("MockKineticServer::port: the server is not running; call start() first");
    }
    return impl_->bound_port;
}

std::string MockKineticServer::base_url() const {
    if (!impl_->is_running) {
        throw std::logic_error("MockKineticServer::base_url: the server is not running; call start() first");
    }
    return impl_->instance_url();
}

std::string MockKineticServer::connection_string(ODataVersion version) const {
    if (!impl_->is_running) {
        throw std::logic_error("MockKineticServer::connection_string: the server is not running; call start() first");
    }
    const Options& options = impl_->options;
    std::string text = "URL=" + impl_->root_url() + ";ERPInstance=" + options.erp_instance;
    if (!options.users.empty()) {
        text += ";User=" + options.users.front().name + ";Password=" + options.users.front().password;
    }
    if (!options.api_keys.empty()) {
        text += ";ApiKey=" + options.api_keys.front();
    }
    text += std::string(";ApiVersion=") + (version == ODataVersion::v1 ? "v1" : "v2");
    text += ";Company=" + options.company;
    if (options.tls) {
        text += ";SSLServerCert=" + impl_->ca_file_path;
    }
    return text;
}

std::string MockKineticServer::ca_certificate_pem() const {
    return impl_->certificates ? impl_->certificates->ca_certificate_pem : std::string();
}

std::string MockKineticServer::ca_certificate_path() const { return impl_->ca_file_path; }

FaultInjector& MockKineticServer::faults() { return impl_->fault_injector; }

RequestLog& MockKineticServer::request_log() { return impl_->log; }

ServerCounters MockKineticServer::counters() const {
    ServerCounters counters;
    counters.requests = impl_->requests;
    counters.connections = impl_->connections;
    counters.tls_handshakes = impl_->tls_handshakes;
    counters.tokens_issued = impl_->logins.tokens_issued();
    return counters;
}

void MockKineticServer::reset_counters() {
    impl_->requests = 0;
    impl_->connections = 0;
    impl_->tls_handshakes = 0;
    impl_->logins.reset_counters();
}

void MockKineticServer::expire_all_tokens() { impl_->logins.expire_all_tokens(); }

void MockKineticServer::end_all_sessions() { impl_->logins.end_all_sessions(); }

Dataset& MockKineticServer::dataset() {
    if (!impl_->data) {
        throw std::logic_error("MockKineticServer::dataset: the dataset is built by start(); call start() first");
    }
    return *impl_->data;
}

}  // namespace epicor::testing
