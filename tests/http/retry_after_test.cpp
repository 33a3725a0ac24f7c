#include <epicor/retry_policy.hpp>

#include <gtest/gtest.h>

namespace {

using epicor::parse_retry_after;
using std::chrono::milliseconds;

// 2015-10-21 07:27:50 UTC.
const auto now = std::chrono::system_clock::from_time_t(1445412470);

TEST(ParseRetryAfter, Seconds) {
    EXPECT_EQ(parse_retry_after("120", now), milliseconds(120000));
    EXPECT_EQ(parse_retry_after(" 0 ", now), milliseconds(0));
}

TEST(ParseRetryAfter, MoreThanOneYearIsIgnored) {
    EXPECT_EQ(parse_retry_after("31622400", now), milliseconds(31622400000LL));  // 366 days
    EXPECT_EQ(parse_retry_after("31622401", now), std::nullopt);
}

TEST(ParseRetryAfter, ImfFixdate) {
    EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), milliseconds(10000));
}

TEST(ParseRetryAfter, Rfc850Date) {
    EXPECT_EQ(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), milliseconds(10000));
}

TEST(ParseRetryAfter, AsctimeDate) {
    EXPECT_EQ(parse_retry_after("Wed Oct 21 07:28:00 2015", now), milliseconds(10000));
}

TEST(ParseRetryAfter, PastDateIsZero) {
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(0));
}

TEST(ParseRetryAfter, GarbageIsIgnored) {
    for (const char* value : {"", "   ", "soon", "-5", "1.5", "12abc", "99999999999999999999",
                              "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Foo 2015 07:28:00 GMT",
                              "Wed, 21 Oct 2015 25:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 PST",
                              "a b c d e f g h i j", "Wed, 21 Oct 2015"}) {
        EXPECT_EQ(parse_retry_after(value, now), std::nullopt) << "'" << value << "'";
    }
}

}  // namespace
