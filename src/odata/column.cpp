#include <epicor/column.hpp>

#include <array>
#include <utility>

namespace epicor {
namespace {

constexpr std::array<std::pair<std::string_view, EdmType>, 19> edm_names{{
    {"Edm.String", EdmType::string},
    {"Edm.Boolean", EdmType::boolean},
    {"Edm.Byte", EdmType::byte},
    {"Edm.SByte", EdmType::sbyte},
    {"Edm.Int16", EdmType::int16},
    {"Edm.Int32", EdmType::int32},
    {"Edm.Int64", EdmType::int64},
    {"Edm.Decimal", EdmType::decimal},
    {"Edm.Single", EdmType::single},
    {"Edm.Double", EdmType::double_},
    {"Edm.DateTime", EdmType::date_time},
    {"Edm.DateTimeOffset", EdmType::date_time_offset},
    {"Edm.Date", EdmType::date},
    {"Edm.TimeOfDay", EdmType::time_of_day},
    {"Edm.Time", EdmType::time},
    {"Edm.Duration", EdmType::duration},
    {"Edm.Guid", EdmType::guid},
    {"Edm.Binary", EdmType::binary},
    {"Edm.Stream", EdmType::stream},
}};

}  // namespace

EdmType parse_edm_type(std::string_view name) noexcept {
    for (const auto& [edm_name, type] : edm_names) {
        if (edm_name == name) {
            return type;
        }
    }
    return EdmType::unknown;
}

std::string_view to_string(EdmType type) noexcept {
    for (const auto& [edm_name, edm_type] : edm_names) {
        if (edm_type == type) {
            return edm_name;
        }
    }
    return "Unknown";
}

ValueType value_type_of(EdmType type) noexcept {
    switch (type) {
    case EdmType::string:
    case EdmType::time_of_day:
    case EdmType::time:
    case EdmType::duration: return ValueType::string;
    case EdmType::boolean: return ValueType::boolean;
    case EdmType::byte:
    case EdmType::sbyte:
    case EdmType::int16:
    case EdmType::int32:
    case EdmType::int64: return ValueType::int64;
    case EdmType::decimal: return ValueType::decimal;
    case EdmType::single:
    case EdmType::double_: return ValueType::float64;
    case EdmType::date_time:
    case EdmType::date_time_offset:
    case EdmType::date: return ValueType::date_time;
    case EdmType::guid: return ValueType::guid;
    case EdmType::binary:
    case EdmType::stream: return ValueType::binary;
    case EdmType::unknown: return ValueType::json;
    }
    return ValueType::json;
}

}  // namespace epicor
