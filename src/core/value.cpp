#include <epicor/value.hpp>

#include <epicor/error.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace epicor {
namespace {

std::string describe_column(std::string_view column) {
    if (column.empty()) {
        return "value";
    }
    return "column '" + std::string(column) + "'";
}

std::string article_for(ValueType type) {
    switch (type) {
    case ValueType::int64:
    case ValueType::guid: return "an ";
    default: return "a ";
    }
}

std::string encode_base64(const Binary& bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned group = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
        text += alphabet[(group >> 18) & 63];
        text += alphabet[(group >> 12) & 63];
        text += alphabet[(group >> 6) & 63];
        text += alphabet[group & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned group = unsigned{bytes[i]} << 16;
        text += alphabet[(group >> 18) & 63];
        text += alphabet[(group >> 12) & 63];
        text += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned group = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8);
        text += alphabet[(group >> 18) & 63];
        text += alphabet[(group >> 12) & 63];
        text += alphabet[(group >> 6) & 63];
        text += '=';
    }
    return text;
}

std::string format_double(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-INF" : "INF";
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

}  // namespace

std::string_view to_string(ValueType type) noexcept {
    switch (type) {
    case ValueType::null: return "null";
    case ValueType::boolean: return "bool";
    case ValueType::int64: return "int64";
    case ValueType::decimal: return "decimal";
    case ValueType::float64: return "double";
    case ValueType::string: return "string";
    case ValueType::date_time: return "datetime";
    case ValueType::guid: return "guid";
    case ValueType::binary: return "binary";
    case ValueType::json: return "json";
    }
    return "unknown";
}

Value::Value(nlohmann::json value) {
    if (!value.is_null()) {
        data_.emplace<nlohmann::json>(std::move(value));
    }
}

std::string_view Value::integer_name(std::size_t bytes) noexcept {
    switch (bytes) {
    case 2: return "int16";
    case 4: return "int32";
    default: return "int64";
    }
}

void Value::throw_unsigned_out_of_range(std::uint64_t value) {
    throw DataError("integer " + std::to_string(value) +
                    " is above the int64 maximum; pass it as a Decimal");
}

void Value::throw_null(std::string_view column, std::string_view expected) const {
    throw DataError(describe_column(column) + ": expected " + std::string(expected) +
                    " but the value is null; read it with as_optional<T>() or get_or<T>()");
}

namespace {

[[noreturn]] void throw_mismatch(std::string_view column, std::string_view expected, ValueType actual) {
    throw DataError(describe_column(column) + ": expected " + std::string(expected) + " but the value is " +
                    article_for(actual) + std::string(to_string(actual)));
}

}  // namespace

bool Value::read_bool(std::string_view column) const {
    if (const auto* value = std::get_if<bool>(&data_)) {
        return *value;
    }
    throw_mismatch(column, "bool", type());
}

std::int64_t Value::read_integer(std::string_view column, std::int64_t min, std::int64_t max,
                                 std::string_view expected) const {
    std::int64_t result = 0;
    if (const auto* integer = std::get_if<std::int64_t>(&data_)) {
        result = *integer;
    } else if (const auto* decimal = std::get_if<Decimal>(&data_)) {
        try {
            result = decimal->to_int64();
        } catch (const DataError& error) {
            throw DataError(describe_column(column) + ": expected " + std::string(expected) + " but " +
                            error.what());
        }
    } else {
        throw_mismatch(column, expected, type());
    }
    if (result < min || result > max) {
        throw DataError(describe_column(column) + ": value " + std::to_string(result) +
                        " is out of range for " + std::string(expected) + "; read it as int64");
    }
    return result;
}

Decimal Value::read_decimal(std::string_view column) const {
    if (const auto* decimal = std::get_if<Decimal>(&data_)) {
        return *decimal;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&data_)) {
        return Decimal(*integer);
    }
    throw_mismatch(column, "decimal", type());
}

double Value::read_double(std::string_view column) const {
    if (const auto* real = std::get_if<double>(&data_)) {
        return *real;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&data_)) {
        return static_cast<double>(*integer);
    }
    if (const auto* decimal = std::get_if<Decimal>(&data_)) {
        return decimal->to_double();
    }
    throw_mismatch(column, "double", type());
}

std::string Value::read_string(std::string_view column) const {
    if (const auto* text = std::get_if<std::string>(&data_)) {
        return *text;
    }
    throw_mismatch(column, "string", type());
}

DateTime Value::read_date_time(std::string_view column) const {
    if (const auto* date_time = std::get_if<DateTime>(&data_)) {
        return *date_time;
    }
    throw_mismatch(column, "datetime", type());
}

Guid Value::read_guid(std::string_view column) const {
    if (const auto* guid = std::get_if<Guid>(&data_)) {
        return *guid;
    }
    throw_mismatch(column, "guid", type());
}

Binary Value::read_binary(std::string_view column) const {
    if (const auto* bytes = std::get_if<Binary>(&data_)) {
        return *bytes;
    }
    throw_mismatch(column, "binary", type());
}

nlohmann::json Value::read_json(std::string_view column) const {
    if (const auto* json = std::get_if<nlohmann::json>(&data_)) {
        return *json;
    }
    throw_mismatch(column, "json", type());
}

std::string Value::to_string() const {
    switch (type()) {
    case ValueType::null: return "null";
    case ValueType::boolean: return std::get<bool>(data_) ? "true" : "false";
    case ValueType::int64: return std::to_string(std::get<std::int64_t>(data_));
    case ValueType::decimal: return std::get<Decimal>(data_).to_string();
    case ValueType::float64: return format_double(std::get<double>(data_));
    case ValueType::string: return std::get<std::string>(data_);
    case ValueType::date_time: return std::get<DateTime>(data_).to_string();
    case ValueType::guid: return std::get<Guid>(data_).to_string();
    case ValueType::binary: return encode_base64(std::get<Binary>(data_));
    case ValueType::json: return std::get<nlohmann::json>(data_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return {};
}

}  // namespace epicor
