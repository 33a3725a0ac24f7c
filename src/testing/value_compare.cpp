#include "testing/value_compare.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace epicor::testing::detail {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool is_hex(char c) noexcept {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

struct DecimalParts {
    bool negative = false;
    std::string_view integer;   // Without leading zeros.
    std::string_view fraction;  // Without trailing zeros.
};

DecimalParts split_decimal(std::string_view text) noexcept {
    DecimalParts parts;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        parts.negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const auto point = text.find('.');
    std::string_view integer = text.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);

    while (!integer.empty() && integer.front() == '0') {
        integer.remove_prefix(1);
    }
    while (!fraction.empty() && fraction.back() == '0') {
        fraction.remove_suffix(1);
    }
    parts.integer = integer;
    parts.fraction = fraction;
    if (integer.empty() && fraction.empty()) {
        parts.negative = false;  // -0 equals 0.
    }
    return parts;
}

int compare_magnitudes(const DecimalParts& a, const DecimalParts& b) noexcept {
    if (a.integer.size() != b.integer.size()) {
        return a.integer.size() < b.integer.size() ? -1 : 1;
    }
    if (const int c = a.integer.compare(b.integer); c != 0) {
        return c < 0 ? -1 : 1;
    }
    const std::size_t length = std::max(a.fraction.size(), b.fraction.size());
    for (std::size_t i = 0; i < length; ++i) {
        const char x = i < a.fraction.size() ? a.fraction[i] : '0';
        const char y = i < b.fraction.size() ? b.fraction[i] : '0';
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Reads exactly `count` digits at `pos` into `value`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& value) noexcept {
    if (pos + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (!is_digit(c)) {
            return false;
        }
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) noexcept {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

int sign_of(std::int64_t v) noexcept { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

int compare_strings_ignoring_case(const std::string& a, const std::string& b) noexcept {
    const std::size_t length = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < length; ++i) {
        const int x = std::tolower(static_cast<unsigned char>(a[i]));
        const int y = std::tolower(static_cast<unsigned char>(b[i]));
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

bool is_decimal_text(std::string_view text) noexcept {
    std::size_t pos = 0;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        ++pos;
    }
    const std::size_t integer_start = pos;
    while (pos < text.size() && is_digit(text[pos])) {
        ++pos;
    }
    if (pos == integer_start) {
        return false;
    }
    if (pos == text.size()) {
        return true;
    }
    if (text[pos] != '.') {
        return false;
    }
    ++pos;
    const std::size_t fraction_start = pos;
    while (pos < text.size() && is_digit(text[pos])) {
        ++pos;
    }
    return pos > fraction_start && pos == text.size();
}

int compare_decimal_text(std::string_view left, std::string_view right) noexcept {
    const DecimalParts a = split_decimal(left);
    const DecimalParts b = split_decimal(right);
    if (a.negative != b.negative) {
        return a.negative ? -1 : 1;
    }
    const int magnitude = compare_magnitudes(a, b);
    return a.negative ? -magnitude : magnitude;
}

int compare_instants(const Instant& left, const Instant& right) noexcept {
    if (left.seconds != right.seconds) {
        return sign_of(left.seconds - right.seconds);
    }
    return sign_of(static_cast<std::int64_t>(left.ticks) - right.ticks);
}

std::optional<Instant> parse_instant(std::string_view text) noexcept {
    std::size_t pos = 0;
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
        !expect(text, pos, '-') || !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return std::nullopt;
    }

    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    std::int32_t ticks = 0;
    if (expect(text, pos, 'T')) {
        if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute)) {
            return std::nullopt;
        }
        if (expect(text, pos, ':')) {
            if (!read_digits(text, pos, 2, second)) {
                return std::nullopt;
            }
            if (expect(text, pos, '.')) {
                std::size_t digits = 0;
                while (pos < text.size() && is_digit(text[pos])) {
                    if (digits < 7) {
                        ticks = ticks * 10 + (text[pos] - '0');
                    }
                    ++digits;
                    ++pos;
                }
                if (digits == 0) {
                    return std::nullopt;
                }
                for (std::size_t i = digits; i < 7; ++i) {
                    ticks *= 10;
                }
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return std::nullopt;
        }
    }

    Instant instant;
    std::int64_t offset_seconds = 0;
    if (expect(text, pos, 'Z')) {
        instant.has_offset = true;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool negative = text[pos] == '-';
        ++pos;
        unsigned offset_hours = 0;
        unsigned offset_minutes = 0;
        if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
            !read_digits(text, pos, 2, offset_minutes) || offset_hours > 14 || offset_minutes > 59) {
            return std::nullopt;
        }
        offset_seconds = (static_cast<std::int64_t>(offset_hours) * 60 + offset_minutes) * 60;
        if (negative) {
            offset_seconds = -offset_seconds;
        }
        instant.has_offset = true;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }

    instant.seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
    instant.ticks = ticks;
    return instant;
}

bool is_guid_text(std::string_view text) noexcept {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? text[i] != '-' : !is_hex(text[i])) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> stored_value_problem(const Field& field, const nlohmann::json& value) {
    if (value.is_null()) {
        if (field.nullable) {
            return std::nullopt;
        }
        return std::string("null is not allowed because the field is not nullable");
    }

    switch (field.type) {
    case FieldType::String:
        if (!value.is_string()) {
            return std::string("expected a string");
        }
        if (field.max_length && value.get_ref<const std::string&>().size() > *field.max_length) {
            return "the string is longer than the maximum length " + std::to_string(*field.max_length);
        }
        return std::nullopt;
    case FieldType::Int32:
        if (!value.is_number_integer()) {
            return std::string("expected an integer");
        }
        if (value.is_number_unsigned() ? value.get<std::uint64_t>() > 2147483647ULL
                                       : (value.get<std::int64_t>() < -2147483648LL ||
                                          value.get<std::int64_t>() > 2147483647LL)) {
            return std::string("the integer is out of the Int32 range");
        }
        return std::nullopt;
    case FieldType::Int64:
        if (!value.is_number_integer() ||
            (value.is_number_unsigned() && value.get<std::uint64_t>() > 9223372036854775807ULL)) {
            return std::string("expected an Int64 integer");
        }
        return std::nullopt;
    case FieldType::Decimal:
        if (!value.is_string() || !is_decimal_text(value.get_ref<const std::string&>())) {
            return std::string("expected a decimal number such as 12.50");
        }
        return std::nullopt;
    case FieldType::Double:
        if (!value.is_number()) {
            return std::string("expected a number");
        }
        return std::nullopt;
    case FieldType::Boolean:
        if (!value.is_boolean()) {
            return std::string("expected true or false");
        }
        return std::nullopt;
    case FieldType::DateTime: {
        if (!value.is_string()) {
            return std::string("expected a date such as 2025-01-31T00:00:00");
        }
        const auto instant = parse_instant(value.get_ref<const std::string&>());
        if (!instant || instant->has_offset) {
            return std::string("expected a date without offset such as 2025-01-31T00:00:00");
        }
        return std::nullopt;
    }
    case FieldType::DateTimeOffset: {
        if (!value.is_string()) {
            return std::string("expected a date with offset such as 2025-01-31T00:00:00+02:00");
        }
        const auto instant = parse_instant(value.get_ref<const std::string&>());
        if (!instant || !instant->has_offset) {
            return std::string("expected a date with offset such as 2025-01-31T00:00:00+02:00");
        }
        return std::nullopt;
    }
    case FieldType::Guid:
        if (!value.is_string() || !is_guid_text(value.get_ref<const std::string&>())) {
            return std::string("expected a GUID such as 00000000-0000-0000-0000-000000000000");
        }
        return std::nullopt;
    }
    return std::string("unknown field type");
}

int compare_stored(const Field& field, const nlohmann::json& left, const nlohmann::json& right) {
    if (left.is_null() || right.is_null()) {
        return (left.is_null() ? 0 : 1) - (right.is_null() ? 0 : 1);
    }

    switch (field.type) {
    case FieldType::String: {
        const int c = left.get_ref<const std::string&>().compare(right.get_ref<const std::string&>());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case FieldType::Int32:
    case FieldType::Int64:
    case FieldType::Double:
    case FieldType::Boolean:
        return left < right ? -1 : (right < left ? 1 : 0);
    case FieldType::Decimal:
        return compare_decimal_text(left.get_ref<const std::string&>(), right.get_ref<const std::string&>());
    case FieldType::DateTime:
    case FieldType::DateTimeOffset: {
        const auto a = parse_instant(left.get_ref<const std::string&>());
        const auto b = parse_instant(right.get_ref<const std::string&>());
        if (!a || !b) {
            return left.get_ref<const std::string&>().compare(right.get_ref<const std::string&>());
        }
        return compare_instants(*a, *b);
    }
    case FieldType::Guid:
        return compare_strings_ignoring_case(left.get_ref<const std::string&>(),
                                             right.get_ref<const std::string&>());
    }
    return 0;
}

std::string random_guid() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed while creating a SysRowID GUID");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // Version 4.
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant.

    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text.push_back('-');
        }
        text.push_back(kHex[bytes[i] >> 4]);
        text.push_back(kHex[bytes[i] & 0x0F]);
    }
    return text;
}

}  // namespace epicor::testing::detail
