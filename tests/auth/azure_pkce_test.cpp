#include "auth/pkce.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace {

using namespace epicor::azure;

TEST(AzurePkce, Rfc7636AppendixBVector) {
    EXPECT_EQ(code_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
              "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(AzurePkce, VerifierLengthAndAlphabet) {
    const std::string verifier = make_code_verifier();
    EXPECT_EQ(verifier.size(), 43u);
    EXPECT_TRUE(std::regex_match(verifier, std::regex("[A-Za-z0-9_-]{43}")));
}

TEST(AzurePkce, VerifiersAndStatesAreDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(seen.insert(make_code_verifier()).second);
        EXPECT_TRUE(seen.insert(make_state()).second);
    }
}

TEST(AzurePkce, Base64UrlRoundTrip) {
    // RFC 4648 section 10 vectors, in the URL alphabet without padding.
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("fo"), "Zm8");
    EXPECT_EQ(base64url_encode("foo"), "Zm9v");
    EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
    EXPECT_EQ(base64url_decode("-_8"), "\xfb\xff");
    EXPECT_EQ(base64url_decode("Zm9vYg=="), "foob");
    const std::string bytes = random_bytes(257);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
}

TEST(AzurePkce, Base64UrlRejectsForeignCharacters) {
    EXPECT_THROW(base64url_decode("ab+c"), epicor::AuthError);
    EXPECT_THROW(base64url_decode("ab/c"), epicor::AuthError);
}

TEST(AzurePkce, UuidIsVersion4) {
    const std::string uuid = random_uuid();
    EXPECT_TRUE(std::regex_match(
        uuid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << uuid;
    EXPECT_NE(uuid, random_uuid());
}

TEST(AzurePkce, ConstantTimeEquals) {
    EXPECT_TRUE(constant_time_equals("", ""));
    EXPECT_TRUE(constant_time_equals("state-1", "state-1"));
    EXPECT_FALSE(constant_time_equals("state-1", "state-2"));
    EXPECT_FALSE(constant_time_equals("state-1", "state-10"));
    EXPECT_FALSE(constant_time_equals("", "x"));
}

}  // namespace
