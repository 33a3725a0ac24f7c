#pragma once

// RAII owners for libcurl objects and the once-per-process global init.

#include <curl/curl.h>

#include <memory>
#include <string>

namespace epicor::detail {

/// Calls curl_global_init once per process, on first use, from any thread.
/// Throws epicor::TransportError when libcurl cannot initialise.
void ensure_curl_initialized();

/// An easy handle with its error buffer, cleaned up on destruction.
class CurlEasy {
public:
    /// Throws epicor::TransportError when libcurl cannot allocate a handle.
    CurlEasy();
    ~CurlEasy();
    CurlEasy(const CurlEasy&) = delete;
    CurlEasy& operator=(const CurlEasy&) = delete;

    CURL* get() const noexcept { return handle_; }
    /// libcurl's message for the last failure (CURLOPT_ERRORBUFFER), or "".
    const char* error_text() const noexcept { return error_; }
    void clear_error_text() noexcept { error_[0] = '\0'; }

private:
    CURL* handle_;
    char error_[CURL_ERROR_SIZE];
};

struct CurlSlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// A header list for CURLOPT_HTTPHEADER.
class CurlHeaderList {
public:
    /// Appends one "Name: value" line. Throws std::bad_alloc when libcurl
    /// cannot allocate it.
    void append(const std::string& line);
    curl_slist* get() const noexcept { return list_.get(); }

private:
    std::unique_ptr<curl_slist, CurlSlistDeleter> list_;
};

}  // namespace epicor::detail
