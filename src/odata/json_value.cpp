#include "odata/json_value.hpp"

#include <epicor/error.hpp>

#include "odata/base64.hpp"
#include "odata/excerpt.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <system_error>

namespace epicor::odata {
namespace {

std::string describe(const JsonScalar& scalar) {
    switch (scalar.kind) {
    case JsonScalar::Kind::null: return "null";
    case JsonScalar::Kind::boolean: return scalar.boolean ? "true" : "false";
    case JsonScalar::Kind::integer: return std::to_string(scalar.integer);
    case JsonScalar::Kind::unsigned_integer: return std::to_string(scalar.unsigned_integer);
    case JsonScalar::Kind::number: return excerpt(scalar.text, 60);
    case JsonScalar::Kind::string: return "\"" + excerpt(scalar.text, 60) + "\"";
    }
    return {};
}

[[noreturn]] void throw_mismatch(const JsonScalar& scalar, EdmType type, std::string_view field,
                                 std::string_view reason) {
    throw DataError("field '" + std::string(field) + "' (" + std::string(to_string(type)) +
                    "): cannot read " + describe(scalar) + ": " + std::string(reason) +
                    "; check the service's $metadata or read the column untyped");
}

// Reads a number too long for Decimal as a double. An out-of-range result
// becomes infinity or zero, by the exponent's sign. Returns nothing when
// the text is not a number.
std::optional<double> parse_double(const std::string& text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (result.ptr != end) {
        return std::nullopt;
    }
    if (result.ec == std::errc::result_out_of_range) {
        const bool negative = !text.empty() && text.front() == '-';
        const auto exponent = text.find_first_of("eE");
        const bool tiny = exponent != std::string::npos && exponent + 1 < text.size() && text[exponent + 1] == '-';
        value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        return negative ? -value : value;
    }
    if (result.ec != std::errc()) {
        return std::nullopt;
    }
    return value;
}

// Numbers given as exact decimal text, from a JSON number or a JSON string.
std::optional<Decimal> exact_number(const JsonScalar& scalar) {
    switch (scalar.kind) {
    case JsonScalar::Kind::integer: return Decimal(scalar.integer);
    case JsonScalar::Kind::unsigned_integer: return Decimal::try_parse(std::to_string(scalar.unsigned_integer));
    case JsonScalar::Kind::number:
    case JsonScalar::Kind::string: return Decimal::try_parse(scalar.text);
    default: return std::nullopt;
    }
}

Value to_integer(const JsonScalar& scalar, EdmType type, std::string_view field) {
    if (scalar.kind == JsonScalar::Kind::integer) {
        return Value(scalar.integer);
    }
    const auto number = exact_number(scalar);
    if (!number) {
        throw_mismatch(scalar, type, field, "expected an integer");
    }
    try {
        return Value(number->to_int64());
    } catch (const DataError&) {
        throw_mismatch(scalar, type, field, "not an integer in the int64 range");
    }
}

Value to_floating(const JsonScalar& scalar, EdmType type, std::string_view field) {
    switch (scalar.kind) {
    case JsonScalar::Kind::integer: return Value(static_cast<double>(scalar.integer));
    case JsonScalar::Kind::unsigned_integer: return Value(static_cast<double>(scalar.unsigned_integer));
    case JsonScalar::Kind::number:
    case JsonScalar::Kind::string: {
        // OData 4 writes the special values as strings.
        if (scalar.text == "INF" || scalar.text == "Infinity") return Value(std::numeric_limits<double>::infinity());
        if (scalar.text == "-INF" || scalar.text == "-Infinity") return Value(-std::numeric_limits<double>::infinity());
        if (scalar.text == "NaN") return Value(std::numeric_limits<double>::quiet_NaN());
        if (const auto number = Decimal::try_parse(scalar.text)) {
            return Value(number->to_double());
        }
        const auto value = parse_double(scalar.text);
        if (!value) {
            throw_mismatch(scalar, type, field, "expected a number");
        }
        return Value(*value);
    }
    default: throw_mismatch(scalar, type, field, "expected a number");
    }
}

Value infer(const JsonScalar& scalar) {
    switch (scalar.kind) {
    case JsonScalar::Kind::null: return Value();
    case JsonScalar::Kind::boolean: return Value(scalar.boolean);
    case JsonScalar::Kind::integer: return Value(scalar.integer);
    case JsonScalar::Kind::unsigned_integer:
        if (scalar.unsigned_integer <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return Value(static_cast<std::int64_t>(scalar.unsigned_integer));
        }
        return Value(Decimal::parse(std::to_string(scalar.unsigned_integer)));
    case JsonScalar::Kind::number: {
        if (auto number = Decimal::try_parse(scalar.text)) {
            return Value(*std::move(number));
        }
        // Beyond Decimal's digit limit: keep the magnitude as a double.
        return Value(parse_double(scalar.text).value_or(0.0));
    }
    case JsonScalar::Kind::string: return Value(scalar.text);
    }
    return Value();
}

}  // namespace

Value to_value(const JsonScalar& scalar, EdmType type, std::string_view field) {
    if (scalar.kind == JsonScalar::Kind::null) {
        return Value();
    }
    const bool is_string = scalar.kind == JsonScalar::Kind::string;

    switch (type) {
    case EdmType::unknown: return infer(scalar);

    case EdmType::string:
    case EdmType::time:
    case EdmType::time_of_day:
    case EdmType::duration:
        if (!is_string) throw_mismatch(scalar, type, field, "expected a string");
        return Value(scalar.text);

    case EdmType::boolean:
        if (scalar.kind != JsonScalar::Kind::boolean) throw_mismatch(scalar, type, field, "expected true or false");
        return Value(scalar.boolean);

    case EdmType::byte:
    case EdmType::sbyte:
    case EdmType::int16:
    case EdmType::int32:
    case EdmType::int64: return to_integer(scalar, type, field);

    case EdmType::decimal: {
        auto number = exact_number(scalar);
        if (!number) throw_mismatch(scalar, type, field, "expected a decimal number");
        return Value(*std::move(number));
    }

    case EdmType::single:
    case EdmType::double_: return to_floating(scalar, type, field);

    case EdmType::date_time:
    case EdmType::date_time_offset:
    case EdmType::date: {
        auto date_time = is_string ? DateTime::try_parse(scalar.text) : std::nullopt;
        if (!date_time) throw_mismatch(scalar, type, field, "expected an ISO 8601 date-time string");
        return Value(*date_time);
    }

    case EdmType::guid: {
        auto guid = is_string ? Guid::try_parse(scalar.text) : std::nullopt;
        if (!guid) throw_mismatch(scalar, type, field, "expected a GUID string");
        return Value(*guid);
    }

    case EdmType::binary:
    case EdmType::stream: {
        auto bytes = is_string ? decode_base64(scalar.text) : std::nullopt;
        if (!bytes) throw_mismatch(scalar, type, field, "expected a base64 string");
        return Value(*std::move(bytes));
    }
    }
    return infer(scalar);
}

Value to_value(JsonScalar&& scalar, EdmType type, std::string_view field) {
    if (scalar.kind == JsonScalar::Kind::string) {
        switch (type) {
        case EdmType::unknown:
        case EdmType::string:
        case EdmType::time:
        case EdmType::time_of_day:
        case EdmType::duration: return Value(std::move(scalar.text));
        default: break;
        }
    }
    return to_value(static_cast<const JsonScalar&>(scalar), type, field);
}

}  // namespace epicor::odata
