#include "http/curl_response.hpp"

#include <epicor/error.hpp>

#include <string_view>

namespace epicor::detail {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    return text;
}

// Removes every occurrence of `secret` from `text`, so libcurl's error text
// can never echo a proxy password.
std::string scrub(std::string text, const std::string& secret) {
    if (secret.empty()) {
        return text;
    }
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "***");
    }
    return text;
}

std::string advice_for(CURLcode code, const CurlTransportOptions& options) {
    switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return " The server's TLS certificate is not trusted. If it is self-signed or issued by a "
               "private CA, set SSLServerCert to the path of its PEM file or to the PEM text.";
    case CURLE_SSL_CONNECT_ERROR:
        return " The TLS handshake failed; check that the URL's port serves https and that "
               "SSLServerCert, if set, holds the right certificate.";
    case CURLE_COULDNT_RESOLVE_HOST:
        return " Check the host name in URL.";
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return options.proxy.empty() ? " Check URL and that the server is running and reachable."
                                     : " Check URL, ProxyServer and ProxyPort.";
    case CURLE_UNSUPPORTED_PROTOCOL:
        return " URL must start with http:// or https://.";
    case CURLE_URL_MALFORMAT:
        return " Check the URL.";
    default:
        return "";
    }
}

}  // namespace

ResponseCollector::ResponseCollector(std::uint64_t max_body_bytes, std::function<bool()> is_cancelled)
    : max_body_bytes_(max_body_bytes), is_cancelled_(std::move(is_cancelled)) {}

void ResponseCollector::install(CURL* curl) {
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &ResponseCollector::on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &ResponseCollector::on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
    if (is_cancelled_) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &ResponseCollector::on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }
}

HttpResponse ResponseCollector::take_response(int status) {
    HttpResponse response;
    response.status = status;
    response.reason = std::move(reason_);
    response.headers = std::move(headers_);
    response.body = std::move(body_);
    return response;
}

std::size_t ResponseCollector::on_header(char* data, std::size_t size, std::size_t count, void* self) {
    auto* collector = static_cast<ResponseCollector*>(self);
    const std::size_t length = size * count;
    const std::string_view line(data, length);
    try {
        if (line.rfind("HTTP/", 0) == 0) {
            // A new status line starts a new header block (after 100 Continue
            // or a redirect), so only the final response's headers remain.
            collector->headers_ = HttpHeaders();
            collector->reason_.clear();
            const std::size_t first_space = line.find(' ');
            const std::size_t second_space =
                first_space == std::string_view::npos ? std::string_view::npos : line.find(' ', first_space + 1);
            if (second_space != std::string_view::npos) {
                collector->reason_ = std::string(trim(line.substr(second_space + 1)));
            }
            return length;
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            collector->headers_.add(std::string(trim(line.substr(0, colon))),
                                    std::string(trim(line.substr(colon + 1))));
        }
        return length;
    } catch (...) {
        return 0;  // Out of memory: abort the transfer.
    }
}

std::size_t ResponseCollector::on_body(char* data, std::size_t size, std::size_t count, void* self) {
    auto* collector = static_cast<ResponseCollector*>(self);
    const std::size_t length = size * count;
    if (collector->max_body_bytes_ > 0 &&
        collector->body_.size() + length > collector->max_body_bytes_) {
        collector->body_too_large_ = true;
        return 0;
    }
    try {
        collector->body_.append(data, length);
    } catch (...) {
        return 0;
    }
    return length;
}

int ResponseCollector::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* collector = static_cast<ResponseCollector*>(self);
    try {
        if (collector->is_cancelled_()) {
            collector->cancelled_ = true;
            return 1;
        }
    } catch (...) {
        collector->cancelled_ = true;
        return 1;
    }
    return 0;
}

void throw_transfer_error(CURLcode code, const char* error_text, const ResponseCollector& collector,
                          const std::string& method, const std::string& safe_url,
                          const CurlTransportOptions& options, std::chrono::milliseconds timeout) {
    const int curl_code = static_cast<int>(code);
    if (collector.cancelled() || code == CURLE_ABORTED_BY_CALLBACK) {
        throw CancelledError("The HTTP request " + method + " " + safe_url + " was cancelled.");
    }
    if (collector.body_too_large() || code == CURLE_FILESIZE_EXCEEDED) {
        throw TransportError("The response to " + method + " " + safe_url + " is larger than the limit of " +
                                 std::to_string(options.max_response_bytes) +
                                 " bytes; request fewer rows or columns, or raise max_response_bytes.",
                             curl_code, safe_url);
    }

    std::string detail = error_text != nullptr && error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    detail = scrub(std::move(detail), options.proxy_password);

    if (code == CURLE_OPERATION_TIMEDOUT) {
        std::string message = method + " " + safe_url + " timed out: " + detail + " (curl code " +
                              std::to_string(curl_code) + ").";
        if (timeout.count() > 0) {
            message += " The limit is " + std::to_string(timeout.count()) +
                       " ms (Timeout); raise it for slow queries.";
        }
        if (options.low_speed_time.count() > 0) {
            message += " A transfer slower than " + std::to_string(options.low_speed_limit) +
                       " bytes/s for " + std::to_string(options.low_speed_time.count()) +
                       " s is also ended.";
        }
        throw TimeoutError(message, curl_code, safe_url);
    }
    throw TransportError(method + " " + safe_url + " failed: " + detail + " (curl code " +
                             std::to_string(curl_code) + ")." + advice_for(code, options),
                         curl_code, safe_url);
}

}  // namespace epicor::detail
