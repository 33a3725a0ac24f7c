#include "core/secure_memory.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using epicor::detail::SecretString;
using epicor::detail::secure_wipe;

TEST(SecureWipe, ZeroesBytes) {
    char buffer[] = "hunter2";
    secure_wipe(buffer, sizeof buffer);
    for (const char c : buffer) {
        EXPECT_EQ(c, '\0');
    }
}

TEST(SecureWipe, ZeroesWholeStringCapacity) {
    std::string text(64, 's');
    const char* data = text.data();
    const std::size_t capacity = text.capacity();
    text.resize(3);  // Bytes 3..63 stay in the buffer after shrinking.
    secure_wipe(text);
    EXPECT_TRUE(text.empty());
    EXPECT_EQ(text.data(), data);  // Same buffer, so the check below reads the wiped memory.
    for (std::size_t i = 0; i < capacity; ++i) {
        EXPECT_EQ(data[i], '\0') << i;
    }
}

TEST(SecretString, HoldsAndClearsValue) {
    SecretString secret(std::string("refresh-token-value-longer-than-sso"));
    EXPECT_EQ(secret.view(), "refresh-token-value-longer-than-sso");
    EXPECT_EQ(secret.size(), 35u);
    secret.clear();
    EXPECT_TRUE(secret.empty());
}

TEST(SecretString, MoveLeavesSourceEmpty) {
    SecretString source(std::string("pw"));
    SecretString target(std::move(source));
    EXPECT_EQ(target.view(), "pw");
    EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move): wiping is the contract under test.

    SecretString assigned;
    assigned = std::move(target);
    EXPECT_EQ(assigned.view(), "pw");
    EXPECT_TRUE(target.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecretString, AssignReplacesValue) {
    SecretString secret(std::string("old"));
    secret.assign("new");
    EXPECT_EQ(secret.str(), "new");
    SecretString copy = secret;
    EXPECT_EQ(copy.view(), "new");
}

}  // namespace
