#include "auth/loopback_redirect_listener.hpp"

#include "auth/azure_ad_token_client.hpp"
#include "auth/pkce.hpp"
#include "auth/token_response.hpp"

#include <epicor/error.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>

namespace epicor::azure {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kMaxRequestBytes = 16 * 1024;

struct CallbackParts {
    std::string host;
    std::uint16_t port = 80;
    std::string path = "/";
};

[[noreturn]] void throw_bad_callback(const std::string& url, const std::string& reason) {
    throw AuthError("invalid CallbackURL " + url + " for the browser sign-in: " + reason +
                    ". Use http://localhost:PORT/PATH (or 127.0.0.1 or [::1]), as registered "
                    "for the app in Azure AD");
}

CallbackParts parse_callback(const std::string& url) {
    constexpr std::string_view kScheme = "http://";
    if (url.size() < kScheme.size() || url.compare(0, kScheme.size(), kScheme) != 0) {
        throw_bad_callback(url, "the loopback listener serves plain http only");
    }
    CallbackParts parts;
    parts.host = url_host(url);
    if (!is_loopback_host(parts.host)) {
        throw_bad_callback(url, "the host must be a loopback address");
    }

    std::string authority = url.substr(kScheme.size());
    const auto path_start = authority.find_first_of("/?#");
    if (path_start != std::string::npos) {
        parts.path = authority.substr(path_start);
        parts.path = parts.path.substr(0, parts.path.find_first_of("?#"));
        if (parts.path.empty()) {
            parts.path = "/";
        }
        authority.resize(path_start);
    }
    const auto bracket = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
        const std::string digits = authority.substr(colon + 1);
        if (digits.empty() || digits.size() > 5 ||
            digits.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(digits) > 65535) {
            throw_bad_callback(url, "the port must be a number from 0 to 65535");
        }
        parts.port = static_cast<std::uint16_t>(std::stoul(digits));
    }
    return parts;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%' && i + 2 < text.size() &&
                   hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> values;
    while (!query.empty()) {
        const auto end = query.find('&');
        const std::string_view pair = query.substr(0, end);
        const auto equals = pair.find('=');
        values.emplace(percent_decode(pair.substr(0, equals)),
                       equals == std::string_view::npos ? std::string()
                                                        : percent_decode(pair.substr(equals + 1)));
        query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    }
    return values;
}

std::chrono::milliseconds remaining(SteadyClock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - SteadyClock::now());
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

bool wait_readable(int fd, SteadyClock::time_point deadline) {
    pollfd entry{fd, POLLIN, 0};
    for (;;) {
        const auto left = remaining(deadline);
        const int ready = poll(&entry, 1, static_cast<int>(std::min<std::int64_t>(
                                              left.count(), 60'000)));
        if (ready > 0) {
            return true;
        }
        if (ready < 0 && errno != EINTR) {
            return false;
        }
        if (ready == 0 && remaining(deadline).count() == 0) {
            return false;
        }
    }
}

// Reads up to the end of the request head. Returns "" on timeout or error.
std::string read_request_head(int fd, SteadyClock::time_point deadline) {
    std::string head;
    char buffer[2048];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxRequestBytes) {
        if (!wait_readable(fd, deadline)) {
            return {};
        }
        const ssize_t count = recv(fd, buffer, sizeof buffer, 0);
        if (count <= 0) {
            break;
        }
        head.append(buffer, static_cast<std::size_t>(count));
    }
    return head;
}

void send_page(int fd, int status, const char* reason, const std::string& message) {
    const std::string body =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Epicor Kinetic sign-in"
        "</title></head><body><p>" + message + "</p></body></html>";
    const std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                                 "\r\nContent-Type: text/html; charset=utf-8\r\n"
                                 "Cache-Control: no-store\r\nConnection: close\r\n"
                                 "Content-Length: " + std::to_string(body.size()) +
                                 "\r\n\r\n" + body;
    std::size_t sent = 0;
    while (sent < response.size()) {
        const ssize_t count = send(fd, response.data() + sent, response.size() - sent,
                                   MSG_NOSIGNAL);
        if (count <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(count);
    }
}

class SocketCloser {
public:
    explicit SocketCloser(int fd) : fd_(fd) {}
    ~SocketCloser() { ::close(fd_); }
    SocketCloser(const SocketCloser&) = delete;
    SocketCloser& operator=(const SocketCloser&) = delete;

private:
    int fd_;
};

}  // namespace

LoopbackRedirectListener::LoopbackRedirectListener(const std::string& callback_url) {
    const CallbackParts parts = parse_callback(callback_url);
    path_ = parts.path;
    const bool ipv6 = parts.host == "::1";

    socket_ = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket_ < 0) {
        throw AuthError(std::string("cannot open a socket for CallbackURL: ") +
                        std::strerror(errno));
    }
    const int on = 1;
    setsockopt(socket_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);

    int result = 0;
    if (ipv6) {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(parts.port);
        address.sin6_addr = in6addr_loopback;
        result = ::bind(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(parts.port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        result = ::bind(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    }
    if (result != 0 || ::listen(socket_, 8) != 0) {
        const int error = errno;
        ::close(socket_);
        socket_ = -1;
        throw AuthError("cannot listen on CallbackURL " + callback_url + ": " +
                        std::strerror(error) +
                        ". Another program may use the port; choose a free port in CallbackURL "
                        "and register it as a redirect URI of the app");
    }

    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(socket_, reinterpret_cast<sockaddr*>(&bound), &length);
    port_ = ntohs(ipv6 ? reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port
                       : reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);

    const std::string host = ipv6 ? "[::1]" : parts.host;
    redirect_uri_ = "http://" + host + ":" + std::to_string(port_) + path_;
}

LoopbackRedirectListener::~LoopbackRedirectListener() {
    if (socket_ >= 0) {
        ::close(socket_);
    }
}

AuthorizationRedirect LoopbackRedirectListener::wait(const std::string& expected_state,
                                                     std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    bool rejected_state = false;

    while (wait_readable(socket_, deadline)) {
        const int client = ::accept4(socket_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            continue;
        }
        SocketCloser closer(client);
        // A client that connects and sends nothing gets a few seconds at most.
        const auto request_deadline =
            std::min(deadline, SteadyClock::now() + std::chrono::seconds(10));
        const std::string head = read_request_head(client, request_deadline);

        // Request line: GET /path?query HTTP/1.1
        const auto line_end = head.find("\r\n");
        const std::string line = head.substr(0, line_end);
        const auto first_space = line.find(' ');
        const auto second_space = line.find(' ', first_space + 1);
        if (first_space == std::string::npos || second_space == std::string::npos ||
            line.compare(0, first_space, "GET") != 0) {
            send_page(client, 400, "Bad Request", "This address only receives the sign-in "
                                                  "redirect.");
            continue;
        }
        const std::string target = line.substr(first_space + 1, second_space - first_space - 1);
        const auto question = target.find('?');
        if (target.substr(0, question) != path_) {
            send_page(client, 404, "Not Found", "Not found.");
            continue;
        }

        auto query = parse_query(question == std::string::npos ? std::string_view()
                                                               : std::string_view(target).substr(question + 1));
        if (!constant_time_equals(query["state"], expected_state)) {
            rejected_state = true;
            send_page(client, 400, "Bad Request",
                      "The sign-in response did not match this sign-in request and was "
                      "ignored.");
            continue;
        }

        if (query.count("error") != 0) {
            const std::string description = query["error_description"];
            send_page(client, 200, "OK",
                      "Sign-in failed. Return to the application for details.");
            throw AuthError("Azure AD sign-in failed: " + query["error"] +
                                (description.empty() ? std::string() : " (" + description + ")") +
                                ". Check OAuthClientId, AzureTenant, CallbackURL and Scope "
                                "against the app registration",
                            query["error"], find_aadsts_code(description));
        }
        if (query["code"].empty()) {
            send_page(client, 400, "Bad Request", "The sign-in response carried no code.");
            throw AuthError("the Azure AD sign-in redirect carried no authorization code; "
                            "sign in again");
        }

        send_page(client, 200, "OK",
                  "Sign-in complete. You can close this window and return to the "
                  "application.");
        return AuthorizationRedirect{query["code"]};
    }

    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout).count();
    throw AuthError("no sign-in redirect arrived at " + redirect_uri_ + " within " +
                    std::to_string(seconds) + " s" +
                    (rejected_state ? "; a redirect with a state that did not match this "
                                      "sign-in was rejected"
                                    : "") +
                    ". Finish the sign-in in the browser, or on a machine without a browser "
                    "connect with InitiateOAuth=REFRESH and OAuthVerifier");
}

}  // namespace epicor::azure
