#include "client/read_only.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace epicor::detail {
namespace {

bool is_safe_http_method(std::string_view method) {
    static constexpr std::array<std::string_view, 3> safe{"GET", "HEAD", "OPTIONS"};
    return std::any_of(safe.begin(), safe.end(), [method](std::string_view name) {
        return method.size() == name.size() &&
               std::equal(method.begin(), method.end(), name.begin(), [](char a, char b) {
                   return std::toupper(static_cast<unsigned char>(a)) == b;
               });
    });
}

}  // namespace

bool is_read_only_method(std::string_view method) noexcept {
    constexpr std::string_view prefix = "Get";
    if (method.substr(0, prefix.size()) != prefix) {
        return false;
    }
    return method.size() == prefix.size() ||
           std::isupper(static_cast<unsigned char>(method[prefix.size()])) != 0;
}

bool may_change_data(const HttpRequest& request) {
    if (!is_safe_http_method(request.method)) {
        return true;
    }
    // Some OData servers let a POST or GET carry its real method in a header.
    for (const char* header : {"X-HTTP-Method", "X-HTTP-Method-Override"}) {
        const auto value = request.headers.get(header);
        if (value && !is_safe_http_method(*value)) {
            return true;
        }
    }
    return false;
}

void require_writable(const ClientConfig& config, const std::string& operation) {
    if (config.readonly) {
        throw ConfigError("Readonly", operation +
                                          " was rejected because the connection is read-only: "
                                          "remove Readonly=true from the connection string to "
                                          "change data");
    }
}

}  // namespace epicor::detail
