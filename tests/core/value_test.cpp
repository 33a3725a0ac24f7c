#include <epicor/error.hpp>
#include <epicor/value.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace {

using epicor::Binary;
using epicor::DataError;
using epicor::DateTime;
using epicor::Decimal;
using epicor::Guid;
using epicor::Value;
using epicor::ValueType;

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const DataError& error) {
        return error.what();
    }
    return "no exception";
}

TEST(Value, DefaultIsNull) {
    const Value value;
    EXPECT_TRUE(value.is_null());
    EXPECT_EQ(value.type(), ValueType::null);
    EXPECT_EQ(Value(nullptr), value);
    EXPECT_EQ(Value(nlohmann::json()), value);
}

TEST(Value, ConstructorsPickTheRightType) {
    EXPECT_EQ(Value(true).type(), ValueType::boolean);
    EXPECT_EQ(Value(12).type(), ValueType::int64);
    EXPECT_EQ(Value(std::int64_t{12}).type(), ValueType::int64);
    EXPECT_EQ(Value(12u).type(), ValueType::int64);
    EXPECT_EQ(Value(12.5).type(), ValueType::float64);
    EXPECT_EQ(Value(Decimal::parse("12.5")).type(), ValueType::decimal);
    EXPECT_EQ(Value("text").type(), ValueType::string);
    EXPECT_EQ(Value(std::string("text")).type(), ValueType::string);
    EXPECT_EQ(Value(std::string_view("text")).type(), ValueType::string);
    EXPECT_EQ(Value(DateTime::parse("2025-01-31")).type(), ValueType::date_time);
    EXPECT_EQ(Value(Guid()).type(), ValueType::guid);
    EXPECT_EQ(Value(Binary{1, 2}).type(), ValueType::binary);
    EXPECT_EQ(Value(nlohmann::json::array()).type(), ValueType::json);
}

TEST(Value, NullCharPointerIsNull) {
    const char* missing = nullptr;
    EXPECT_TRUE(Value(missing).is_null());
}

TEST(Value, RejectsUnsignedAboveInt64) {
    EXPECT_THROW(Value(std::numeric_limits<std::uint64_t>::max()), DataError);
}

TEST(Value, NullIsNeverZeroOrEmpty) {
    const Value value;
    EXPECT_THROW(value.get<std::int64_t>(), DataError);
    EXPECT_THROW(value.get<int>(), DataError);
    EXPECT_THROW(value.get<std::string>(), DataError);
    EXPECT_THROW(value.get<bool>(), DataError);
    EXPECT_THROW(value.get<Decimal>(), DataError);
    EXPECT_THROW(value.get<double>(), DataError);
    EXPECT_THROW(value.get<DateTime>(), DataError);
    EXPECT_NE(Value(0), value);
    EXPECT_NE(Value(""), value);
}

TEST(Value, NullErrorNamesColumnAndAdvice) {
    const std::string message = message_of([] { Value().get<DateTime>("OrderDate"); });
    EXPECT_NE(message.find("column 'OrderDate'"), std::string::npos) << message;
    EXPECT_NE(message.find("expected datetime"), std::string::npos) << message;
    EXPECT_NE(message.find("null"), std::string::npos) << message;
    EXPECT_NE(message.find("as_optional"), std::string::npos) << message;
}

TEST(Value, TypeMismatchNamesBothTypes) {
    const std::string message = message_of([] { Value("12").get<std::int64_t>("CustNum"); });
    EXPECT_NE(message.find("column 'CustNum'"), std::string::npos) << message;
    EXPECT_NE(message.find("expected int64"), std::string::npos) << message;
    EXPECT_NE(message.find("a string"), std::string::npos) << message;
}

TEST(Value, OptionalReads) {
    EXPECT_FALSE(Value().as_optional<std::string>().has_value());
    EXPECT_EQ(Value("x").as_optional<std::string>(), std::optional<std::string>("x"));
    EXPECT_FALSE(Value().get<std::optional<int>>().has_value());
    EXPECT_EQ(Value(5).get<std::optional<int>>(), std::optional<int>(5));
    EXPECT_THROW(Value("x").as_optional<int>(), DataError);
}

TEST(Value, GetOrUsesFallbackOnlyForNull) {
    EXPECT_EQ(Value().get_or<std::int64_t>(7), 7);
    EXPECT_EQ(Value(3).get_or<std::int64_t>(7), 3);
    EXPECT_EQ(Value().get_or<std::string>("none"), "none");
    EXPECT_THROW(Value("x").get_or<std::int64_t>(7), DataError);
}

TEST(Value, IntegerNarrowingIsChecked) {
    EXPECT_EQ(Value(std::int64_t{2147483647}).get<int>(), 2147483647);
    EXPECT_THROW(Value(std::int64_t{2147483648}).get<int>(), DataError);
    EXPECT_THROW(Value(40000).get<std::int16_t>(), DataError);
    EXPECT_EQ(Value(-5).get<long long>(), -5);
}

TEST(Value, DecimalReadsAsIntegerOnlyWhenWhole) {
    EXPECT_EQ(Value(Decimal::parse("12.000")).get<int>(), 12);
    const std::string message = message_of([] { Value(Decimal::parse("12.5")).get<int>("Qty"); });
    EXPECT_NE(message.find("column 'Qty'"), std::string::npos) << message;
    EXPECT_NE(message.find("fractional"), std::string::npos) << message;
}

TEST(Value, NumericConversions) {
    EXPECT_EQ(Value(12).get<Decimal>(), Decimal::parse("12"));
    EXPECT_DOUBLE_EQ(Value(12).get<double>(), 12.0);
    EXPECT_DOUBLE_EQ(Value(Decimal::parse("0.25")).get<double>(), 0.25);
    EXPECT_THROW(Value(1.5).get<Decimal>(), DataError);
    EXPECT_THROW(Value(1.5).get<std::int64_t>(), DataError);
    EXPECT_THROW(Value(true).get<std::int64_t>(), DataError);
    EXPECT_THROW(Value(1).get<bool>(), DataError);
}

TEST(Value, StrictKindsDoNotConvert) {
    EXPECT_THROW(Value(12).get<std::string>(), DataError);
    EXPECT_THROW(Value("2025-01-31").get<DateTime>(), DataError);
    EXPECT_THROW(Value("00000000-0000-0000-0000-000000000000").get<Guid>(), DataError);
    EXPECT_THROW(Value("AQI=").get<Binary>(), DataError);
}

TEST(Value, ToStringForDisplay) {
    EXPECT_EQ(Value().to_string(), "null");
    EXPECT_EQ(Value(false).to_string(), "false");
    EXPECT_EQ(Value(-3).to_string(), "-3");
    EXPECT_EQ(Value(Decimal::parse("12.50")).to_string(), "12.50");
    EXPECT_EQ(Value(0.1).to_string(), "0.1");
    EXPECT_EQ(Value("O'Brien").to_string(), "O'Brien");
    EXPECT_EQ(Value(Binary{'M', 'a', 'n'}).to_string(), "TWFu");
    EXPECT_EQ(Value(Binary{'M', 'a'}).to_string(), "TWE=");
    EXPECT_EQ(Value(Binary{'M'}).to_string(), "TQ==");
    EXPECT_EQ(Value(nlohmann::json{{"a", 1}}).to_string(), "{\"a\":1}");
}

TEST(Value, EqualityComparesTypeAndContent) {
    EXPECT_EQ(Value(Decimal::parse("1.50")), Value(Decimal::parse("1.5")));
    EXPECT_NE(Value(1), Value(1.0));
    EXPECT_NE(Value(1), Value(Decimal::parse("1")));
    EXPECT_EQ(Value("a"), Value(std::string("a")));
}

}  // namespace
