// AuthScheme=Token against the mock's TokenResource.svc: one token for many
// requests, renewal after the server expires it, and a rejected login.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

namespace client_test {
namespace {

using TokenAuthTest = ClientTest;

TEST_P(TokenAuthTest, OneTokenServesManyRequests) {
    start();
    auto conn = connect("AuthScheme=Token");
    auto parts = conn.service("Erp.BO.PartSvc").entity_set("Parts");
    parts.query().top(1).execute().next();
    parts.get({"EPIC06", "BRK-100"});
    conn.services();

    EXPECT_EQ(server().counters().tokens_issued, 1U);
    for (const auto& entry : server().request_log().entries()) {
        if (entry.path.find("TokenResource.svc") != std::string::npos) {
            EXPECT_EQ(entry.method, "POST");
            EXPECT_EQ(entry.header("username"), std::string(mock::masked_value));
            continue;
        }
        EXPECT_EQ(entry.auth_scheme, "Bearer") << entry.path;
        EXPECT_EQ(entry.user, "manager") << entry.path;
        EXPECT_TRUE(entry.header("x-api-key").has_value()) << entry.path;
    }
}

TEST_P(TokenAuthTest, RenewsAfterExpiry) {
    start();
    auto conn = connect("AuthScheme=Token");
    auto parts = conn.service("Erp.BO.PartSvc").entity_set("Parts");
    EXPECT_EQ(parts.get({"EPIC06", "BRK-100"}).get<std::string>("PartNum"), "BRK-100");

    server().expire_all_tokens();
    EXPECT_EQ(parts.get({"EPIC06", "BRK-100"}).get<std::string>("PartNum"), "BRK-100");
    EXPECT_EQ(server().counters().tokens_issued, 2U);
}

TEST_P(TokenAuthTest, ExpiredTokenFaultRenewsOnce) {
    start();
    auto conn = connect("AuthScheme=Token");
    conn.services();
    server().faults().add(mock::Fault::expired_token().on("/Parts").times(1));
    auto rows = conn.service("Erp.BO.PartSvc").entity_set("Parts").query().top(2).execute();
    EXPECT_TRUE(rows.next());
    EXPECT_EQ(server().counters().tokens_issued, 2U);
}

TEST_P(TokenAuthTest, PersistentUnauthorizedIsThrown) {
    start();
    auto conn = connect("AuthScheme=Token");
    conn.services();
    server().faults().add(mock::Fault::expired_token().on("/Parts"));
    EXPECT_THROW(conn.service("Erp.BO.PartSvc").entity_set("Parts").get({"EPIC06", "BRK-100"}),
                 epicor::UnauthorizedError);
    // One renewal, not a loop.
    EXPECT_EQ(server().counters().tokens_issued, 2U);
}

TEST_P(TokenAuthTest, WrongPasswordIsAuthError) {
    start();
    auto conn = connect("AuthScheme=Token;Password=wrong");
    try {
        conn.services();
        FAIL() << "expected AuthError";
    } catch (const epicor::AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("TokenResource.svc"), std::string::npos) << message;
        EXPECT_EQ(message.find("wrong"), std::string::npos) << message;
    }
}

INSTANTIATE_TEST_SUITE_P(Flavors, TokenAuthTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
