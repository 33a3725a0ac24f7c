#include <epicor/column.hpp>

#include <gtest/gtest.h>

namespace {

using epicor::EdmType;
using epicor::parse_edm_type;
using epicor::ValueType;
using epicor::value_type_of;

TEST(EdmType, ParsesEveryPrimitiveName) {
    for (const char* name : {"Edm.String", "Edm.Boolean", "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32",
                             "Edm.Int64", "Edm.Decimal", "Edm.Single", "Edm.Double", "Edm.DateTime",
                             "Edm.DateTimeOffset", "Edm.Date", "Edm.TimeOfDay", "Edm.Time", "Edm.Duration",
                             "Edm.Guid", "Edm.Binary", "Edm.Stream"}) {
        const EdmType type = parse_edm_type(name);
        EXPECT_NE(type, EdmType::unknown) << name;
        EXPECT_EQ(epicor::to_string(type), name);
    }
}

TEST(EdmType, OtherNamesAreUnknown) {
    EXPECT_EQ(parse_edm_type("edm.string"), EdmType::unknown);
    EXPECT_EQ(parse_edm_type("Collection(Edm.String)"), EdmType::unknown);
    EXPECT_EQ(parse_edm_type(""), EdmType::unknown);
    EXPECT_EQ(epicor::to_string(EdmType::unknown), "Unknown");
}

TEST(EdmType, MapsToValueTypes) {
    EXPECT_EQ(value_type_of(EdmType::int32), ValueType::int64);
    EXPECT_EQ(value_type_of(EdmType::decimal), ValueType::decimal);
    EXPECT_EQ(value_type_of(EdmType::double_), ValueType::float64);
    EXPECT_EQ(value_type_of(EdmType::date_time_offset), ValueType::date_time);
    EXPECT_EQ(value_type_of(EdmType::guid), ValueType::guid);
    EXPECT_EQ(value_type_of(EdmType::time_of_day), ValueType::string);
    EXPECT_EQ(value_type_of(EdmType::unknown), ValueType::json);
}

}  // namespace
