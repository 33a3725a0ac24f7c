#include <epicor/decimal.hpp>

#include <epicor/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

namespace epicor {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string quote(std::string_view text) {
    constexpr std::size_t max_quoted = 60;
    if (text.size() > max_quoted) {
        return "'" + std::string(text.substr(0, max_quoted)) + "...'";
    }
    return "'" + std::string(text) + "'";
}

}  // namespace

Decimal::Decimal(std::int64_t value) {
    negative_ = value < 0;
    std::uint64_t magnitude = negative_ ? 0 - static_cast<std::uint64_t>(value)
                                        : static_cast<std::uint64_t>(value);
    digits_ = std::to_string(magnitude);
}

std::optional<Decimal> Decimal::try_parse(std::string_view text) noexcept {
    try {
        std::size_t pos = 0;
        bool negative = false;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
            negative = text[pos] == '-';
            ++pos;
        }

        const std::size_t integer_begin = pos;
        while (pos < text.size() && is_digit(text[pos])) {
            ++pos;
        }
        const std::string_view integer_digits = text.substr(integer_begin, pos - integer_begin);

        std::string_view fraction_digits;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            const std::size_t fraction_begin = pos;
            while (pos < text.size() && is_digit(text[pos])) {
                ++pos;
            }
            fraction_digits = text.substr(fraction_begin, pos - fraction_begin);
            if (fraction_digits.empty()) {
                return std::nullopt;  // "5." is not a JSON number
            }
        }
        if (integer_digits.empty() && fraction_digits.empty()) {
            return std::nullopt;
        }

        // The exponent is accumulated with a cap so a text such as
        // "1e99999999999999999999" cannot overflow an int.
        long exponent = 0;
        if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
            ++pos;
            bool exponent_negative = false;
            if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
                exponent_negative = text[pos] == '-';
                ++pos;
            }
            const std::size_t exponent_begin = pos;
            while (pos < text.size() && is_digit(text[pos])) {
                exponent = std::min(exponent * 10 + (text[pos] - '0'), 10L * max_digits);
                ++pos;
            }
            if (pos == exponent_begin) {
                return std::nullopt;
            }
            if (exponent_negative) {
                exponent = -exponent;
            }
        }
        if (pos != text.size()) {
            return std::nullopt;
        }

        std::string digits;
        digits.reserve(integer_digits.size() + fraction_digits.size());
        digits.append(integer_digits);
        digits.append(fraction_digits);
        const auto first_significant = digits.find_first_not_of('0');
        digits.erase(0, first_significant == std::string::npos ? digits.size() : first_significant);
        if (digits.empty()) {
            digits = "0";
        }

        const long scale = static_cast<long>(fraction_digits.size()) - exponent;
        if (digits.size() > static_cast<std::size_t>(max_digits) || scale > max_digits ||
            scale < -max_digits) {
            return std::nullopt;
        }

        Decimal result;
        result.digits_ = std::move(digits);
        result.scale_ = static_cast<int>(scale);
        result.negative_ = negative && result.digits_ != "0";
        return result;
    } catch (...) {
        return std::nullopt;  // std::bad_alloc only
    }
}

Decimal Decimal::parse(std::string_view text) {
    auto result = try_parse(text);
    if (!result) {
        throw DataError("invalid decimal number " + quote(text) +
                        ": expected digits with an optional sign, decimal point and exponent "
                        "(at most " + std::to_string(max_digits) + " digits)");
    }
    return *std::move(result);
}

std::string Decimal::to_string() const {
    std::string text;
    if (negative_) {
        text += '-';
    }
    if (scale_ <= 0) {
        text += digits_;
        if (digits_ != "0") {
            text.append(static_cast<std::size_t>(-scale_), '0');
        }
        return text;
    }

    const auto scale = static_cast<std::size_t>(scale_);
    std::string padded = digits_;
    if (padded.size() <= scale) {
        padded.insert(0, scale + 1 - padded.size(), '0');
    }
    text.append(padded, 0, padded.size() - scale);
    text += '.';
    text.append(padded, padded.size() - scale, scale);
    return text;
}

double Decimal::to_double() const {
    // from_chars reads "<digits>e<exponent>" exactly and rounds once.
    const std::string text = (negative_ ? "-" : "") + digits_ + "e" + std::to_string(-scale_);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    (void)end;
    if (error == std::errc::result_out_of_range) {
        const long magnitude = static_cast<long>(digits_.size()) - scale_;
        value = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        return negative_ ? -value : value;
    }
    return value;
}

std::int64_t Decimal::to_int64() const {
    std::string_view integer_digits = digits_;
    if (scale_ > 0) {
        const auto scale = static_cast<std::size_t>(scale_);
        const std::string_view fraction =
            scale >= digits_.size() ? std::string_view(digits_)
                                    : std::string_view(digits_).substr(digits_.size() - scale);
        if (fraction.find_first_not_of('0') != std::string_view::npos) {
            throw DataError("decimal " + to_string() +
                            " has a fractional part and cannot be read as an integer; read it "
                            "as Decimal or double");
        }
        integer_digits = scale >= digits_.size() ? std::string_view("0")
                                                 : integer_digits.substr(0, digits_.size() - scale);
    }

    const std::uint64_t limit = negative_ ? std::uint64_t{1} << 63
                                          : static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::size_t trailing_zeros = scale_ < 0 ? static_cast<std::size_t>(-scale_) : 0;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    auto append_digit = [&](std::uint64_t digit) {
        if (overflow || magnitude > (limit - digit) / 10) {
            overflow = true;
            return;
        }
        magnitude = magnitude * 10 + digit;
    };
    for (char c : integer_digits) {
        append_digit(static_cast<std::uint64_t>(c - '0'));
    }
    if (magnitude != 0) {
        for (std::size_t i = 0; i < trailing_zeros && !overflow; ++i) {
            append_digit(0);
        }
    }
    if (overflow) {
        throw DataError("decimal " + quote(to_string()) +
                        " is outside the int64 range; read it as Decimal");
    }
    if (negative_) {
        return magnitude == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                     : -static_cast<std::int64_t>(magnitude);
    }
    return static_cast<std::int64_t>(magnitude);
}

int Decimal::compare(const Decimal& other) const noexcept {
    if (is_zero() || other.is_zero()) {
        const int left = is_zero() ? 0 : (negative_ ? -1 : 1);
        const int right = other.is_zero() ? 0 : (other.negative_ ? -1 : 1);
        return left - right;
    }
    if (negative_ != other.negative_) {
        return negative_ ? -1 : 1;
    }

    // Both non-zero with the same sign: compare the position of the most
    // significant digit, then the digits with the shorter padded by zeros.
    const long magnitude = static_cast<long>(digits_.size()) - scale_;
    const long other_magnitude = static_cast<long>(other.digits_.size()) - other.scale_;
    int result = 0;
    if (magnitude != other_magnitude) {
        result = magnitude < other_magnitude ? -1 : 1;
    } else {
        const std::size_t length = std::max(digits_.size(), other.digits_.size());
        for (std::size_t i = 0; i < length && result == 0; ++i) {
            const char left = i < digits_.size() ? digits_[i] : '0';
            const char right = i < other.digits_.size() ? other.digits_[i] : '0';
            if (left != right) {
                result = left < right ? -1 : 1;
            }
        }
    }
    return negative_ ? -result : result;
}

}  // namespace epicor
