// The memory:// token store: sharing by name and privacy of plain memory://.

#include "token_store_test_support.hpp"

#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

namespace epicor {
namespace {

using testing_support::sample_tokens;
using testing_support::test_client_id;

std::unique_ptr<TokenStore> open_memory(const std::string& location,
                                        const std::string& client_id = test_client_id) {
    return open_token_store(location, TokenStoreKey::client_id_only(), client_id);
}

OAuthTokens with_refresh_token(const std::string& refresh_token) {
    OAuthTokens tokens = sample_tokens(test_client_id);
    tokens.refresh_token = refresh_token;
    return tokens;
}

TEST(TokenStoreMemory, NamedStoreIsSharedByName) {
    auto writer = open_memory("memory://shared-by-name");
    auto reader = open_memory("memory://shared-by-name");
    auto other = open_memory("memory://another-name");

    writer->update([](const std::optional<OAuthTokens>&) { return with_refresh_token("rt-1"); });

    ASSERT_TRUE(reader->load().has_value());
    EXPECT_EQ(reader->load()->refresh_token, "rt-1");
    EXPECT_FALSE(other->load().has_value());
    EXPECT_EQ(reader->location(), "memory://shared-by-name");
}

TEST(TokenStoreMemory, NamedStoreOutlivesItsStores) {
    open_memory("memory://outlives")->update([](const std::optional<OAuthTokens>&) {
        return with_refresh_token("kept");
    });

    const auto read = open_memory("memory://outlives")->load();

    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->refresh_token, "kept");
}

TEST(TokenStoreMemory, SchemeIgnoresCase) {
    open_memory("MEMORY://case-test")->update([](const std::optional<OAuthTokens>&) {
        return with_refresh_token("any-case");
    });

    const auto read = open_memory("Memory://case-test")->load();

    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->refresh_token, "any-case");
}

TEST(TokenStoreMemory, PlainMemoryIsPrivate) {
    auto first = open_memory("memory://");
    auto second = open_memory("memory://");

    first->update([](const std::optional<OAuthTokens>&) { return with_refresh_token("private"); });

    EXPECT_EQ(first->load()->refresh_token, "private");
    EXPECT_FALSE(second->load().has_value());
}

TEST(TokenStoreMemory, UpdateSeesPreviousValue) {
    auto store = open_memory("memory://update-sees-previous");
    store->update([](const std::optional<OAuthTokens>&) { return with_refresh_token("rt-1"); });

    std::string seen;
    store->update([&](const std::optional<OAuthTokens>& current) {
        seen = current ? current->refresh_token : "none";
        return with_refresh_token("rt-2");
    });

    EXPECT_EQ(seen, "rt-1");
    EXPECT_EQ(store->load()->refresh_token, "rt-2");
}

TEST(TokenStoreMemory, ClearEmptiesSharedStore) {
    auto first = open_memory("memory://cleared");
    auto second = open_memory("memory://cleared");
    first->update([](const std::optional<OAuthTokens>&) { return with_refresh_token("gone"); });

    second->clear();

    EXPECT_FALSE(first->load().has_value());
}

TEST(TokenStoreMemory, OtherClientIdIsRejected) {
    open_memory("memory://client-bound")->update([](const std::optional<OAuthTokens>&) {
        return with_refresh_token("secret-refresh-token-value");
    });
    auto other = open_memory("memory://client-bound", "another-client");

    try {
        other->load();
        FAIL() << "load() did not throw";
    } catch (const TokenStoreError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("memory://client-bound"), std::string::npos) << message;
        EXPECT_NE(message.find("another memory:// name"), std::string::npos) << message;
        EXPECT_EQ(message.find("secret-refresh-token-value"), std::string::npos) << message;
    }
    EXPECT_THROW(other->update([](const std::optional<OAuthTokens>&) { return OAuthTokens{}; }),
                 TokenStoreError);
}

TEST(TokenStoreMemory, ThrowingUpdaterKeepsValue) {
    auto store = open_memory("memory://throwing-updater");
    store->update([](const std::optional<OAuthTokens>&) { return with_refresh_token("stays"); });

    EXPECT_THROW(store->update([](const std::optional<OAuthTokens>&) -> OAuthTokens {
        throw AuthError("refresh failed");
    }),
                 AuthError);

    EXPECT_EQ(store->load()->refresh_token, "stays");
}

}  // namespace
}  // namespace epicor
