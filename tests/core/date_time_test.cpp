#include <epicor/date_time.hpp>
#include <epicor/error.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace {

using epicor::DataError;
using epicor::DateTime;

TEST(DateTime, ParsesWithoutOffset) {
    const DateTime value = DateTime::parse("2025-01-31T00:00:00");
    EXPECT_EQ(value.year(), 2025);
    EXPECT_EQ(value.month(), 1);
    EXPECT_EQ(value.day(), 31);
    EXPECT_FALSE(value.has_offset());
    EXPECT_FALSE(value.utc_offset_minutes().has_value());
    EXPECT_EQ(value.to_string(), "2025-01-31T00:00:00");
}

TEST(DateTime, ParsesFractionAndNegativeOffset) {
    const DateTime value = DateTime::parse("2025-01-31T08:15:00.123-05:00");
    EXPECT_EQ(value.hour(), 8);
    EXPECT_EQ(value.minute(), 15);
    EXPECT_EQ(value.ticks(), 1230000);
    ASSERT_TRUE(value.utc_offset_minutes().has_value());
    EXPECT_EQ(*value.utc_offset_minutes(), -300);
    EXPECT_EQ(value.to_string(), "2025-01-31T08:15:00.123-05:00");
}

TEST(DateTime, RoundTripsKineticForms) {
    for (const char* text : {"2025-01-31T00:00:00", "2025-01-31T08:15:00.123-05:00", "2025-01-31T13:15:00Z",
                             "2025-01-31T13:15:00.1234567Z", "2024-02-29T23:59:59.9999999+14:00",
                             "2025-01-31T13:15:00+00:00", "2025-01-31T13:15:00.10", "2025-01-31",
                             "0001-01-01T00:00:00", "9999-12-31T23:59:59"}) {
        EXPECT_EQ(DateTime::parse(text).to_string(), text);
    }
}

TEST(DateTime, KeepsZuluForm) {
    const DateTime value = DateTime::parse("2025-01-31T13:15:00Z");
    EXPECT_TRUE(value.has_offset());
    EXPECT_EQ(*value.utc_offset_minutes(), 0);
    EXPECT_EQ(value, DateTime::parse("2025-01-31T13:15:00+00:00"));
}

TEST(DateTime, ReadsDateOnly) {
    const DateTime value = DateTime::parse("2025-03-01");
    EXPECT_TRUE(value.is_date_only());
    EXPECT_NE(value, DateTime::parse("2025-03-01T00:00:00"));
}

TEST(DateTime, ReadsMinutesWithoutSeconds) {
    EXPECT_EQ(DateTime::parse("2025-01-31T08:15").to_string(), "2025-01-31T08:15:00");
}

TEST(DateTime, RejectsInvalidText) {
    for (const char* text : {"", "2025", "2025-1-31", "2025-01-31T", "2025-01-31 08:15:00", "2025-13-01",
                             "2025-02-29", "2025-04-31", "2025-01-31T24:00:00", "2025-01-31T23:60:00",
                             "2025-01-31T23:59:60", "2025-01-31T08:15:00.", "2025-01-31T08:15:00.12345678",
                             "2025-01-31T08:15:00+15:00", "2025-01-31T08:15:00-05", "2025-01-31T08:15:00Zjunk",
                             "0000-01-01", "/Date(1738281600000)/", "null"}) {
        EXPECT_FALSE(DateTime::try_parse(text).has_value()) << text;
        EXPECT_THROW(DateTime::parse(text), DataError) << text;
    }
}

TEST(DateTime, AcceptsLeapDay) {
    EXPECT_NO_THROW(DateTime::parse("2000-02-29"));
    EXPECT_THROW(DateTime::parse("1900-02-29"), DataError);
}

TEST(DateTime, BuildsFromFields) {
    const DateTime value = DateTime::from_fields(2025, 1, 31, 8, 15, 0, 1230000, -300);
    EXPECT_EQ(value.to_string(), "2025-01-31T08:15:00.123-05:00");
    EXPECT_EQ(value, DateTime::parse("2025-01-31T08:15:00.1230000-05:00"));
    EXPECT_THROW(DateTime::from_fields(2025, 2, 30), DataError);
    EXPECT_THROW(DateTime::from_fields(2025, 1, 1, 0, 0, 0, 10000000), DataError);
    EXPECT_THROW(DateTime::from_fields(2025, 1, 1, 0, 0, 0, 0, 15 * 60), DataError);
}

TEST(DateTime, ConvertsToTimePoint) {
    using namespace std::chrono;
    const auto utc = DateTime::parse("2025-01-31T13:15:00Z").to_time_point();
    const auto eastern = DateTime::parse("2025-01-31T08:15:00-05:00").to_time_point();
    const auto unspecified = DateTime::parse("2025-01-31T13:15:00").to_time_point();
    EXPECT_EQ(utc, eastern);
    EXPECT_EQ(utc, unspecified);
    EXPECT_EQ(duration_cast<seconds>(utc.time_since_epoch()).count(), 1738329300);
    const auto epoch = DateTime::parse("1970-01-01T00:00:00.0000001Z").to_time_point();
    EXPECT_EQ(duration_cast<nanoseconds>(epoch.time_since_epoch()).count(), 100);
}

TEST(DateTime, RejectsTimePointOutOfClockRange) {
    if (std::chrono::system_clock::duration::period::den < 1'000'000'000) {
        GTEST_SKIP() << "system_clock counts coarser than nanoseconds and covers year 1";
    }
    EXPECT_THROW(DateTime::parse("0001-01-01T00:00:00").to_time_point(), DataError);
}

}  // namespace
