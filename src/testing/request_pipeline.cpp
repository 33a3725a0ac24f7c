// The steps around every route: request counting, fault injection and the
// request log.

#include "testing/epicor_error_body.hpp"
#include "testing/server_state.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <thread>

namespace epicor::testing {

// Facts about the request being served on this thread, gathered by the
// pre-routing handler and the router and read by the post-routing handler.
// httplib runs both handlers and the route on the same worker thread.
namespace {
struct RequestNotes {
    std::optional<Fault> body_fault;  // a fault that rewrites the route's response
    std::string fault_name;
    int socket = -1;
    std::string auth_scheme;
    std::string user;
    std::string company;
    std::string plant;
    std::string license;
};

thread_local RequestNotes current_notes;
}  // namespace

void note_login(const std::string& scheme, const std::string& user) {
    current_notes.auth_scheme = scheme;
    current_notes.user = user;
}

void note_company(const std::string& company, const std::string& plant, const std::string& license) {
    current_notes.company = company;
    current_notes.plant = plant;
    current_notes.license = license;
}

namespace {

const char* fault_name(Fault::Kind kind) {
    switch (kind) {
    case Fault::Kind::status: return "status";
    case Fault::Kind::delay: return "delay";
    case Fault::Kind::trickle: return "trickle";
    case Fault::Kind::reset: return "reset";
    case Fault::Kind::reset_mid_body: return "reset_mid_body";
    case Fault::Kind::truncated_body: return "truncated_body";
    case Fault::Kind::malformed_json: return "malformed_json";
    case Fault::Kind::expired_token: return "expired_token";
    }
    return "unknown";
}

int port_of(const sockaddr_storage& address) {
    if (address.ss_family == AF_INET) {
        sockaddr_in ipv4{};
        std::memcpy(&ipv4, &address, sizeof ipv4);
        return ntohs(ipv4.sin_port);
    }
    if (address.ss_family == AF_INET6) {
        sockaddr_in6 ipv6{};
        std::memcpy(&ipv6, &address, sizeof ipv6);
        return ntohs(ipv6.sin6_port);
    }
    return -1;
}

// Finds the socket of the connection a request came in on. A TLS request
// carries its SSL object, which stores the socket. For plain HTTP, the
// process's open sockets are searched for the request's port pair.
// NOTE: the search reads /proc/self/fd, so reset faults on plain HTTP work
// on Linux only.
int find_request_socket(const httplib::Request& request) {
    if (request.ssl != nullptr) {
        return SSL_get_fd(request.ssl);
    }
    DIR* directory = opendir("/proc/self/fd");
    if (directory == nullptr) {
        return -1;
    }
    int found = -1;
    while (const dirent* entry = readdir(directory)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0') {
            continue;
        }
        sockaddr_storage local{};
        sockaddr_storage peer{};
        socklen_t local_length = sizeof local;
        socklen_t peer_length = sizeof peer;
        const int socket = static_cast<int>(fd);
        if (getsockname(socket, reinterpret_cast<sockaddr*>(&local), &local_length) != 0 ||
            getpeername(socket, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) {
            continue;
        }
        if (port_of(local) == request.local_port && port_of(peer) == request.remote_port) {
            found = socket;
            break;
        }
    }
    closedir(directory);
    return found;
}

// Makes the next close() of the socket send a TCP RST instead of a FIN.
void arm_reset(int socket) {
    if (socket < 0) {
        return;
    }
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    setsockopt(socket, SOL_SOCKET, SO_LINGER, &option, sizeof option);
}

void send_status_fault(const httplib::Request& request, httplib::Response& response, const Fault& fault) {
    switch (fault.body_format()) {
    case Fault::BodyFormat::plain_text:
        response.status = fault.http_status();
        response.set_content(fault.body(), "text/plain; charset=utf-8");
        break;
    case Fault::BodyFormat::html:
        response.status = fault.http_status();
        response.set_content(fault.body(), "text/html; charset=utf-8");
        break;
    case Fault::BodyFormat::epicor_json: {
        const std::string message = fault.error_message().empty()
                                        ? "The mock server injected HTTP " + std::to_string(fault.http_status()) + "."
                                        : fault.error_message();
        send_error(request, response, fault.http_status(), message, fault.error_type());
        break;
    }
    }
}

// Replaces the response body with a content provider that sends only the
// first half and then fails, so httplib closes the connection.
void send_half_then_close(httplib::Response& response, bool reset, int socket) {
    auto body = std::make_shared<std::string>(std::move(response.body));
    const std::string content_type = response.get_header_value("Content-Type");
    response.body.clear();
    const std::size_t half = body->size() / 2;
    response.set_content_provider(
        std::max<std::size_t>(body->size(), 1), content_type,
        [body, half, reset, socket](std::size_t offset, std::size_t, httplib::DataSink& sink) {
            if (offset == 0 && half > 0) {
                sink.write(body->data(), half);
            }
            if (reset) {
                arm_reset(socket);
            }
            return false;
        });
}

void send_trickle(httplib::Response& response, const Fault& fault) {
    auto body = std::make_shared<std::string>(std::move(response.body));
    const std::string content_type = response.get_header_value("Content-Type");
    response.body.clear();
    if (body->empty()) {
        return;
    }
    const std::size_t chunk = fault.chunk_bytes();
    const auto interval = fault.chunk_interval();
    response.set_content_provider(body->size(), content_type,
                                  [body, chunk, interval](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                      std::this_thread::sleep_for(interval);
                                      const std::size_t count = std::min(chunk, body->size() - offset);
                                      return sink.write(body->data() + offset, count);
                                  });
}

void apply_body_fault(httplib::Response& response, const Fault& fault, int socket) {
    const std::size_t full_length = response.body.size();
    switch (fault.kind()) {
    case Fault::Kind::trickle:
        send_trickle(response, fault);
        return;
    case Fault::Kind::reset_mid_body:
        send_half_then_close(response, true, socket);
        break;
    case Fault::Kind::truncated_body:
        send_half_then_close(response, false, socket);
        break;
    case Fault::Kind::malformed_json: {
        std::string cut = response.body.substr(0, response.body.size() / 2);
        if (cut.empty()) {
            cut = "{\"value\": [";
        }
        if (response.status == 204) {
            response.status = 200;
        }
        response.set_content(cut, "application/json; charset=utf-8");
        response.headers.erase("Content-Length");
        response.set_header("Content-Length", std::to_string(cut.size()));
        return;
    }
    default:
        return;
    }
    response.headers.erase("Content-Length");
    response.set_header("Content-Length", std::to_string(std::max<std::size_t>(full_length, 1)));
}

LoggedRequest make_log_entry(const httplib::Request& request, const httplib::Response& response) {
    LoggedRequest entry;
    entry.method = request.method;
    entry.path = request.path;
    const std::size_t question = request.target.find('?');
    if (question != std::string::npos) {
        entry.query = mask_query(request.target.substr(question + 1));
    }
    for (const auto& [name, value] : request.headers) {
        // httplib adds these itself; they did not come from the client.
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT") {
            continue;
        }
        entry.headers.emplace_back(name, mask_header_value(name, value));
    }
    entry.body = mask_body(request.body, request.get_header_value("Content-Type"));
    entry.status = response.status;
    const RequestNotes& notes = current_notes;
    entry.auth_scheme = notes.auth_scheme;
    entry.user = notes.user;
    entry.company = notes.company;
    entry.plant = notes.plant;
    entry.license = notes.license;
    entry.fault = notes.fault_name;
    return entry;
}

}  // namespace

void MockKineticServer::Impl::install_handlers() {
    http_server->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        current_notes = RequestNotes{};
        ++requests;

        std::optional<Fault> fault = fault_injector.take(request.method, request.path);
        if (!fault) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        current_notes.fault_name = fault_name(fault->kind());
        if (fault->delay_duration().count() > 0) {
            std::this_thread::sleep_for(fault->delay_duration());
        }
        if (fault->retry_after_value()) {
            response.set_header("Retry-After", *fault->retry_after_value());
        }

        switch (fault->kind()) {
        case Fault::Kind::status:
            send_status_fault(request, response, *fault);
            return httplib::Server::HandlerResponse::Handled;
        case Fault::Kind::expired_token:
            response.set_header("WWW-Authenticate",
                                "Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
            send_error(request, response, 401, "The access token has expired. Request a new token and try again.");
            return httplib::Server::HandlerResponse::Handled;
        case Fault::Kind::reset: {
            const int socket = find_request_socket(request);
            arm_reset(socket);
            if (socket >= 0) {
                shutdown(socket, SHUT_RDWR);
            }
            response.status = 500;
            return httplib::Server::HandlerResponse::Handled;
        }
        case Fault::Kind::delay:
            return httplib::Server::HandlerResponse::Unhandled;
        case Fault::Kind::trickle:
        case Fault::Kind::reset_mid_body:
        case Fault::Kind::truncated_body:
        case Fault::Kind::malformed_json:
            if (fault->kind() == Fault::Kind::reset_mid_body) {
                current_notes.socket = find_request_socket(request);
            }
            current_notes.body_fault = std::move(fault);
            return httplib::Server::HandlerResponse::Unhandled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    http_server->set_post_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        if (current_notes.body_fault) {
            // NOTE: a gzip-compressed response is cut after compression, so
            // a client that requested gzip receives a broken gzip stream.
            apply_body_fault(response, *current_notes.body_fault, current_notes.socket);
        }
        const bool reset = current_notes.fault_name == "reset";
        LoggedRequest entry = make_log_entry(request, response);
        if (reset) {
            entry.status = 0;
        }
        log.append(std::move(entry));
    });
}

}  // namespace epicor::testing
