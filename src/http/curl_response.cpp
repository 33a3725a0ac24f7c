#include "http/curl_response.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace epicor::detail {
namespace {

// Bound on the buffer reserved from a Content-Length before the body arrives.
constexpr std::uint64_t kMaxInitialReserve = 16ULL * 1024 * 1024;

bool equals_ignoring_case(std::string_view left, std::string_view right) {
    if (left.size() != right.size()) {
        return false;
    }
    for (std::size_t i = 0; i < left.size(); ++i) {
        const auto a = static_cast<unsigned char>(left[i]);
        const auto b = static_cast<unsigned char>(right[i]);
        if (std::tolower(a) != std::tolower(b)) {
            return false;
        }
    }
    return true;
}

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
    case CURLE_URL_MALFORMAT:
        return " Check the URL.";
    default:
        return "";
    }
}

// Advice for failures whose libcurl text misleads: a reply that is not HTTP,
// an oversized header, or an empty reply from an https port.
std::string response_advice(CURLcode code, std::string_view detail, std::string_view url,
                            const ResponseCollector& collector) {
    const bool plain_http = url.rfind("http://", 0) == 0;
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
        // libcurl 7.88 reports a reply without an HTTP status line as
        // "Received HTTP/0.9 when not allowed" with this code.
        if (detail.find("HTTP/0.9") != std::string_view::npos) {
            return " The server did not answer with HTTP; check that the host and port in URL are "
                   "those of the Kinetic server.";
        }
        return " URL must start with http:// or https://.";
    case CURLE_WEIRD_SERVER_REPLY:
        return " The server did not answer with valid HTTP; check that the host and port in URL are "
               "those of the Kinetic server.";
    case CURLE_OUT_OF_MEMORY:
        // libcurl also uses this code when one response header exceeds its
        // limit (CURL_MAX_HTTP_HEADER, 100 KB in libcurl 7.88).
        if (!collector.headers_complete()) {
            return " The response headers were too large for libcurl; check that URL points at the "
                   "Kinetic server, or whether a proxy adds large headers.";
        }
        return "";
    case CURLE_GOT_NOTHING:
        if (plain_http) {
            return " The server closed the connection without a reply; is the server expecting https? "
                   "If its port serves TLS, change URL to https://.";
        }
        return "";
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
            collector->content_length_ = 0;
            collector->headers_complete_ = false;
            const std::size_t first_space = line.find(' ');
            const std::size_t second_space =
                first_space == std::string_view::npos ? std::string_view::npos : line.find(' ', first_space + 1);
            if (second_space != std::string_view::npos) {
                collector->reason_ = std::string(trim(line.substr(second_space + 1)));
            }
            return length;
        }
        if (trim(line).empty()) {
            collector->headers_complete_ = true;  // the blank line that ends a header block
            return length;
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            const std::string_view name = trim(line.substr(0, colon));
            const std::string_view value = trim(line.substr(colon + 1));
            if (equals_ignoring_case(name, "Content-Length")) {
                collector->record_content_length(value);
            }
            collector->headers_.add(std::string(name), std::string(value));
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
        collector->reserve_for(length);
        collector->body_.append(data, length);
    } catch (...) {
        return 0;
    }
    return length;
}

void ResponseCollector::record_content_length(std::string_view value) {
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error != std::errc() || end != value.data() + value.size()) {
        return;  // libcurl itself rejects a malformed Content-Length.
    }
    content_length_ = length;
    // Reserving the announced size up front saves the copies of repeated
    // growth. The reserve is bounded, so a false Content-Length (or one over
    // the limit, which libcurl rejects) cannot make every request allocate
    // a large buffer before any byte arrives.
    const std::uint64_t limit = max_body_bytes_ > 0 ? max_body_bytes_ : length;
    const std::uint64_t reserve = std::min({length, limit, kMaxInitialReserve});
    if (reserve > body_.capacity()) {
        body_.reserve(static_cast<std::size_t>(reserve));
    }
}

// std::string doubles its capacity when it grows, so a body just under the
// limit could hold a buffer of twice the limit. The capacity is capped at the
// limit, and at the Content-Length while the body still fits in it.
void ResponseCollector::reserve_for(std::size_t additional) {
    const std::uint64_t needed = static_cast<std::uint64_t>(body_.size()) + additional;
    if (needed <= body_.capacity()) {
        return;
    }
    std::uint64_t target = std::max<std::uint64_t>(needed, static_cast<std::uint64_t>(body_.capacity()) * 2);
    if (content_length_ >= needed) {
        target = std::min(target, content_length_);
    }
    if (max_body_bytes_ > 0) {
        target = std::min(target, max_body_bytes_);
    }
    // libstdc++'s reserve() on a non-empty string still at least doubles the
    // capacity, so the grown buffer is a new string reserved to the exact size.
    std::string grown;
    grown.reserve(static_cast<std::size_t>(std::max(target, needed)));
    grown.append(body_);
    body_.swap(grown);
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
                                 " bytes; request fewer rows or columns (a smaller Pagesize or $select), "
                                 "or raise the MaxResponseSize connection property.",
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
                             std::to_string(curl_code) + ")." + advice_for(code, options) +
                             response_advice(code, detail, safe_url, collector),
                         curl_code, safe_url);
}

}  // namespace epicor::detail
