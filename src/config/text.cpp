#include "config/text.hpp"

#include <algorithm>
#include <vector>

namespace epicor::config {
namespace {

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

unsigned char byte_at(std::string_view text, std::size_t i) noexcept {
    return static_cast<unsigned char>(text[i]);
}

bool is_continuation(unsigned char b) noexcept {
    return (b & 0xC0U) == 0x80U;
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        c = lower(c);
    }
    return result;
}

bool equals_ignore_case(std::string_view left, std::string_view right) noexcept {
    if (left.size() != right.size()) {
        return false;
    }
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (lower(left[i]) != lower(right[i])) {
            return false;
        }
    }
    return true;
}

bool is_ascii_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool is_control(char c) noexcept {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20U || b == 0x7FU;
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ascii_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte_at(text, i);
        if (lead < 0x80U) {
            ++i;
            continue;
        }

        // The lead byte fixes the sequence length and the allowed range of
        // the second byte, which rules out overlong forms, surrogates
        // (U+D800..U+DFFF) and code points above U+10FFFF (RFC 3629 section 4).
        std::size_t length = 0;
        unsigned char second_min = 0x80U;
        unsigned char second_max = 0xBFU;
        if (lead >= 0xC2U && lead <= 0xDFU) {
            length = 2;
        } else if (lead >= 0xE0U && lead <= 0xEFU) {
            length = 3;
            if (lead == 0xE0U) {
                second_min = 0xA0U;
            } else if (lead == 0xEDU) {
                second_max = 0x9FU;
            }
        } else if (lead >= 0xF0U && lead <= 0xF4U) {
            length = 4;
            if (lead == 0xF0U) {
                second_min = 0x90U;
            } else if (lead == 0xF4U) {
                second_max = 0x8FU;
            }
        } else {
            return i;
        }

        if (i + 1 >= text.size()) {
            return i;
        }
        const unsigned char second = byte_at(text, i + 1);
        if (second < second_min || second > second_max) {
            return i;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (i + k >= text.size() || !is_continuation(byte_at(text, i + k))) {
                return i;
            }
        }
        i += length;
    }
    return std::string_view::npos;
}

std::size_t edit_distance_ignore_case(std::string_view left, std::string_view right, std::size_t limit) {
    // Two-row dynamic programme over the lower-cased strings.
    std::vector<std::size_t> previous(right.size() + 1);
    std::vector<std::size_t> current(right.size() + 1);
    for (std::size_t j = 0; j <= right.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= left.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= right.size(); ++j) {
            const std::size_t substitution =
                previous[j - 1] + (lower(left[i - 1]) == lower(right[j - 1]) ? 0U : 1U);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        // Row minima never decrease, so once a row exceeds the limit the
        // final distance does too.
        if (*std::min_element(current.begin(), current.end()) > limit) {
            return limit + 1;
        }
        std::swap(previous, current);
    }
    return previous[right.size()];
}

std::string shorten_for_message(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && is_continuation(byte_at(text, cut))) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "...";
}

}  // namespace epicor::config
