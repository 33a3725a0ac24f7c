#pragma once

/// \file
/// Column metadata: the OData primitive types (`Edm.*`) and epicor::Column,
/// one property of an entity type or one column of a result.

#include <epicor/export.hpp>
#include <epicor/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace epicor {

/// OData primitive types, one enumerator per `Edm.*` name in snake case
/// (`Edm.DateTimeOffset` is date_time_offset). OData 3 (Kinetic v1) uses
/// Edm.DateTime and Edm.Time; OData 4 (Kinetic v2) uses Edm.DateTimeOffset,
/// Edm.Date, Edm.TimeOfDay and Edm.Duration.
enum class EdmType {
    unknown,  ///< Not a primitive type (complex, enum, collection) or not recognised.
    string,
    boolean,
    byte,
    sbyte,
    int16,
    int32,
    int64,
    decimal,
    single,
    double_,  ///< Edm.Double; the underscore avoids the keyword.
    date_time,
    date_time_offset,
    date,
    time_of_day,
    time,
    duration,
    guid,
    binary,
    stream,
};

/// Maps an `Edm.*` name such as "Edm.Int32" to its EdmType. Matching is
/// case-sensitive, as in CSDL; any other name gives EdmType::unknown.
EPICOR_API EdmType parse_edm_type(std::string_view name) noexcept;

/// Returns the `Edm.*` name, or "Unknown".
EPICOR_API std::string_view to_string(EdmType type) noexcept;

/// Returns the ValueType that a non-null value of this Edm type is read as.
/// Integers read as int64, Single and Double as float64, the date types as
/// date_time, Binary and Stream as binary, and unknown as json. Time,
/// TimeOfDay and Duration stay strings in their ISO 8601 form.
EPICOR_API ValueType value_type_of(EdmType type) noexcept;

/// One property of an entity type, or one column of a query result.
struct Column {
    std::string name;                ///< Case-sensitive, e.g. "CustNum" or "Customer_CustID".
    EdmType type = EdmType::unknown;
    std::string type_name;           ///< As declared, e.g. "Edm.Decimal" or "Erp.Tablesets.X".
    bool nullable = true;
    std::optional<int> precision;    ///< Total digits for Decimal; fractional-second digits for times.
    std::optional<int> scale;        ///< Digits after the point for Decimal; nothing when `variable`.
    std::optional<int> max_length;   ///< For String and Binary; nothing when `Max` or not declared.
    bool is_key = false;
};

}  // namespace epicor
