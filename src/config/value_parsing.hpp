#pragma once

// Parsers for the typed values of connection properties. Each returns the
// value, or an error text that describes what is allowed and never repeats
// the input, so callers can use it for sensitive properties as well.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace epicor::config {

/// A parsed value or the reason the text was rejected.
template <typename T>
using Parsed = std::variant<T, std::string>;

/// Parses true/false, yes/no, on/off or 1/0, case-insensitive.
Parsed<bool> parse_boolean(std::string_view text);

/// Parses an optionally signed decimal integer within [min_value, max_value].
/// `unit` (e.g. "seconds") is named in the error text when not empty.
Parsed<std::int64_t> parse_integer(std::string_view text, std::int64_t min_value,
                                   std::int64_t max_value, std::string_view unit = {});

/// Parses a byte count with an optional KB, MB or GB suffix (powers of 1024,
/// case-insensitive, space before the suffix allowed) within the range.
Parsed<std::int64_t> parse_byte_size(std::string_view text, std::int64_t min_value,
                                     std::int64_t max_value);

/// Formats a byte count with the largest suffix that divides it exactly.
std::string format_byte_size(std::int64_t bytes);

/// The parts of an http or https URL that the checks need.
struct UrlParts {
    std::string scheme;  ///< Lower-cased: "http" or "https".
    std::string host;    ///< Without brackets for IPv6 literals.
};

/// Checks that `text` is an absolute http or https URL with a host, an
/// optional port and path, no user information, and no fragment. A query is
/// rejected too unless `allow_query` is true.
Parsed<UrlParts> parse_http_url(std::string_view text, bool allow_query);

/// True for `localhost` (and names under it), 127.0.0.0/8 and ::1. A
/// trailing dot (`localhost.`) is ignored.
bool is_loopback_host(std::string_view host);

/// True for a GUID written as 8-4-4-4-12 hexadecimal digits, optionally in braces.
bool is_guid(std::string_view text);

}  // namespace epicor::config
