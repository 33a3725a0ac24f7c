#include <epicor/curl_transport.hpp>

#include <epicor/error.hpp>
#include <epicor/version.hpp>

#include "core/redact.hpp"
#include "core/secure_memory.hpp"
#include "http/curl_handle.hpp"
#include "http/curl_response.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <vector>

namespace epicor {
namespace {

constexpr std::string_view pem_prefix = "-----BEGIN";

bool is_supported_method(const std::string& method) {
    return method == "GET" || method == "HEAD" || method == "POST" || method == "PUT" ||
           method == "PATCH" || method == "DELETE";
}

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

long to_long(std::chrono::milliseconds duration) {
    return static_cast<long>(duration.count());
}

// Logs libcurl's own connection and TLS messages at LogLevel::transport.
// Only CURLINFO_TEXT is forwarded: header and data blocks can carry secrets
// and are logged, redacted, by the transport itself.
int log_curl_debug(CURL* /*handle*/, curl_infotype type, char* data, std::size_t size, void* user) {
    if (type != CURLINFO_TEXT) {
        return 0;
    }
    auto* logger = static_cast<Logger*>(user);
    std::string_view text(data, size);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    try {
        logger->write(LogLevel::transport, "curl: " + std::string(text));
    } catch (...) {
        // Logging must not break the transfer.
    }
    return 0;
}

}  // namespace

std::string default_user_agent() {
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    std::string agent = std::string("epicor-cpp/") + version_string;
    if (info != nullptr && info->version != nullptr) {
        agent += std::string(" (libcurl/") + info->version + ")";
    }
    return agent;
}

struct CurlTransport::Impl {
    CurlTransportOptions options;
    std::shared_ptr<Logger> logger;
    std::string user_agent;
    bool ca_is_pem_text = false;

    std::mutex pool_mutex;
    std::condition_variable handle_returned;
    std::vector<std::unique_ptr<detail::CurlEasy>> idle;
    std::size_t in_use = 0;

    explicit Impl(CurlTransportOptions transport_options)
        : options(std::move(transport_options)),
          logger(options.logger ? options.logger : default_logger()),
          user_agent(options.user_agent.empty() ? default_user_agent() : options.user_agent) {
        try {
            check_server_cert();
        } catch (...) {
            detail::secure_wipe(options.proxy_password);  // The destructor will not run.
            throw;
        }
        if (options.insecure_skip_tls_verify) {
            logger->warning(
                "TLS certificate verification is disabled: anyone on the network path can read and "
                "change this connection's traffic, credentials included. Trust the server's "
                "certificate with SSLServerCert instead.");
        }
    }

    ~Impl() { detail::secure_wipe(options.proxy_password); }

    void check_server_cert() {
        const std::string& cert = options.ssl_server_cert;
        if (cert.empty()) {
            return;
        }
        const std::size_t text_start = cert.find_first_not_of(" \t\r\n");
        if (text_start != std::string::npos && cert.compare(text_start, pem_prefix.size(), pem_prefix) == 0) {
#if LIBCURL_VERSION_NUM < 0x074D00
            throw ConfigError("SSLServerCert",
                              "PEM text needs libcurl 7.77 or newer; save the certificate to a file "
                              "and give its path instead.");
#else
            ca_is_pem_text = true;
            return;
#endif
        }
        std::ifstream file(cert);
        if (!file) {
            throw ConfigError("SSLServerCert",
                              "the file '" + cert +
                                  "' cannot be read; give the path of a PEM certificate file, or "
                                  "the PEM text itself starting with -----BEGIN CERTIFICATE-----.");
        }
    }

    std::unique_ptr<detail::CurlEasy> borrow() {
        std::unique_lock<std::mutex> lock(pool_mutex);
        while (options.max_connections != 0 && in_use >= options.max_connections) {
            handle_returned.wait_for(lock, std::chrono::milliseconds(100));
            if (options.is_cancelled && options.is_cancelled()) {
                throw CancelledError("The HTTP request was cancelled while waiting for a free connection.");
            }
        }
        ++in_use;
        if (!idle.empty()) {
            auto handle = std::move(idle.back());
            idle.pop_back();
            return handle;
        }
        lock.unlock();
        try {
            auto handle = std::make_unique<detail::CurlEasy>();
            logger->write(LogLevel::trace, "Created a new libcurl handle for the connection pool.");
            return handle;
        } catch (...) {
            give_back(nullptr);
            throw;
        }
    }

    void give_back(std::unique_ptr<detail::CurlEasy> handle) noexcept {
        {
            std::lock_guard<std::mutex> lock(pool_mutex);
            --in_use;
            if (handle) {
                try {
                    idle.push_back(std::move(handle));
                } catch (...) {
                    // Dropping the handle only costs its connection.
                }
            }
        }
        handle_returned.notify_one();
    }

    void apply_base_options(detail::CurlEasy& easy) {
        CURL* curl = easy.get();
        curl_easy_reset(curl);
        easy.clear_error_text();
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, easy.error_text());
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
        curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        if (options.connect_timeout.count() > 0) {
            curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, to_long(options.connect_timeout));
        }
        if (options.low_speed_time.count() > 0) {
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
        }
        if (options.max_response_bytes > 0) {
            curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                             static_cast<curl_off_t>(std::min<std::uint64_t>(
                                 options.max_response_bytes, static_cast<std::uint64_t>(INT64_MAX))));
        }
        apply_tls_options(curl);
        apply_proxy_options(curl);
        if (logger->enabled(LogLevel::transport)) {
            curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, &log_curl_debug);
            curl_easy_setopt(curl, CURLOPT_DEBUGDATA, logger.get());
            curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
        }
    }

    void apply_tls_options(CURL* curl) {
        // TLS 1.0 and 1.1 are deprecated (RFC 8996), whatever the system's
        // OpenSSL configuration allows.
        curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
        if (ca_is_pem_text) {
#if LIBCURL_VERSION_NUM >= 0x074D00
            curl_blob blob{};
            blob.data = const_cast<char*>(options.ssl_server_cert.data());
            blob.len = options.ssl_server_cert.size();
            blob.flags = CURL_BLOB_COPY;
            curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
#endif
        } else if (!options.ssl_server_cert.empty()) {
            curl_easy_setopt(curl, CURLOPT_CAINFO, options.ssl_server_cert.c_str());
        }
        if (options.insecure_skip_tls_verify) {
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
        }
    }

    void apply_proxy_options(CURL* curl) {
        if (!options.proxy.empty()) {
            curl_easy_setopt(curl, CURLOPT_PROXY, options.proxy.c_str());
            if (options.proxy_port > 0) {
                curl_easy_setopt(curl, CURLOPT_PROXYPORT, options.proxy_port);
            }
            if (!options.proxy_user.empty()) {
                curl_easy_setopt(curl, CURLOPT_PROXYUSERNAME, options.proxy_user.c_str());
                curl_easy_setopt(curl, CURLOPT_PROXYPASSWORD, options.proxy_password.c_str());
            }
        }
        if (!options.no_proxy.empty()) {
            curl_easy_setopt(curl, CURLOPT_NOPROXY, options.no_proxy.c_str());
        }
    }

    HttpResponse send(const HttpRequest& request);
    HttpResponse perform(detail::CurlEasy& easy, const HttpRequest& request);
    void log_request(const HttpRequest& request, const std::string& safe_url) const;
    void log_response(const HttpRequest& request, const HttpResponse& response,
                      const std::string& safe_url, CURL* curl) const;
};

void CurlTransport::Impl::log_request(const HttpRequest& request, const std::string& safe_url) const {
    if (!logger->enabled(LogLevel::content)) {
        return;
    }
    std::string text = "Request headers for " + request.method + " " + safe_url + ":";
    for (const auto& [name, value] : request.headers) {
        text += "\n  " + name + ": " + detail::redact_header_value(name, value);
    }
    logger->write(LogLevel::content, text);
    if (!request.body.empty()) {
        logger->write(LogLevel::content,
                      "Request body: " + detail::redact_body(request.headers.get("Content-Type").value_or(""),
                                                             request.body));
    }
}

void CurlTransport::Impl::log_response(const HttpRequest& request, const HttpResponse& response,
                                       const std::string& safe_url, CURL* curl) const {
    if (logger->enabled(LogLevel::requests)) {
        curl_off_t micros = 0;
        curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &micros);
        logger->write(LogLevel::requests, request.method + " " + safe_url + " -> " +
                                              std::to_string(response.status) + " (" +
                                              std::to_string(response.body.size()) + " bytes, " +
                                              std::to_string(micros / 1000) + " ms)");
    }
    if (logger->enabled(LogLevel::content)) {
        std::string text = "Response headers:";
        for (const auto& [name, value] : response.headers) {
            text += "\n  " + name + ": " + detail::redact_header_value(name, value);
        }
        logger->write(LogLevel::content, text);
        if (!response.body.empty()) {
            logger->write(LogLevel::content,
                          "Response body: " + detail::redact_body(
                                                  response.headers.get("Content-Type").value_or(""),
                                                  response.body));
        }
    }
}

HttpResponse CurlTransport::Impl::send(const HttpRequest& request) {
    if (!is_supported_method(request.method)) {
        throw Error("Unsupported HTTP method '" + request.method +
                    "'; use GET, HEAD, POST, PUT, PATCH or DELETE.");
    }
    for (const auto& [name, value] : request.headers) {
        if (name.empty() || has_line_break(name) || has_line_break(value) ||
            name.find(':') != std::string::npos) {
            throw Error("The HTTP header '" + name +
                        "' has an empty name, a colon in its name, or a line break; remove the "
                        "line break or colon before sending.");
        }
    }

    const std::uint64_t request_id =
        RequestLogScope::current() != 0 ? RequestLogScope::current() : Logger::next_request_id();
    RequestLogScope scope(request_id);

    auto easy = borrow();
    try {
        HttpResponse response = perform(*easy, request);
        give_back(std::move(easy));
        return response;
    } catch (...) {
        give_back(std::move(easy));
        throw;
    }
}

HttpResponse CurlTransport::Impl::perform(detail::CurlEasy& easy, const HttpRequest& request) {
    const std::string safe_url = detail::redact_url(request.url);
    apply_base_options(easy);
    CURL* curl = easy.get();

    detail::ResponseCollector collector(options.max_response_bytes, options.is_cancelled);
    collector.install(curl);

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    const bool has_body = !request.body.empty();
    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
    } else if (request.method == "GET" && !has_body) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (request.method != "HEAD" && (has_body || request.method == "POST")) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    }

    // libcurl sends a request again by itself when a reused connection closes
    // before the first response byte, and does so for a POST too. A request
    // that must not be replayed gets a new connection, which libcurl never
    // retries. The cost is one connection setup per such request.
    if (!request.idempotent || request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    }

    const std::chrono::milliseconds timeout = request.timeout.count() > 0 ? request.timeout : options.timeout;
    if (timeout.count() > 0) {
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, to_long(timeout));
    }

    detail::CurlHeaderList headers;
    for (const auto& [name, value] : request.headers) {
        // "Name;" is libcurl's syntax for a header with an empty value.
        headers.append(value.empty() ? name + ";" : name + ": " + value);
    }
    // No "Expect: 100-continue" round trip before large bodies, and no
    // form Content-Type that libcurl would otherwise add to a POST.
    headers.append("Expect:");
    if ((has_body || request.method == "POST") && !request.headers.contains("Content-Type")) {
        headers.append("Content-Type:");
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    EPICOR_LOG(*logger, LogLevel::requests, request.method + " " + safe_url);
    log_request(request, safe_url);

    const CURLcode result = curl_easy_perform(curl);
    if (result != CURLE_OK) {
        detail::throw_transfer_error(result, easy.error_text(), collector, request.method, safe_url,
                                     options, timeout);
    }

    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    HttpResponse response = collector.take_response(static_cast<int>(status));
    log_response(request, response, safe_url, curl);
    return response;
}

CurlTransport::CurlTransport(CurlTransportOptions options) {
    detail::ensure_curl_initialized();
    impl_ = std::make_unique<Impl>(std::move(options));
}

CurlTransport::~CurlTransport() = default;

HttpResponse CurlTransport::send(const HttpRequest& request) {
    return impl_->send(request);
}

std::size_t CurlTransport::idle_handles() const {
    std::lock_guard<std::mutex> lock(impl_->pool_mutex);
    return impl_->idle.size();
}

}  // namespace epicor
