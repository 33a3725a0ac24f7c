// Feeds arbitrary bytes to the error-body reader, which must never throw:
// the first byte picks the content type, the rest is the body.

#include "odata/error_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::string_view content_types[] = {
        "application/json", "text/html; charset=utf-8", "text/plain", "application/xml", "",
    };
    if (size == 0) {
        return 0;
    }
    const auto content_type = content_types[data[0] % std::size(content_types)];
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto info = epicor::odata::read_error_body(500, "Internal Server Error", content_type, body);
    if (info.error_message.size() > 503) {
        __builtin_trap();  // messages are capped at 500 bytes plus "..."
    }
    return 0;
}
