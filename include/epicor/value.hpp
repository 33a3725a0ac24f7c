#pragma once

/// \file
/// epicor::Value, one typed, null-aware field value as read from Kinetic or
/// written to it.

#include <epicor/date_time.hpp>
#include <epicor/decimal.hpp>
#include <epicor/export.hpp>
#include <epicor/guid.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace epicor {

/// Bytes of an `Edm.Binary` field.
using Binary = std::vector<std::uint8_t>;

/// The kind of data a Value contains.
enum class ValueType {
    null,
    boolean,    ///< bool
    int64,      ///< std::int64_t
    decimal,    ///< epicor::Decimal
    float64,    ///< double
    string,     ///< std::string, UTF-8
    date_time,  ///< epicor::DateTime
    guid,       ///< epicor::Guid
    binary,     ///< epicor::Binary
    json,       ///< nlohmann::json: a nested object or array, e.g. an expanded navigation property
};

/// Returns the lowercase name used in error messages: "null", "bool",
/// "int64", "decimal", "double", "string", "datetime", "guid", "binary",
/// "json".
EPICOR_API std::string_view to_string(ValueType type) noexcept;

namespace detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

template <typename T>
constexpr bool is_signed_integer_v =
    std::is_integral_v<T> && std::is_signed_v<T> && !std::is_same_v<T, bool> &&
    !std::is_same_v<T, char> && sizeof(T) >= 2;

template <typename T>
constexpr bool is_readable_v =
    std::is_same_v<T, bool> || is_signed_integer_v<T> || std::is_same_v<T, Decimal> ||
    std::is_same_v<T, double> || std::is_same_v<T, std::string> || std::is_same_v<T, DateTime> ||
    std::is_same_v<T, Guid> || std::is_same_v<T, Binary> || std::is_same_v<T, nlohmann::json>;

}  // namespace detail

/// True for the types Value::get<T>() accepts: bool, signed integers of 16
/// bits or more, Decimal, double, std::string, DateTime, Guid, Binary,
/// nlohmann::json, and std::optional of any of them.
template <typename T>
struct is_value_readable : std::bool_constant<detail::is_readable_v<T>> {};
template <typename T>
struct is_value_readable<std::optional<T>> : std::bool_constant<detail::is_readable_v<T>> {};
template <typename T>
inline constexpr bool is_value_readable_v = is_value_readable<T>::value;

/// One field value. null is its own state: it is never read as zero, false
/// or the empty string.
///
/// Reading converts only where no information is lost or the caller asked
/// for a rounding type:
/// - integers read an int64, or a Decimal with no fractional part, checked
///   against the target type's range;
/// - Decimal reads a Decimal or an int64;
/// - double reads a double, an int64 or a Decimal (rounded);
/// - every other type reads only its own kind.
class EPICOR_API Value {
public:
    /// null.
    Value() noexcept = default;
    Value(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor): null reads naturally

    Value(bool value) : data_(std::in_place_type<bool>, value) {}  // NOLINT(google-explicit-constructor)

    /// Any integer type except bool and the character types. Throws DataError
    /// for an unsigned value above the int64 maximum.
    template <typename I,
              std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool> &&
                                   !std::is_same_v<I, char> && !std::is_same_v<I, char16_t> &&
                                   !std::is_same_v<I, char32_t> && !std::is_same_v<I, wchar_t>,
                               int> = 0>
    Value(I value) : data_(std::in_place_type<std::int64_t>, checked_int64(value)) {}  // NOLINT(google-explicit-constructor)

    Value(Decimal value) : data_(std::in_place_type<Decimal>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Value(double value) : data_(std::in_place_type<double>, value) {}  // NOLINT(google-explicit-constructor)
    Value(std::string value) : data_(std::in_place_type<std::string>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Value(std::string_view value) : data_(std::in_place_type<std::string>, value) {}  // NOLINT(google-explicit-constructor)
    /// A null pointer gives a null Value.
    Value(const char* value) {  // NOLINT(google-explicit-constructor)
        if (value != nullptr) {
            data_.emplace<std::string>(value);
        }
    }
    Value(DateTime value) : data_(std::in_place_type<DateTime>, value) {}  // NOLINT(google-explicit-constructor)
    Value(Guid value) : data_(std::in_place_type<Guid>, value) {}  // NOLINT(google-explicit-constructor)
    Value(Binary value) : data_(std::in_place_type<Binary>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    /// A nested JSON value. Explicit, because nlohmann::json converts from
    /// almost anything. A JSON null gives a null Value.
    explicit Value(nlohmann::json value);

    ValueType type() const noexcept { return static_cast<ValueType>(data_.index()); }
    bool is_null() const noexcept { return data_.index() == 0; }

    /// Reads the value as T (see the class comment for the conversions).
    /// `column` only names the value in error messages. Throws DataError
    /// naming the column, the expected and the actual type when the value is
    /// null (unless T is std::optional), of another kind, or out of T's
    /// range. T outside is_value_readable fails to compile.
    template <typename T>
    T get(std::string_view column = {}) const {
        static_assert(is_value_readable_v<T>,
                      "Value::get<T>: T must be bool, a signed integer, Decimal, double, "
                      "std::string, DateTime, Guid, Binary, nlohmann::json or std::optional of one");
        if constexpr (detail::is_optional<T>::value) {
            return as_optional<typename T::value_type>(column);
        } else {
            if (is_null()) {
                throw_null(column, expected_name<T>());
            }
            return read<T>(column);
        }
    }

    /// Returns nothing for null, else get<T>(column).
    template <typename T>
    std::optional<T> as_optional(std::string_view column = {}) const {
        static_assert(detail::is_readable_v<T>, "Value::as_optional<T>: T is not a readable type");
        if (is_null()) {
            return std::nullopt;
        }
        return read<T>(column);
    }

    /// Returns `fallback` for null, else get<T>(column); a value of another
    /// kind still throws DataError.
    template <typename T>
    T get_or(T fallback, std::string_view column = {}) const {
        static_assert(detail::is_readable_v<T>, "Value::get_or<T>: T is not a readable type");
        if (is_null()) {
            return fallback;
        }
        return read<T>(column);
    }

    /// Formats for display: "null", "true", digits, Decimal::to_string(),
    /// shortest round-trip double, the string itself, ISO 8601, the GUID,
    /// base64 for binary, compact JSON.
    std::string to_string() const;

    /// Equal when both have the same type and equal contents (Decimal and
    /// DateTime compare as their operator== does). null equals null.
    friend bool operator==(const Value& a, const Value& b) noexcept { return a.data_ == b.data_; }
    friend bool operator!=(const Value& a, const Value& b) noexcept { return !(a == b); }

private:
    using Storage = std::variant<std::monostate, bool, std::int64_t, Decimal, double, std::string,
                                 DateTime, Guid, Binary, nlohmann::json>;

    template <typename I>
    static std::int64_t checked_int64(I value) {
        if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
            if (value > static_cast<I>(std::numeric_limits<std::int64_t>::max())) {
                throw_unsigned_out_of_range(static_cast<std::uint64_t>(value));
            }
        }
        return static_cast<std::int64_t>(value);
    }

    template <typename T>
    static std::string_view expected_name() noexcept {
        if constexpr (std::is_same_v<T, bool>) return "bool";
        else if constexpr (detail::is_signed_integer_v<T>) return integer_name(sizeof(T));
        else if constexpr (std::is_same_v<T, Decimal>) return "decimal";
        else if constexpr (std::is_same_v<T, double>) return "double";
        else if constexpr (std::is_same_v<T, std::string>) return "string";
        else if constexpr (std::is_same_v<T, DateTime>) return "datetime";
        else if constexpr (std::is_same_v<T, Guid>) return "guid";
        else if constexpr (std::is_same_v<T, Binary>) return "binary";
        else return "json";
    }

    template <typename T>
    T read(std::string_view column) const {
        if constexpr (std::is_same_v<T, bool>) return read_bool(column);
        else if constexpr (detail::is_signed_integer_v<T>) {
            return static_cast<T>(read_integer(column, std::numeric_limits<T>::min(),
                                               std::numeric_limits<T>::max(), expected_name<T>()));
        }
        else if constexpr (std::is_same_v<T, Decimal>) return read_decimal(column);
        else if constexpr (std::is_same_v<T, double>) return read_double(column);
        else if constexpr (std::is_same_v<T, std::string>) return read_string(column);
        else if constexpr (std::is_same_v<T, DateTime>) return read_date_time(column);
        else if constexpr (std::is_same_v<T, Guid>) return read_guid(column);
        else if constexpr (std::is_same_v<T, Binary>) return read_binary(column);
        else return read_json(column);
    }

    static std::string_view integer_name(std::size_t bytes) noexcept;
    [[noreturn]] static void throw_unsigned_out_of_range(std::uint64_t value);
    [[noreturn]] void throw_null(std::string_view column, std::string_view expected) const;

    bool read_bool(std::string_view column) const;
    std::int64_t read_integer(std::string_view column, std::int64_t min, std::int64_t max,
                              std::string_view expected) const;
    Decimal read_decimal(std::string_view column) const;
    double read_double(std::string_view column) const;
    std::string read_string(std::string_view column) const;
    DateTime read_date_time(std::string_view column) const;
    Guid read_guid(std::string_view column) const;
    Binary read_binary(std::string_view column) const;
    nlohmann::json read_json(std::string_view column) const;

    Storage data_;
};

}  // namespace epicor
