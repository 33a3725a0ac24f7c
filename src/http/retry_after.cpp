#include <epicor/retry_policy.hpp>

#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace epicor {
namespace {

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

int month_index(std::string_view name) noexcept {
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (name == months[i]) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

// Splits on spaces and the characters in `extra`; empty fields are dropped.
std::array<std::string_view, 8> split_fields(std::string_view text, std::string_view extra, std::size_t& count) {
    std::array<std::string_view, 8> fields{};
    count = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool separator = i == text.size() || text[i] == ' ' || extra.find(text[i]) != std::string_view::npos;
        if (!separator) {
            continue;
        }
        if (i > start) {
            if (count == fields.size()) {
                count = fields.size() + 1;  // Too many fields: not a date.
                return fields;
            }
            fields[count++] = text.substr(start, i - start);
        }
        start = i + 1;
    }
    return fields;
}

bool parse_number(std::string_view text, std::int64_t max, std::int64_t& value) noexcept {
    if (text.empty() || text.size() > 18) {
        return false;
    }
    value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    return value <= max;
}

// Parses the three HTTP-date forms of RFC 9110 section 5.6.7:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"
//   asctime      "Sun Nov  6 08:49:37 1994"
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) noexcept {
    std::size_t count = 0;
    const auto fields = split_fields(text, ",-:", count);
    std::string_view day_text;
    std::string_view month_text;
    std::string_view year_text;
    std::string_view hour_text;
    std::string_view minute_text;
    std::string_view second_text;
    if (count == 8 && fields[7] == "GMT") {
        day_text = fields[1];
        month_text = fields[2];
        year_text = fields[3];
        hour_text = fields[4];
        minute_text = fields[5];
        second_text = fields[6];
    } else if (count == 7) {
        month_text = fields[1];
        day_text = fields[2];
        hour_text = fields[3];
        minute_text = fields[4];
        second_text = fields[5];
        year_text = fields[6];
    } else {
        return std::nullopt;
    }

    std::int64_t day = 0;
    std::int64_t year = 0;
    std::int64_t hour = 0;
    std::int64_t minute = 0;
    std::int64_t second = 0;
    const int month = month_index(month_text);
    if (month == 0 || !parse_number(day_text, 31, day) || day == 0 || !parse_number(year_text, 9999, year) ||
        !parse_number(hour_text, 23, hour) || !parse_number(minute_text, 59, minute) ||
        !parse_number(second_text, 60, second)) {
        return std::nullopt;
    }
    if (year_text.size() == 2) {
        // RFC 850 two-digit year: a fixed pivot at 70 replaces RFC 9110's
        // "more than 50 years ahead means the past century" rule.
        year += year < 70 ? 2000 : 1900;
    }
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
    // libstdc++'s system_clock counts 64-bit nanoseconds, which covers only
    // the years 1678 to 2262. A date outside is held at the clock's limit
    // instead of overflowing into the opposite sign.
    using clock = std::chrono::system_clock;
    constexpr auto max_seconds = std::chrono::duration_cast<std::chrono::seconds>(clock::duration::max()).count();
    constexpr auto min_seconds = std::chrono::duration_cast<std::chrono::seconds>(clock::duration::min()).count();
    if (seconds >= max_seconds) {
        return clock::time_point::max();
    }
    if (seconds <= min_seconds) {
        return clock::time_point::min();
    }
    return clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) noexcept {
    value = trim(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::isdigit(static_cast<unsigned char>(value.front())) != 0) {
        std::int64_t seconds = 0;
        // A delay of more than a year is treated as invalid. The policy caps
        // shorter ones at max_delay.
        if (!parse_number(value, 366LL * 24 * 3600, seconds)) {
            return std::nullopt;
        }
        return std::chrono::milliseconds(seconds * 1000);
    }
    const auto date = parse_http_date(value);
    if (!date) {
        return std::nullopt;
    }
    if (*date <= now) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
}

}  // namespace epicor
