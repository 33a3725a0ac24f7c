#include <epicor/date_time.hpp>

#include <epicor/error.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace epicor {
namespace {

constexpr int max_offset_minutes = 14 * 60;
constexpr std::int32_t ticks_per_second = 10'000'000;

bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) {
        return 29;
    }
    return days[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// public-domain days_from_civil algorithm).
std::int64_t days_from_civil(int year, int month, int day) noexcept {
    const int y = month <= 2 ? year - 1 : year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return std::int64_t{era} * 146097 + day_of_era - 719468;
}

// Reads exactly `count` digits at `pos`; returns -1 when they are not all digits.
int read_digits(std::string_view text, std::size_t pos, std::size_t count) noexcept {
    if (pos + count > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

void append_padded(std::string& text, int value, int width) {
    std::string digits = std::to_string(value);
    if (digits.size() < static_cast<std::size_t>(width)) {
        text.append(static_cast<std::size_t>(width) - digits.size(), '0');
    }
    text += digits;
}

// The field check shared by from_fields() and parse(); returns the name of
// the first invalid field, or nullptr.
const char* invalid_field(int year, int month, int day, int hour, int minute, int second,
                          std::int32_t ticks, std::optional<int> offset) noexcept {
    if (year < 1 || year > 9999) return "year (1-9999)";
    if (month < 1 || month > 12) return "month (1-12)";
    if (day < 1 || day > days_in_month(year, month)) return "day (not in that month)";
    if (hour < 0 || hour > 23) return "hour (0-23)";
    if (minute < 0 || minute > 59) return "minute (0-59)";
    if (second < 0 || second > 59) return "second (0-59)";
    if (ticks < 0 || ticks >= ticks_per_second) return "ticks (0-9999999)";
    if (offset && (*offset < -max_offset_minutes || *offset > max_offset_minutes)) {
        return "UTC offset (-14:00 to +14:00)";
    }
    return nullptr;
}

}  // namespace

DateTime DateTime::from_fields(int year, int month, int day, int hour, int minute, int second,
                               std::int32_t ticks, std::optional<int> utc_offset_minutes) {
    if (const char* field =
            invalid_field(year, month, day, hour, minute, second, ticks, utc_offset_minutes)) {
        throw DataError(std::string("invalid date-time field: ") + field + " is out of range");
    }
    DateTime result;
    result.year_ = year;
    result.month_ = month;
    result.day_ = day;
    result.hour_ = hour;
    result.minute_ = minute;
    result.second_ = second;
    result.ticks_ = ticks;
    result.has_offset_ = utc_offset_minutes.has_value();
    result.offset_minutes_ = utc_offset_minutes.value_or(0);
    return result;
}

std::optional<DateTime> DateTime::try_parse(std::string_view text) noexcept {
    DateTime result;
    const int year = read_digits(text, 0, 4);
    const int month = read_digits(text, 5, 2);
    const int day = read_digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    result.year_ = year;
    result.month_ = month;
    result.day_ = day;

    std::size_t pos = 10;
    if (pos == text.size()) {
        result.date_only_ = true;
    } else {
        if (text[pos] != 'T') {
            return std::nullopt;
        }
        result.hour_ = read_digits(text, pos + 1, 2);
        result.minute_ = read_digits(text, pos + 4, 2);
        if (result.hour_ < 0 || result.minute_ < 0 || text[pos + 3] != ':') {
            return std::nullopt;
        }
        pos += 6;

        if (pos < text.size() && text[pos] == ':') {
            result.second_ = read_digits(text, pos + 1, 2);
            if (result.second_ < 0) {
                return std::nullopt;
            }
            pos += 3;

            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                std::int32_t ticks = 0;
                int digits = 0;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    if (++digits > 7) {
                        return std::nullopt;  // finer than 100 ns: reject, never round
                    }
                    ticks = ticks * 10 + (text[pos] - '0');
                    ++pos;
                }
                if (digits == 0) {
                    return std::nullopt;
                }
                for (int i = digits; i < 7; ++i) {
                    ticks *= 10;
                }
                result.ticks_ = ticks;
                result.fraction_digits_ = digits;
            }
        }

        if (pos < text.size()) {
            if (text[pos] == 'Z') {
                result.has_offset_ = true;
                result.offset_is_z_ = true;
                ++pos;
            } else if (text[pos] == '+' || text[pos] == '-') {
                const int hours = read_digits(text, pos + 1, 2);
                const int minutes = read_digits(text, pos + 4, 2);
                if (hours < 0 || minutes < 0 || minutes > 59 || text[pos + 3] != ':') {
                    return std::nullopt;
                }
                const int offset = hours * 60 + minutes;
                result.offset_minutes_ = text[pos] == '-' ? -offset : offset;
                result.has_offset_ = true;
                pos += 6;
            }
        }
        if (pos != text.size()) {
            return std::nullopt;
        }
    }

    if (invalid_field(result.year_, result.month_, result.day_, result.hour_, result.minute_,
                      result.second_, result.ticks_, result.utc_offset_minutes())) {
        return std::nullopt;
    }
    return result;
}

DateTime DateTime::parse(std::string_view text) {
    auto result = try_parse(text);
    if (!result) {
        const std::string shown =
            text.size() > 60 ? std::string(text.substr(0, 60)) + "..." : std::string(text);
        throw DataError("invalid date-time '" + shown +
                        "': expected ISO 8601 such as 2025-01-31, 2025-01-31T08:15:00, "
                        "2025-01-31T08:15:00.1234567-05:00 or 2025-01-31T13:15:00Z");
    }
    return *result;
}

std::string DateTime::to_string() const {
    std::string text;
    text.reserve(33);
    append_padded(text, year_, 4);
    text += '-';
    append_padded(text, month_, 2);
    text += '-';
    append_padded(text, day_, 2);
    if (date_only_) {
        return text;
    }

    text += 'T';
    append_padded(text, hour_, 2);
    text += ':';
    append_padded(text, minute_, 2);
    text += ':';
    append_padded(text, second_, 2);

    if (fraction_digits_ > 0 || ticks_ != 0) {
        std::string fraction;
        append_padded(fraction, ticks_, 7);
        std::size_t keep = static_cast<std::size_t>(fraction_digits_);
        if (keep == 0) {
            keep = fraction.find_last_not_of('0') + 1;
        }
        text += '.';
        text.append(fraction, 0, keep);
    }

    if (offset_is_z_) {
        text += 'Z';
    } else if (has_offset_) {
        const int magnitude = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
        text += offset_minutes_ < 0 ? '-' : '+';
        append_padded(text, magnitude / 60, 2);
        text += ':';
        append_padded(text, magnitude % 60, 2);
    }
    return text;
}

std::optional<int> DateTime::utc_offset_minutes() const noexcept {
    if (!has_offset_) {
        return std::nullopt;
    }
    return offset_minutes_;
}

std::chrono::system_clock::time_point DateTime::to_time_point() const {
    using std::chrono::system_clock;
    const std::int64_t seconds = days_from_civil(year_, month_, day_) * 86400 + hour_ * 3600 +
                                 minute_ * 60 + second_ - std::int64_t{offset_minutes_} * 60;

    // system_clock often counts nanoseconds in 64 bits, which covers only the
    // years 1678 to 2261; check before converting.
    const auto max_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(system_clock::duration::max()).count() - 1;
    if (seconds > max_seconds || seconds < -max_seconds) {
        throw DataError("date-time " + to_string() +
                        " is outside the range of std::chrono::system_clock; read its fields "
                        "instead");
    }
    const auto since_epoch = std::chrono::seconds(seconds) +
                             std::chrono::duration<std::int64_t, std::ratio<1, ticks_per_second>>(ticks_);
    return system_clock::time_point(std::chrono::duration_cast<system_clock::duration>(since_epoch));
}

bool DateTime::equals(const DateTime& other) const noexcept {
    return year_ == other.year_ && month_ == other.month_ && day_ == other.day_ &&
           hour_ == other.hour_ && minute_ == other.minute_ && second_ == other.second_ &&
           ticks_ == other.ticks_ && has_offset_ == other.has_offset_ &&
           offset_minutes_ == other.offset_minutes_ && date_only_ == other.date_only_;
}

}  // namespace epicor
