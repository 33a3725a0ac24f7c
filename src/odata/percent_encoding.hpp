#pragma once

#include <string>
#include <string_view>

namespace epicor::odata {

/// Percent-encodes every byte of `text` for which `keep` returns false, as
/// `%XX` with upper-case hex digits (RFC 3986 section 2.1).
inline std::string percent_encode(std::string_view text, bool (*keep)(unsigned char) noexcept) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (keep(byte)) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += digits[byte >> 4];
            encoded += digits[byte & 0x0f];
        }
    }
    return encoded;
}

}  // namespace epicor::odata
