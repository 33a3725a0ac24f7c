#include "config/value_parsing.hpp"

#include "config/text.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace epicor::config {
namespace {

std::string range_text(std::int64_t min_value, std::int64_t max_value, std::string_view unit) {
    std::string text = "a whole number from " + std::to_string(min_value) + " to " + std::to_string(max_value);
    if (!unit.empty()) {
        text += " ";
        text += unit;
    }
    return text;
}

bool is_hex_digit(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Parses a dotted IPv4 address starting with 127.
bool is_ipv4_loopback(std::string_view host) {
    int parts = 0;
    std::size_t start = 0;
    while (start <= host.size()) {
        const std::size_t dot = std::min(host.find('.', start), host.size());
        const std::string_view part = host.substr(start, dot - start);
        if (part.empty() || part.size() > 3) {
            return false;
        }
        int value = 0;
        for (const char c : part) {
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        if (value > 255 || (parts == 0 && value != 127)) {
            return false;
        }
        ++parts;
        start = dot + 1;
    }
    return parts == 4;
}

bool is_host_character(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

}  // namespace

Parsed<bool> parse_boolean(std::string_view text) {
    static constexpr std::array<std::string_view, 4> kTrue{"true", "yes", "on", "1"};
    static constexpr std::array<std::string_view, 4> kFalse{"false", "no", "off", "0"};
    for (const auto word : kTrue) {
        if (equals_ignore_case(text, word)) {
            return true;
        }
    }
    for (const auto word : kFalse) {
        if (equals_ignore_case(text, word)) {
            return false;
        }
    }
    return std::string("expected true or false (also yes/no, on/off, 1/0)");
}

Parsed<std::int64_t> parse_integer(std::string_view text, std::int64_t min_value,
                                   std::int64_t max_value, std::string_view unit) {
    const std::string expected = "expected " + range_text(min_value, max_value, unit);
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    if (i == text.size()) {
        return expected;
    }

    // Accumulate as a negative number so INT64_MIN fits, and stop at overflow.
    std::int64_t value = 0;
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return expected;
        }
        const int digit = c - '0';
        if (value < (kMin + digit) / 10) {
            return expected + " (the value is out of range)";
        }
        value = value * 10 - digit;
    }
    if (!negative) {
        if (value == kMin) {
            return expected + " (the value is out of range)";
        }
        value = -value;
    }
    if (value < min_value || value > max_value) {
        return expected + " (the value is out of range)";
    }
    return value;
}

Parsed<std::int64_t> parse_byte_size(std::string_view text, std::int64_t min_value,
                                     std::int64_t max_value) {
    struct Suffix {
        std::string_view name;
        std::int64_t factor;
    };
    static constexpr std::array<Suffix, 4> kSuffixes{
        Suffix{"GB", 1024LL * 1024 * 1024}, Suffix{"MB", 1024LL * 1024}, Suffix{"KB", 1024}, Suffix{"B", 1}};

    const std::string expected = "expected a size from " + format_byte_size(min_value) + " to " +
                                 format_byte_size(max_value) +
                                 ", in bytes or with a KB, MB or GB suffix, e.g. 100 MB";
    std::string_view number = text;
    std::int64_t factor = 1;
    for (const auto& suffix : kSuffixes) {
        if (number.size() > suffix.name.size() &&
            equals_ignore_case(number.substr(number.size() - suffix.name.size()), suffix.name)) {
            number = trim(number.substr(0, number.size() - suffix.name.size()));
            factor = suffix.factor;
            break;
        }
    }

    const auto parsed = parse_integer(number, 0, std::numeric_limits<std::int64_t>::max());
    if (std::holds_alternative<std::string>(parsed)) {
        return expected;
    }
    const std::int64_t count = std::get<std::int64_t>(parsed);
    if (count > max_value / factor) {
        return expected;
    }
    const std::int64_t bytes = count * factor;
    if (bytes < min_value) {
        return expected;
    }
    return bytes;
}

std::string format_byte_size(std::int64_t bytes) {
    constexpr std::int64_t kKiB = 1024;
    if (bytes != 0 && bytes % (kKiB * kKiB * kKiB) == 0) {
        return std::to_string(bytes / (kKiB * kKiB * kKiB)) + " GB";
    }
    if (bytes != 0 && bytes % (kKiB * kKiB) == 0) {
        return std::to_string(bytes / (kKiB * kKiB)) + " MB";
    }
    if (bytes != 0 && bytes % kKiB == 0) {
        return std::to_string(bytes / kKiB) + " KB";
    }
    return std::to_string(bytes);
}

Parsed<UrlParts> parse_http_url(std::string_view text, bool allow_query) {
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::string("expected an absolute URL such as https://acme.epicorsaas.com");
    }
    UrlParts parts;
    parts.scheme = to_lower_ascii(text.substr(0, scheme_end));
    if (parts.scheme != "http" && parts.scheme != "https") {
        return std::string("expected an http:// or https:// URL");
    }
    for (const char c : text) {
        if (is_ascii_space(c) || is_control(c)) {
            return std::string("the URL contains whitespace or a control character; "
                               "percent-encode a space as %20");
        }
    }
    if (text.find('#') != std::string_view::npos) {
        return std::string("the URL contains a fragment ('#...'); remove it");
    }
    if (!allow_query && text.find('?') != std::string_view::npos) {
        return std::string("the URL contains a query ('?...'); remove it and set the instance "
                           "with ERPInstance and the company with Company");
    }

    const std::string_view rest = text.substr(scheme_end + 3);
    const std::string_view authority = rest.substr(0, std::min(rest.find_first_of("/?"), rest.size()));
    if (authority.find('@') != std::string_view::npos) {
        return std::string("the URL contains user information ('user:password@'); remove it and "
                           "set User and Password instead");
    }

    std::string_view host = authority;
    std::string_view port;
    bool has_port = false;
    if (!host.empty() && host.front() == '[') {
        const std::size_t close = host.find(']');
        if (close == std::string_view::npos) {
            return std::string("the IPv6 address in the URL has no closing ']'");
        }
        if (close + 1 < host.size()) {
            if (host[close + 1] != ':') {
                return std::string("unexpected text after the IPv6 address in the URL");
            }
            port = host.substr(close + 2);
            has_port = true;
        }
        host = host.substr(1, close - 1);
        for (const char c : host) {
            if (!is_hex_digit(c) && c != ':' && c != '.') {
                return std::string("the IPv6 address in the URL is invalid");
            }
        }
    } else {
        const std::size_t colon = host.rfind(':');
        if (colon != std::string_view::npos) {
            port = host.substr(colon + 1);
            host = host.substr(0, colon);
            has_port = true;
        }
        for (const char c : host) {
            if (!is_host_character(c)) {
                return std::string("the host name in the URL contains an invalid character; write an "
                                   "internationalized name in its xn-- (punycode) form");
            }
        }
    }
    if (host.empty()) {
        return std::string("the URL has no host; write it as https://host[:port][/path]");
    }
    const bool port_is_digits = !port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos;
    if (has_port && (!port_is_digits || std::holds_alternative<std::string>(parse_integer(port, 1, 65535)))) {
        return std::string("the port in the URL must be a number from 1 to 65535");
    }
    parts.host = to_lower_ascii(host);
    return parts;
}

bool is_loopback_host(std::string_view host) {
    const std::string lowered = to_lower_ascii(host);
    std::string_view name = lowered;
    // A trailing dot marks a fully qualified name, so "localhost." is "localhost".
    if (name.size() > 1 && name.back() == '.') {
        name.remove_suffix(1);
    }
    if (name == "localhost" || name == "::1" ||
        (name.size() > 10 && name.substr(name.size() - 10) == ".localhost")) {
        return true;
    }
    return is_ipv4_loopback(name);
}

bool is_guid(std::string_view text) {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
        text = text.substr(1, 36);
    }
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? text[i] != '-' : !is_hex_digit(text[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace epicor::config
