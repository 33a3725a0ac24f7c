#pragma once

// Shared pieces of the resilience tests: a mock Kinetic server per test,
// connection strings for it, a library stack with a test retry policy,
// temporary directories and small helpers for the mock's request log.

#include <epicor/connection.hpp>
#include <epicor/error.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/retry_policy.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace resilience_test {

namespace mock = epicor::testing;
using namespace std::chrono_literals;

inline constexpr const char* kCustomerService = "Erp.BO.CustomerSvc";
inline constexpr const char* kPartService = "Erp.BO.PartSvc";

/// Starts a mock server with `options` and returns it running.
inline std::unique_ptr<mock::MockKineticServer> start_server(mock::MockServerOptions options = {}) {
    auto server = std::make_unique<mock::MockKineticServer>(std::move(options));
    server->start();
    return server;
}

/// The server's v2 connection string followed by `extra`, whose properties
/// win because a repeated name keeps its last value.
inline std::string connection_string(const mock::MockKineticServer& server, const std::string& extra = {},
                                     mock::ODataVersion version = mock::ODataVersion::v2) {
    return server.connection_string(version) + ";" + extra;
}

/// Waits until the request log has an entry for every request the server
/// has read. A reset fault closes the connection before the server logs the
/// request, so the client can see the failure first.
inline void wait_for_request_log(mock::MockKineticServer& server) {
    // NOTE: bounded so a lost entry fails the caller's assertion instead of
    // hanging; the limit is not a timing assertion.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (server.request_log().size() < server.counters().requests &&
           std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

/// Returns the number of logged requests with this method whose path
/// contains `path_part`.
inline std::size_t count_requests(mock::MockKineticServer& server, const std::string& method,
                                  const std::string& path_part) {
    wait_for_request_log(server);
    const auto entries = server.request_log().entries();
    return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [&](const auto& entry) {
        return entry.method == method && entry.path.find(path_part) != std::string::npos;
    }));
}

/// Returns a TCP port on 127.0.0.1 that nothing listens on at the time of
/// the call: the kernel picks it for a socket that is then closed.
inline int unused_loopback_port() {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket_fd < 0) {
        throw std::runtime_error("socket() failed while looking for a free port");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(socket_fd);
        throw std::runtime_error("bind() failed while looking for a free port");
    }
    ::close(socket_fd);
    return ntohs(address.sin_port);
}

/// Decodes %XX escapes and `+` in a query string.
inline std::string percent_decode(std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            decoded += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else if (text[i] == '+') {
            decoded += ' ';
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

/// Returns the decoded value of query parameter `name` in a raw query
/// string, or "" when it is absent.
inline std::string query_parameter(std::string_view query, std::string_view name) {
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const std::string_view pair = query.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && percent_decode(pair.substr(0, equals)) == name) {
            return percent_decode(pair.substr(equals + 1));
        }
        start = end + 1;
    }
    return {};
}

/// A directory under the system temporary directory, removed with its
/// contents by the destructor.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "epicor-resilience-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// Returns the whole content of a file, or "" when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

/// The waits a retry policy asked for, recorded instead of slept.
class RecordedWaits {
public:
    void record(std::chrono::milliseconds delay) {
        std::lock_guard lock(mutex_);
        waits_.push_back(delay);
    }
    std::vector<std::chrono::milliseconds> waits() const {
        std::lock_guard lock(mutex_);
        return waits_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::chrono::milliseconds> waits_;
};

/// Returns a retry policy without jitter, so delays are exact, that records
/// its waits in `waits` instead of sleeping. `waits` must outlive the policy.
inline epicor::RetryPolicy recording_policy(RecordedWaits& waits, int max_attempts = 4) {
    epicor::RetryPolicy policy;
    policy.max_attempts = max_attempts;
    policy.jitter = 0.0;
    policy.sleep = [&waits](std::chrono::milliseconds delay) { waits.record(delay); };
    return policy;
}

/// The library's own transport stack, libcurl under the retry layer, as
/// connect() builds it, but with `policy` in place of the one the
/// connection string selects.
inline std::shared_ptr<epicor::Transport> retrying_stack(epicor::RetryPolicy policy,
                                                         epicor::CurlTransportOptions options = {}) {
    auto curl = std::make_shared<epicor::CurlTransport>(std::move(options));
    return std::make_shared<epicor::RetryingTransport>(std::move(curl), std::move(policy));
}

/// Connects to `server` through `transport` (see retrying_stack()).
inline epicor::Connection connect_through(const mock::MockKineticServer& server,
                                          std::shared_ptr<epicor::Transport> transport,
                                          const std::string& extra = {}) {
    epicor::ConnectOptions options;
    options.transport = std::move(transport);
    return epicor::connect(connection_string(server, extra), std::move(options));
}

/// Runs `action` and returns the message of the epicor::Error it throws, or
/// "" when it does not throw.
template <typename Action>
std::string error_message_of(Action&& action) {
    try {
        action();
    } catch (const epicor::Error& error) {
        return error.what();
    }
    return {};
}

/// What a full scan of a query delivered.
struct ScanResult {
    std::size_t rows = 0;
    std::uint64_t pages = 0;  ///< Page requests the ResultSet sent, retries not counted.
};

/// Reads every row of a query on Customers.
inline ScanResult scan_customers(const epicor::Connection& connection) {
    auto rows = connection.service(kCustomerService).entity_set("Customers").query().execute();
    ScanResult result;
    while (rows.next()) {
        ++result.rows;
    }
    result.pages = rows.pages_fetched();
    return result;
}

/// Returns the logged requests with this method whose path contains
/// `path_part`, oldest first.
inline std::vector<mock::LoggedRequest> requests_to(mock::MockKineticServer& server, const std::string& method,
                                                    const std::string& path_part) {
    wait_for_request_log(server);
    std::vector<mock::LoggedRequest> found;
    for (auto& entry : server.request_log().entries()) {
        if (entry.method == method && entry.path.find(path_part) != std::string::npos) {
            found.push_back(std::move(entry));
        }
    }
    return found;
}

}  // namespace resilience_test
