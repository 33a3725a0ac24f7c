#pragma once

/// \file
/// epicor::DateTime, a calendar date and time of day with an optional UTC
/// offset, as Kinetic sends them in ISO 8601: `2025-01-31T00:00:00` (v1
/// `Edm.DateTime`, no offset), `2025-01-31T08:15:00.123-05:00` or
/// `2025-01-31T13:15:00Z` (v2 `Edm.DateTimeOffset`).

#include <epicor/export.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace epicor {

/// A proleptic Gregorian date and time with fractional seconds in 100 ns
/// ticks (7 digits, as .NET sends them) and an optional UTC offset. It keeps
/// whether the text carried an offset, whether that offset was `Z`, whether
/// a time of day was present and how many fractional digits were written.
/// So parse() then to_string() gives the same text back for every text in
/// the forms that to_string() writes.
class EPICOR_API DateTime {
public:
    /// 0001-01-01T00:00:00 without offset.
    DateTime() = default;

    /// Builds a date-time from its fields. `ticks` is the fraction of a
    /// second in 100 ns units (0 to 9999999). `utc_offset_minutes` is the
    /// offset east of UTC (-05:00 is -300), or nothing for a local or
    /// unspecified time. Throws DataError naming the first field out of
    /// range: year 1-9999, month 1-12, a day of that month, hour 0-23,
    /// minute and second 0-59, offset within +-14:00.
    static DateTime from_fields(int year, int month, int day, int hour = 0, int minute = 0,
                                int second = 0, std::int32_t ticks = 0,
                                std::optional<int> utc_offset_minutes = std::nullopt);

    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm[:ss[.fffffff]]` followed by
    /// nothing, `Z` or `+hh:mm`/`-hh:mm`. Fractions beyond 7 digits are
    /// rejected rather than rounded. Throws DataError quoting the text and
    /// the expected form.
    static DateTime parse(std::string_view text);

    /// Parses like parse() but returns nothing instead of throwing.
    static std::optional<DateTime> try_parse(std::string_view text) noexcept;

    /// Formats as ISO 8601. A date-only value gives `YYYY-MM-DD`. Otherwise
    /// the seconds are always written. The fraction has as many digits as
    /// were parsed, or for a value built from fields, ticks() without
    /// trailing zeros. The offset is written as parsed (`Z` or `+hh:mm`) and
    /// left out when there is none.
    std::string to_string() const;

    int year() const noexcept { return year_; }
    int month() const noexcept { return month_; }
    int day() const noexcept { return day_; }
    int hour() const noexcept { return hour_; }
    int minute() const noexcept { return minute_; }
    int second() const noexcept { return second_; }
    /// Fraction of the second in 100 ns ticks, 0 to 9999999.
    std::int32_t ticks() const noexcept { return ticks_; }

    /// Minutes east of UTC, or nothing when the text carried no offset.
    std::optional<int> utc_offset_minutes() const noexcept;
    bool has_offset() const noexcept { return has_offset_; }
    /// True when the value was parsed from a date without a time of day.
    bool is_date_only() const noexcept { return date_only_; }

    /// Returns the instant this value names. A value without offset is taken
    /// as UTC, because Kinetic's v1 dates carry no zone; shift it yourself
    /// when you know the server's zone. Throws DataError when the instant is
    /// outside system_clock's range, which with libstdc++'s 64-bit
    /// nanoseconds spans the years 1678 to 2261.
    std::chrono::system_clock::time_point to_time_point() const;

    /// Compares every field, the offset and its presence included: the same
    /// instant written with two offsets is not equal. Formatting details
    /// (fraction digits, `Z` versus `+00:00`) do not take part.
    friend bool operator==(const DateTime& a, const DateTime& b) noexcept { return a.equals(b); }
    friend bool operator!=(const DateTime& a, const DateTime& b) noexcept { return !a.equals(b); }

private:
    bool equals(const DateTime& other) const noexcept;

    int year_ = 1;
    int month_ = 1;
    int day_ = 1;
    int hour_ = 0;
    int minute_ = 0;
    int second_ = 0;
    std::int32_t ticks_ = 0;
    int offset_minutes_ = 0;
    bool has_offset_ = false;
    bool offset_is_z_ = false;
    bool date_only_ = false;
    int fraction_digits_ = 0;  // as parsed; 0 lets to_string() pick the fewest
};

}  // namespace epicor
