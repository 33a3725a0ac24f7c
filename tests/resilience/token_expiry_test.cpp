// Tokens that expire in the middle of a session: AuthScheme=Token renews
// the token once after a 401 and carries on; a second 401 is reported.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <set>
#include <string>

namespace resilience_test {
namespace {

TEST(TokenExpiryTest, ExpiryBetweenPagesRenewsOnce) {
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server, "AuthScheme=Token;Pagesize=10"));
    auto rows = connection.service(kCustomerService).entity_set("Customers").query().execute();

    std::set<std::int64_t> seen;
    ASSERT_TRUE(rows.next());
    seen.insert(rows.row().get<std::int64_t>("CustNum"));
    server->expire_all_tokens();
    while (rows.next()) {
        seen.insert(rows.row().get<std::int64_t>("CustNum"));
    }

    EXPECT_EQ(rows.rows_delivered(), mock::demo::kCustomerCount);
    EXPECT_EQ(seen.size(), mock::demo::kCustomerCount);
    EXPECT_EQ(server->counters().tokens_issued, 2U);
    // Exactly one page request was rejected, and it was sent again.
    const auto requests = requests_to(*server, "GET", "/Customers");
    const auto rejected = std::count_if(requests.begin(), requests.end(),
                                        [](const auto& request) { return request.status == 401; });
    EXPECT_EQ(rejected, 1);
}

TEST(TokenExpiryTest, ExpiredTokenFaultRenewsAndQuerySucceeds) {
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server, "AuthScheme=Token"));
    connection.services();
    server->faults().add(mock::Fault::expired_token().on("/Customers").times(1));

    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    EXPECT_EQ(server->counters().tokens_issued, 2U);
}

TEST(TokenExpiryTest, SecondUnauthorizedIsThrown) {
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server, "AuthScheme=Token"));
    connection.services();
    server->faults().add(mock::Fault::expired_token().on("/Customers"));

    try {
        scan_customers(connection);
        FAIL() << "expected UnauthorizedError";
    } catch (const epicor::UnauthorizedError& error) {
        EXPECT_EQ(error.status(), 401);
        EXPECT_NE(error.error_message().find("expired"), std::string::npos) << error.what();
    }
    // One renewal, then the second 401 is reported instead of looping.
    EXPECT_EQ(server->counters().tokens_issued, 2U);
    EXPECT_EQ(count_requests(*server, "GET", "/Customers"), 2U);
}

TEST(TokenExpiryTest, CreateAfterExpiryIsResentOnce) {
    // A 401 proves the server did not act, so the POST may be sent again
    // with the new token.
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server, "AuthScheme=Token"));
    auto parts = connection.service(kPartService).entity_set("Parts");
    parts.columns();  // reads $metadata, so the POST is the first request after expiry
    server->expire_all_tokens();

    parts.create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "AFTER-EXPIRY"}, {"IUM", "EA"}});

    const auto posts = requests_to(*server, "POST", "/Parts");
    ASSERT_EQ(posts.size(), 2U);
    EXPECT_EQ(posts[0].status, 401);
    EXPECT_EQ(posts[1].status, 201);
    EXPECT_EQ(parts.get({"EPIC06", "AFTER-EXPIRY"}).get<std::string>("PartNum"), "AFTER-EXPIRY");
}

TEST(TokenExpiryTest, BasicLoginRejectedIsUnauthorized) {
    auto server = start_server();
    auto connection = epicor::connect(connection_string(*server, "Password=Not-The-Password-42"));

    try {
        connection.services();
        FAIL() << "expected UnauthorizedError";
    } catch (const epicor::UnauthorizedError& error) {
        EXPECT_EQ(error.status(), 401);
        EXPECT_EQ(std::string(error.what()).find("Not-The-Password-42"), std::string::npos) << error.what();
    }
    // Basic credentials cannot be renewed, so nothing is sent again.
    EXPECT_EQ(server->request_log().size(), 1U);
}

}  // namespace
}  // namespace resilience_test
