#pragma once

/// \file
/// The libcurl implementation of epicor::Transport: a pool of reused easy
/// handles (one keep-alive connection per concurrent request), gzip and
/// deflate, TLS trust and proxy settings, and timeouts.

#include <epicor/export.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace epicor {

/// Settings of a CurlTransport. The names in brackets are the connection
/// properties that feed them.
struct CurlTransportOptions {
    /// Limit for a whole request, connect to last body byte (`Timeout`).
    /// Zero means no limit. HttpRequest::timeout overrides it per request.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    /// Limit for DNS, TCP and TLS setup. Zero means libcurl's default (300 s).
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};

    /// A transfer slower than low_speed_limit bytes per second for
    /// low_speed_time ends with TimeoutError, so a server that stalls after
    /// the headers or trickles forever cannot hold a request when `timeout`
    /// is zero. The time counts from the start of the request, so it must be
    /// longer than the slowest query the server needs before its first byte.
    /// A zero low_speed_time disables the check.
    long low_speed_limit = 100;
    std::chrono::seconds low_speed_time{300};

    /// Certificate(s) to trust for https (`SSLServerCert`): a path to a PEM
    /// file, or PEM text starting with "-----BEGIN" (after optional
    /// whitespace). Empty means the system trust store.
    std::string ssl_server_cert;
    /// Skips certificate and host name checks. Anyone on the network path
    /// can then read and change the traffic, credentials included; a warning
    /// is logged once per transport.
    bool insecure_skip_tls_verify = false;

    /// Proxy URL such as "http://proxy.example:3128" (`ProxyServer`); empty
    /// means no proxy unless libcurl's environment variables set one.
    std::string proxy;
    long proxy_port = 0;             ///< `ProxyPort`; 0 keeps the URL's port.
    std::string proxy_user;          ///< `ProxyUser`.
    std::string proxy_password;      ///< `ProxyPassword`; wiped when the transport is destroyed.
    std::string no_proxy;            ///< `ProxyExceptions`: comma-separated hosts that bypass the proxy.

    /// User-Agent header; empty means default_user_agent().
    std::string user_agent;
    /// Maximum simultaneous requests. A request beyond it waits for a handle.
    /// Zero means no limit.
    std::size_t max_connections = 16;
    /// Largest response body accepted, after decompression. A bigger body
    /// ends the request with TransportError. Zero means no limit.
    /// curl_transport_options() sets it from the MaxResponseSize property.
    std::uint64_t max_response_bytes = 512ULL * 1024 * 1024;

    /// Logger for requests (level 2), redacted headers and bodies (3) and
    /// libcurl's connection and TLS messages (4). Null means default_logger().
    std::shared_ptr<Logger> logger;
    /// Checked while a transfer runs (a few times a second); returning true
    /// aborts it with CancelledError.
    std::function<bool()> is_cancelled;
};

/// Returns "epicor-cpp/VERSION (libcurl/X.Y.Z)".
EPICOR_API std::string default_user_agent();

/// Sends requests with libcurl. Safe to use from many threads at once: each
/// request borrows an easy handle from a pool and returns it afterwards, so
/// sequential requests on a thread reuse one keep-alive connection. Between
/// requests a handle is reset and only the transport's own settings are
/// applied again, so no method, body or header carries over.
class EPICOR_API CurlTransport : public Transport {
public:
    /// Initializes libcurl once per process. Throws ConfigError naming
    /// `SSLServerCert` when it is neither a readable file nor PEM text, and
    /// TransportError when libcurl cannot initialise. A malformed proxy URL
    /// is only detected when a request is sent.
    explicit CurlTransport(CurlTransportOptions options = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    /// Sends `request` and returns the response, error statuses included.
    /// Supports HEAD, GET, POST, PUT, PATCH and DELETE, each with a body (a
    /// HEAD body is not sent). Redirects are not followed. Throws Error for
    /// another method or a header name or value with a line break.
    /// Throws TimeoutError when `timeout` or the low-speed limit ends the
    /// request, and CancelledError when options.is_cancelled returned true.
    /// Every other failure (DNS, connect, TLS, reset, oversized body) throws
    /// TransportError. Its message carries libcurl's error text and the URL
    /// with secrets removed, and a certificate failure names `SSLServerCert`.
    HttpResponse send(const HttpRequest& request) override;

    /// Returns the number of idle easy handles in the pool (for tests and
    /// diagnostics).
    std::size_t idle_handles() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace epicor
