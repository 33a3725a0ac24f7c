#pragma once

/// \file
/// epicor::Decimal, an exact decimal number that keeps every digit the
/// server sent. Kinetic sends money and quantities with up to 10 or more
/// fractional digits; a double would round them.

#include <epicor/export.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace epicor {

/// An exact decimal number: a sign, a coefficient of up to
/// Decimal::max_digits digits and a scale (the count of digits after the
/// decimal point). `12.50` has coefficient 1250 and scale 2; to_string()
/// gives `12.50` back, while `12.50 == 12.5` compares the numbers.
class EPICOR_API Decimal {
public:
    /// Maximum count of coefficient digits, and the bound on the scale's
    /// magnitude, that parse() accepts.
    static constexpr int max_digits = 1000;

    /// Zero with scale 0.
    Decimal() = default;

    /// Converts an integer exactly.
    explicit Decimal(std::int64_t value);

    /// Parses a JSON number text (`-12.50`, `1E+3`, `2.5e-7`), also accepting
    /// a leading `+` and a missing integer part (`.5`) as .NET writes them.
    /// An exponent moves the decimal point: `1.50E-2` keeps its three
    /// coefficient digits and reads as `0.0150`.
    /// Throws DataError naming the text when it is not a decimal number or
    /// exceeds max_digits.
    static Decimal parse(std::string_view text);

    /// Parses like parse() but returns nothing instead of throwing.
    static std::optional<Decimal> try_parse(std::string_view text) noexcept;

    /// Formats in plain notation with exactly scale() fractional digits, e.g.
    /// `-0.0150` or `1500`; never uses an exponent.
    std::string to_string() const;

    /// Returns the nearest double; may lose digits, so use it only for display
    /// or arithmetic that tolerates rounding. Values beyond double's range
    /// give plus or minus infinity.
    double to_double() const;

    /// Converts to int64. Throws DataError when the value has a non-zero
    /// fractional part or lies outside the int64 range.
    std::int64_t to_int64() const;

    /// Count of digits after the decimal point as sent (`12.50` gives 2).
    /// Negative after an exponent that leaves trailing zeros (`1E+3` gives -3).
    int scale() const noexcept { return scale_; }

    /// Coefficient digits without sign or leading zeros; "0" for zero.
    const std::string& coefficient() const noexcept { return digits_; }

    bool is_negative() const noexcept { return negative_; }
    bool is_zero() const noexcept { return digits_ == "0"; }

    /// Compares the numeric values: returns a negative number, 0 or a
    /// positive number. `1.0` and `1` compare equal.
    int compare(const Decimal& other) const noexcept;

    friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) == 0; }
    friend bool operator!=(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) != 0; }
    friend bool operator<(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) < 0; }
    friend bool operator<=(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) <= 0; }
    friend bool operator>(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) > 0; }
    friend bool operator>=(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) >= 0; }

private:
    bool negative_ = false;  // never true for zero
    std::string digits_ = "0";
    int scale_ = 0;
};

}  // namespace epicor
