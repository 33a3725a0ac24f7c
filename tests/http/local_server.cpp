#include "local_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace epicor::test {
namespace {

int bind_loopback_listener(int& port) {
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) {
        throw std::runtime_error("socket() failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 16) != 0) {
        ::close(listener);
        throw std::runtime_error("bind() or listen() on 127.0.0.1 failed");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    return listener;
}

}  // namespace

LocalHttpServer::LocalHttpServer() : server_(std::make_unique<httplib::Server>()) {}

LocalHttpServer::LocalHttpServer(const std::string& certificate_file, const std::string& private_key_file)
    : server_(std::make_unique<httplib::SSLServer>(certificate_file.c_str(), private_key_file.c_str())),
      tls_(true) {
    if (!server_->is_valid()) {
        throw std::runtime_error("httplib::SSLServer rejected the test certificate or key");
    }
}

LocalHttpServer::~LocalHttpServer() {
    stopping_ = true;
    server_->stop();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void LocalHttpServer::start() {
    server_->set_keep_alive_max_count(1000);
    server_->set_tcp_nodelay(true);
    server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
        record_connection(request);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) {
        throw std::runtime_error("httplib could not bind 127.0.0.1");
    }
    thread_ = std::thread([this] {
        server_->listen_after_bind();
        listen_returned_ = true;
    });
    // httplib's stop() does nothing before the accept loop runs, so a server
    // stopped too early would never return from listen_after_bind().
    while (!server_->is_running() && !listen_returned_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string LocalHttpServer::base_url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::size_t LocalHttpServer::connection_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return connections_.size();
}

void LocalHttpServer::record_connection(const httplib::Request& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.insert(request.remote_addr + ":" + std::to_string(request.remote_port));
}

RawSocketServer::RawSocketServer(std::function<void(int)> handler) : handler_(std::move(handler)) {
    listener_ = bind_loopback_listener(port_);
    thread_ = std::thread([this] {
        while (!stopping_) {
            pollfd waiting{listener_, POLLIN, 0};
            if (::poll(&waiting, 1, 50) <= 0) {
                continue;
            }
            const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                handler_(client);
            }
        }
    });
}

RawSocketServer::~RawSocketServer() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
}

std::string RawSocketServer::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string RawSocketServer::read_request_head(int socket) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
        const ssize_t received = ::recv(socket, buffer, sizeof buffer, 0);
        if (received <= 0) {
            break;
        }
        head.append(buffer, static_cast<std::size_t>(received));
    }
    return head;
}

void RawSocketServer::reset(int socket) {
    linger option{1, 0};
    ::setsockopt(socket, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    ::close(socket);
}

int closed_loopback_port() {
    int port = 0;
    const int listener = bind_loopback_listener(port);
    ::close(listener);
    return port;
}

}  // namespace epicor::test
