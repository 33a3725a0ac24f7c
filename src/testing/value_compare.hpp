#pragma once

// Helpers on stored field values shared by tables, the filter, the query
// engine and the JSON writer: exact decimal comparison, date parsing, GUID
// checks and the ordering used for keys and $orderby.

#include <epicor/testing/schema.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace epicor::testing::detail {

/// Returns true for `[+-]?digits[.digits]`, the stored form of a decimal.
bool is_decimal_text(std::string_view text) noexcept;

/// Compares two decimals in stored form exactly. Returns <0, 0 or >0.
int compare_decimal_text(std::string_view left, std::string_view right) noexcept;

/// A point in time: seconds since 1970-01-01T00:00:00 UTC and 100-nanosecond
/// ticks (Kinetic's DateTime resolution) within the second.
struct Instant {
    std::int64_t seconds = 0;
    std::int32_t ticks = 0;
    bool has_offset = false;

    friend bool operator==(const Instant& a, const Instant& b) noexcept {
        return a.seconds == b.seconds && a.ticks == b.ticks;
    }
};

/// Compares two instants. Returns <0, 0 or >0.
int compare_instants(const Instant& left, const Instant& right) noexcept;

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, `YYYY-MM-DDThh:mm:ss` and
/// `YYYY-MM-DDThh:mm:ss.f` (1 to 7 fraction digits), each optionally followed
/// by `Z` or `+hh:mm`/`-hh:mm`. A value without offset counts as UTC.
/// Returns nothing when the text is not such a date or a field is out of
/// range.
std::optional<Instant> parse_instant(std::string_view text) noexcept;

/// Returns true for a GUID in 8-4-4-4-12 hex form (either case).
bool is_guid_text(std::string_view text) noexcept;

/// Returns a description of what is wrong with `value` as a stored value of
/// `field` (e.g. "expected a decimal number as a string"), or nothing when
/// it is valid. Null passes only for nullable fields.
std::optional<std::string> stored_value_problem(const Field& field, const nlohmann::json& value);

/// Orders two stored values of `field`: null first, then by value (strings
/// ordinally, numbers numerically, decimals exactly, dates as instants,
/// GUIDs case-insensitively). Returns <0, 0 or >0.
int compare_stored(const Field& field, const nlohmann::json& left, const nlohmann::json& right);

/// Returns a fresh random GUID in lower case (from OpenSSL's RNG).
std::string random_guid();

}  // namespace epicor::testing::detail
