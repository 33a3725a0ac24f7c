#pragma once

// Servers on 127.0.0.1 with an ephemeral port for the transport tests: a
// cpp-httplib server (HTTP or HTTPS) that counts client connections, and a
// raw socket server for misbehaviour httplib cannot produce (a TCP reset).

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace epicor::test {

/// A cpp-httplib server running on its own thread. Register routes through
/// server() before start(). Handlers that wait should poll stopping().
class LocalHttpServer {
public:
    /// Plain HTTP server.
    LocalHttpServer();
    /// HTTPS server with the given PEM certificate and key files.
    LocalHttpServer(const std::string& certificate_file, const std::string& private_key_file);
    ~LocalHttpServer();
    LocalHttpServer(const LocalHttpServer&) = delete;
    LocalHttpServer& operator=(const LocalHttpServer&) = delete;

    httplib::Server& server() { return *server_; }

    /// Binds an ephemeral port on 127.0.0.1 and starts serving.
    void start();
    /// Returns "http://127.0.0.1:PORT" (or https).
    std::string base_url() const;
    int port() const noexcept { return port_; }

    /// Number of distinct client connections that sent at least one request.
    std::size_t connection_count() const;
    /// True once the destructor began; long-running handlers return then.
    bool stopping() const noexcept { return stopping_.load(); }

private:
    void record_connection(const httplib::Request& request);

    std::unique_ptr<httplib::Server> server_;
    bool tls_ = false;
    int port_ = 0;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> listen_returned_{false};
    mutable std::mutex mutex_;
    std::set<std::string> connections_;
};

/// Accepts connections on 127.0.0.1 one at a time and hands each socket to
/// `handler`, which owns it and must close it.
class RawSocketServer {
public:
    explicit RawSocketServer(std::function<void(int socket)> handler);
    ~RawSocketServer();
    RawSocketServer(const RawSocketServer&) = delete;
    RawSocketServer& operator=(const RawSocketServer&) = delete;

    int port() const noexcept { return port_; }
    std::string base_url() const;

    /// Reads from `socket` until the end of the request headers (a blank
    /// line) and returns what was read.
    static std::string read_request_head(int socket);
    /// Closes `socket` with SO_LINGER 0, so the peer receives a TCP reset.
    static void reset(int socket);

private:
    std::function<void(int)> handler_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

/// Returns a loopback port with nothing listening on it (bound, then closed),
/// so connecting to it is refused.
int closed_loopback_port();

}  // namespace epicor::test
