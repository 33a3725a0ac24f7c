#include "http/curl_handle.hpp"

#include <epicor/error.hpp>

#include <new>

namespace epicor::detail {

void ensure_curl_initialized() {
    // A function-local static runs its initializer exactly once even when
    // several threads arrive together. curl_global_cleanup is never called:
    // other static destructors may still use libcurl at exit.
    static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (result != CURLE_OK) {
        throw TransportError(std::string("libcurl initialisation failed: ") + curl_easy_strerror(result),
                             static_cast<int>(result), {});
    }
}

CurlEasy::CurlEasy() : handle_(nullptr), error_{} {
    ensure_curl_initialized();
    handle_ = curl_easy_init();
    if (handle_ == nullptr) {
        throw TransportError("libcurl could not create an easy handle (out of memory?)",
                             static_cast<int>(CURLE_OUT_OF_MEMORY), {});
    }
}

CurlEasy::~CurlEasy() {
    curl_easy_cleanup(handle_);
}

void CurlHeaderList::append(const std::string& line) {
    curl_slist* extended = curl_slist_append(list_.get(), line.c_str());
    if (extended == nullptr) {
        throw std::bad_alloc();
    }
    // curl_slist_append returns the same head once the list is non-empty.
    static_cast<void>(list_.release());
    list_.reset(extended);
}

}  // namespace epicor::detail
