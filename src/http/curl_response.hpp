#pragma once

// Collects a libcurl transfer's status line, headers and body into an
// HttpResponse, and turns a failed transfer into the matching exception.

#include <epicor/curl_transport.hpp>
#include <epicor/http.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace epicor::detail {

class ResponseCollector {
public:
    ResponseCollector(std::uint64_t max_body_bytes, std::function<bool()> is_cancelled);

    /// Points the handle's header, write and progress callbacks at this object.
    void install(CURL* curl);

    /// Moves the collected headers and body into a response with `status`.
    HttpResponse take_response(int status);

    bool body_too_large() const noexcept { return body_too_large_; }
    bool cancelled() const noexcept { return cancelled_; }
    /// True once the blank line that ends the final header block arrived.
    bool headers_complete() const noexcept { return headers_complete_; }

private:
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
    static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
    void record_content_length(std::string_view value);
    void reserve_for(std::size_t additional);

    std::uint64_t max_body_bytes_;
    std::function<bool()> is_cancelled_;
    std::string reason_;
    HttpHeaders headers_;
    std::string body_;
    std::uint64_t content_length_ = 0;  // 0 when the response has no Content-Length
    bool headers_complete_ = false;
    bool body_too_large_ = false;
    bool cancelled_ = false;
};

/// Throws the exception for a failed transfer: CancelledError, TimeoutError,
/// or TransportError with libcurl's error text, the method and `safe_url`
/// (already redacted), and the fix for the common causes.
[[noreturn]] void throw_transfer_error(CURLcode code, const char* error_text,
                                       const ResponseCollector& collector, const std::string& method,
                                       const std::string& safe_url, const CurlTransportOptions& options,
                                       std::chrono::milliseconds timeout);

}  // namespace epicor::detail
