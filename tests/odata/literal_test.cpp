#include <epicor/error.hpp>
#include <epicor/filter.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace {

using epicor::ApiVersion;
using epicor::Binary;
using epicor::DataError;
using epicor::DateTime;
using epicor::Decimal;
using epicor::format_key;
using epicor::format_literal;
using epicor::Guid;
using epicor::Value;

TEST(Literal, NullAndBooleans) {
    for (auto version : {ApiVersion::v1, ApiVersion::v2}) {
        EXPECT_EQ(format_literal(Value(), version), "null");
        EXPECT_EQ(format_literal(Value(true), version), "true");
        EXPECT_EQ(format_literal(Value(false), version), "false");
        EXPECT_EQ(format_literal(Value(-12), version), "-12");
    }
}

TEST(Literal, StringsDoubleTheirQuotes) {
    EXPECT_EQ(format_literal(Value("EPIC06"), ApiVersion::v2), "'EPIC06'");
    EXPECT_EQ(format_literal(Value("O'Brien"), ApiVersion::v1), "'O''Brien'");
    EXPECT_EQ(format_literal(Value("''"), ApiVersion::v2), "''''''");
    EXPECT_EQ(format_literal(Value(""), ApiVersion::v2), "''");
    EXPECT_EQ(format_literal(Value("東京 ') or 1 eq 1"), ApiVersion::v2), "'東京 '') or 1 eq 1'");
}

TEST(Literal, DecimalSuffixDependsOnVersion) {
    const Value value(Decimal::parse("12.50"));
    EXPECT_EQ(format_literal(value, ApiVersion::v1), "12.50M");
    EXPECT_EQ(format_literal(value, ApiVersion::v2), "12.50");
    EXPECT_EQ(format_literal(Value(Decimal::parse("1234567890123456789012345678.0123456789")), ApiVersion::v2),
              "1234567890123456789012345678.0123456789");
    EXPECT_EQ(format_literal(Value(Decimal::parse("1E+3")), ApiVersion::v2), "1000");
}

TEST(Literal, DoubleForms) {
    EXPECT_EQ(format_literal(Value(1.5), ApiVersion::v1), "1.5D");
    EXPECT_EQ(format_literal(Value(1.5), ApiVersion::v2), "1.5");
    EXPECT_EQ(format_literal(Value(std::numeric_limits<double>::infinity()), ApiVersion::v2), "INF");
    EXPECT_EQ(format_literal(Value(-std::numeric_limits<double>::infinity()), ApiVersion::v2), "-INF");
    EXPECT_EQ(format_literal(Value(std::nan("")), ApiVersion::v2), "NaN");
}

TEST(Literal, DateTimeV1IsTyped) {
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31T00:00:00")), ApiVersion::v1),
              "datetime'2025-01-31T00:00:00'");
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31T08:15:00.123-05:00")), ApiVersion::v1),
              "datetimeoffset'2025-01-31T08:15:00.123-05:00'");
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31")), ApiVersion::v1),
              "datetime'2025-01-31T00:00:00'");
}

TEST(Literal, DateTimeV2IsBare) {
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31T08:15:00.123-05:00")), ApiVersion::v2),
              "2025-01-31T08:15:00.123-05:00");
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31T00:00:00")), ApiVersion::v2),
              "2025-01-31T00:00:00Z");
    EXPECT_EQ(format_literal(Value(DateTime::parse("2025-01-31")), ApiVersion::v2), "2025-01-31");
}

TEST(Literal, GuidForms) {
    const Value value(Guid::parse("00000003-B615-4300-957B-34956697F040"));
    EXPECT_EQ(format_literal(value, ApiVersion::v1), "guid'00000003-b615-4300-957b-34956697f040'");
    EXPECT_EQ(format_literal(value, ApiVersion::v2), "00000003-b615-4300-957b-34956697f040");
}

TEST(Literal, BinaryForms) {
    const Value value(Binary{0x0a, 0xff, 0xfe});
    EXPECT_EQ(format_literal(value, ApiVersion::v1), "X'0AFFFE'");
    EXPECT_EQ(format_literal(value, ApiVersion::v2), "binary'Cv_-'");
}

TEST(Literal, NestedJsonHasNoLiteral) {
    EXPECT_THROW(format_literal(Value(nlohmann::json::object()), ApiVersion::v2), DataError);
}

TEST(Key, PositionalWithCompanyFirst) {
    EXPECT_EQ(format_key({Value("EPIC06"), Value(12)}, ApiVersion::v1), "('EPIC06',12)");
    EXPECT_EQ(format_key({Value("EPIC06"), Value("BRK-100")}, ApiVersion::v2), "('EPIC06','BRK-100')");
    EXPECT_EQ(format_key({Value("A'B")}, ApiVersion::v2), "('A''B')");
}

TEST(Key, RejectsEmptyOrNullParts) {
    EXPECT_THROW(format_key({}, ApiVersion::v2), DataError);
    EXPECT_THROW(format_key({Value("EPIC06"), Value()}, ApiVersion::v2), DataError);
}

}  // namespace
