#include "odata/excerpt.hpp"

#include <algorithm>

namespace epicor::odata {
namespace {

// Length of the valid UTF-8 sequence starting at `pos`, or 0 when the bytes
// there are not one (overlong forms and surrogates included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) noexcept {
    const auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xbf;
    if (lead < 0x80) {
        return 1;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0) min_second = 0xa0;
        if (lead == 0xed) max_second = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0) min_second = 0x90;
        if (lead == 0xf4) max_second = 0x8f;
    } else {
        return 0;
    }
    if (pos + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        const unsigned char low = i == 1 ? min_second : 0x80;
        const unsigned char high = i == 1 ? max_second : 0xbf;
        if (byte < low || byte > high) {
            return 0;
        }
    }
    return length;
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max_length) {
    std::string result;
    result.reserve(std::min(text.size(), max_length) + 3);
    bool last_was_space = true;  // also drops leading whitespace
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x20 || byte == 0x7f || byte == ' ') {
            if (!last_was_space) {
                if (result.size() + 1 > max_length) break;
                result += ' ';
                last_was_space = true;
            }
            ++pos;
            continue;
        }
        const std::size_t length = utf8_sequence_length(text, pos);
        const std::size_t output_length = length == 0 ? 1 : length;
        if (result.size() + output_length > max_length) {
            break;
        }
        if (length == 0) {
            result += '?';
            ++pos;
        } else {
            result.append(text, pos, length);
            pos += length;
        }
        last_was_space = false;
    }
    while (!result.empty() && result.back() == ' ') {
        result.pop_back();
    }
    if (pos < text.size()) {
        // Only trailing whitespace left means nothing was cut.
        if (text.find_first_not_of(" \t\r\n", pos) != std::string_view::npos) {
            result += "...";
        }
    }
    return result;
}

}  // namespace epicor::odata
