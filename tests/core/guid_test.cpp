#include <epicor/error.hpp>
#include <epicor/guid.hpp>

#include <gtest/gtest.h>

namespace {

using epicor::DataError;
using epicor::Guid;

TEST(Guid, ParsesAndFormatsLowercase) {
    const Guid value = Guid::parse("00000003-B615-4300-957B-34956697F040");
    EXPECT_EQ(value.to_string(), "00000003-b615-4300-957b-34956697f040");
    EXPECT_EQ(value.bytes()[3], 0x03);
    EXPECT_EQ(value.bytes()[15], 0x40);
}

TEST(Guid, AcceptsBraces) {
    EXPECT_EQ(Guid::parse("{00000003-b615-4300-957b-34956697f040}"),
              Guid::parse("00000003-B615-4300-957B-34956697F040"));
}

TEST(Guid, DefaultIsNil) {
    EXPECT_TRUE(Guid().is_nil());
    EXPECT_EQ(Guid().to_string(), "00000000-0000-0000-0000-000000000000");
    EXPECT_TRUE(Guid::parse("00000000-0000-0000-0000-000000000000").is_nil());
    EXPECT_FALSE(Guid::parse("00000000-0000-0000-0000-000000000001").is_nil());
}

TEST(Guid, RejectsMalformedText) {
    for (const char* text : {"", "00000003b6154300957b34956697f040", "00000003-b615-4300-957b-34956697f04",
                             "00000003-b615-4300-957b-34956697f0400", "0000000g-b615-4300-957b-34956697f040",
                             "00000003_b615_4300_957b_34956697f040", "{00000003-b615-4300-957b-34956697f040",
                             "00000003-b615-4300-957b-34956697f04\xc3\xa9"}) {
        EXPECT_FALSE(Guid::try_parse(text).has_value()) << text;
        EXPECT_THROW(Guid::parse(text), DataError) << text;
    }
}

}  // namespace
