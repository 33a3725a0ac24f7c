#pragma once

// Conversion of one JSON scalar, as the SAX parser delivers it, to a Value
// of a column's Edm type. Numbers arrive with their original text so that
// Edm.Decimal keeps every digit.

#include <epicor/column.hpp>
#include <epicor/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace epicor::odata {

/// One JSON scalar token.
struct JsonScalar {
    enum class Kind { null, boolean, integer, unsigned_integer, number, string };

    Kind kind = Kind::null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::uint64_t unsigned_integer = 0;
    std::string text;  ///< The number's JSON text (Kind::number) or the string (Kind::string).
};

/// Converts a scalar to a Value of `type`. EdmType::unknown infers the type:
/// integers as int64 (Decimal above the int64 maximum), other numbers as
/// Decimal, strings as strings. Numeric, date, GUID and binary types also
/// accept their value as a JSON string. JSON null is always null. Throws
/// DataError naming `field`, the Edm type and the value when they do not fit.
Value to_value(const JsonScalar& scalar, EdmType type, std::string_view field);

/// Like the overload above, but moves a string's text into the Value
/// instead of copying it.
Value to_value(JsonScalar&& scalar, EdmType type, std::string_view field);

}  // namespace epicor::odata
