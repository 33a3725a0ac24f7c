#pragma once

// Small ASCII and UTF-8 text helpers shared by the config layer.

#include <cstddef>
#include <string>
#include <string_view>

namespace epicor::config {

/// Returns `text` with ASCII letters lower-cased; other bytes are kept.
std::string to_lower_ascii(std::string_view text);

/// Compares two strings, ignoring the case of ASCII letters.
bool equals_ignore_case(std::string_view left, std::string_view right) noexcept;

/// True for space, tab, CR, LF, vertical tab and form feed.
bool is_ascii_space(char c) noexcept;

/// True for the C0 control characters and DEL.
bool is_control(char c) noexcept;

/// Returns `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text) noexcept;

/// Returns the offset of the first byte that does not start or continue a
/// valid UTF-8 sequence (overlong forms, surrogates and code points above
/// U+10FFFF are invalid), or std::string_view::npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// Returns the Levenshtein distance between the ASCII-lower-cased forms of
/// `left` and `right`, or any value above `limit` as soon as the distance is
/// known to exceed it. Runs in O(|left| * |right|), so callers bound the
/// lengths.
std::size_t edit_distance_ignore_case(std::string_view left, std::string_view right,
                                      std::size_t limit = static_cast<std::size_t>(-1));

/// Returns `text` cut to at most `max_bytes` bytes at a UTF-8 character
/// boundary, with "..." appended when something was cut.
std::string shorten_for_message(std::string_view text, std::size_t max_bytes = 64);

}  // namespace epicor::config
