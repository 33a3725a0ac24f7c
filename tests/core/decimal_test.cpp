#include <epicor/decimal.hpp>
#include <epicor/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace {

using epicor::DataError;
using epicor::Decimal;

TEST(Decimal, KeepsTwentyEightDigits) {
    const std::string text = "1234567890123456789012345678";
    const Decimal value = Decimal::parse(text);
    EXPECT_EQ(value.to_string(), text);
    EXPECT_EQ(value.coefficient(), text);
    EXPECT_EQ(value.scale(), 0);
}

TEST(Decimal, KeepsTenDecimalPlaces) {
    const Decimal value = Decimal::parse("12345.0123456789");
    EXPECT_EQ(value.to_string(), "12345.0123456789");
    EXPECT_EQ(value.scale(), 10);
}

TEST(Decimal, KeepsThirtyEightSignificantDigits) {
    const std::string text = "-1234567890123456789.0123456789012345678";
    EXPECT_EQ(Decimal::parse(text).to_string(), text);
}

TEST(Decimal, KeepsTrailingZeros) {
    EXPECT_EQ(Decimal::parse("12.50").to_string(), "12.50");
    EXPECT_EQ(Decimal::parse("0.000").to_string(), "0.000");
    EXPECT_EQ(Decimal::parse("100").to_string(), "100");
}

TEST(Decimal, ReadsNegativeAndSignForms) {
    EXPECT_EQ(Decimal::parse("-0.5").to_string(), "-0.5");
    EXPECT_EQ(Decimal::parse("+7").to_string(), "7");
    EXPECT_EQ(Decimal::parse(".25").to_string(), "0.25");
    EXPECT_TRUE(Decimal::parse("-0.5").is_negative());
}

TEST(Decimal, NegativeZeroIsZero) {
    const Decimal value = Decimal::parse("-0.00");
    EXPECT_FALSE(value.is_negative());
    EXPECT_TRUE(value.is_zero());
    EXPECT_EQ(value.to_string(), "0.00");
    EXPECT_EQ(value, Decimal());
}

TEST(Decimal, ReadsExponentForms) {
    EXPECT_EQ(Decimal::parse("1E+3").to_string(), "1000");
    EXPECT_EQ(Decimal::parse("1.5e3").to_string(), "1500");
    EXPECT_EQ(Decimal::parse("1.50E-2").to_string(), "0.0150");
    EXPECT_EQ(Decimal::parse("-2.5e-7").to_string(), "-0.00000025");
    EXPECT_EQ(Decimal::parse("1E+3").scale(), -3);
    EXPECT_EQ(Decimal::parse("0e10").to_string(), "0");
}

TEST(Decimal, RejectsMalformedText) {
    for (const char* text : {"", "-", "+", ".", "1.", "1e", "1e+", "--1", "1.2.3", "0x10", " 1", "1 ",
                             "1,5", "NaN", "Infinity", "1e5x", "١٢"}) {
        EXPECT_FALSE(Decimal::try_parse(text).has_value()) << text;
        EXPECT_THROW(Decimal::parse(text), DataError) << text;
    }
}

TEST(Decimal, RejectsHugeExponentWithoutOverflow) {
    EXPECT_THROW(Decimal::parse("1e99999999999999999999999"), DataError);
    EXPECT_THROW(Decimal::parse("1e-99999999999999999999999"), DataError);
    EXPECT_NO_THROW(Decimal::parse("1e999"));
}

TEST(Decimal, RejectsTooManyDigits) {
    EXPECT_NO_THROW(Decimal::parse(std::string(static_cast<std::size_t>(Decimal::max_digits), '9')));
    EXPECT_THROW(Decimal::parse(std::string(static_cast<std::size_t>(Decimal::max_digits) + 1, '9')),
                 DataError);
}

TEST(Decimal, ErrorQuotesTheText) {
    try {
        Decimal::parse("12,5");
        FAIL() << "expected DataError";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("'12,5'"), std::string::npos) << error.what();
    }
}

TEST(Decimal, ComparesNumerically) {
    EXPECT_EQ(Decimal::parse("12.50"), Decimal::parse("12.5"));
    EXPECT_EQ(Decimal::parse("1E+2"), Decimal::parse("100.000"));
    EXPECT_LT(Decimal::parse("0.0999"), Decimal::parse("0.1"));
    EXPECT_LT(Decimal::parse("-2"), Decimal::parse("-1.99"));
    EXPECT_LT(Decimal::parse("-0.1"), Decimal());
    EXPECT_GT(Decimal::parse("99999999999999999999999999999"), Decimal::parse("9999999999999999999999999999.9"));
    EXPECT_NE(Decimal::parse("1.0000000001"), Decimal::parse("1"));
    EXPECT_GE(Decimal::parse("3"), Decimal::parse("3.0"));
}

TEST(Decimal, ConvertsToDouble) {
    EXPECT_DOUBLE_EQ(Decimal::parse("12.5").to_double(), 12.5);
    EXPECT_DOUBLE_EQ(Decimal::parse("-1.5E+3").to_double(), -1500.0);
    EXPECT_TRUE(std::isinf(Decimal::parse("1e999").to_double()));
    EXPECT_EQ(Decimal::parse("1e-999").to_double(), 0.0);
}

TEST(Decimal, ConvertsToInt64WithinRange) {
    EXPECT_EQ(Decimal::parse("42.000").to_int64(), 42);
    EXPECT_EQ(Decimal::parse("1E+3").to_int64(), 1000);
    EXPECT_EQ(Decimal::parse("9223372036854775807").to_int64(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(Decimal::parse("-9223372036854775808").to_int64(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(Decimal::parse("0.00").to_int64(), 0);
}

TEST(Decimal, RejectsInt64OutOfRangeOrFraction) {
    EXPECT_THROW(Decimal::parse("9223372036854775808").to_int64(), DataError);
    EXPECT_THROW(Decimal::parse("-9223372036854775809").to_int64(), DataError);
    EXPECT_THROW(Decimal::parse("1E+19").to_int64(), DataError);
    EXPECT_THROW(Decimal::parse("12.5").to_int64(), DataError);
    EXPECT_THROW(Decimal::parse("0.001").to_int64(), DataError);
}

TEST(Decimal, ConstructsFromInt64) {
    EXPECT_EQ(Decimal(std::numeric_limits<std::int64_t>::min()).to_string(), "-9223372036854775808");
    EXPECT_EQ(Decimal(0).to_string(), "0");
    EXPECT_EQ(Decimal(-12).to_string(), "-12");
}

}  // namespace
