// Kinetic server sessions: Login returns the id, every request carries it in
// the License header, Logout ends it, and a 410 for an expired session is
// SessionExpiredError.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/session.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace client_test {
namespace {

namespace demo = epicor::testing::demo;

using SessionTest = ClientTest;

// Returns the SessionID of a logged request's License header, or "".
std::string session_of(const mock::LoggedRequest& request) {
    const auto license = request.header("License");
    if (!license) {
        return {};
    }
    const auto parsed = nlohmann::json::parse(*license, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("SessionID")) {
        return {};
    }
    return parsed.at("SessionID").get<std::string>();
}

TEST_P(SessionTest, RequestsCarrySessionId) {
    start();
    auto conn = connect();
    epicor::Session session = conn.begin_session();
    ASSERT_FALSE(session.id().empty());
    EXPECT_TRUE(session.active());

    conn.service(demo::kCustomerService).entity_set("Customers").get({demo::kCompany, 1});
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(session_of(*last), session.id());
}

TEST_P(SessionTest, EndLogsOutAndStopsSendingId) {
    start();
    auto conn = connect();
    epicor::Session session = conn.begin_session();
    const std::string id = session.id();
    session.end();
    EXPECT_FALSE(session.active());

    const auto logout = server().request_log().last();
    ASSERT_TRUE(logout.has_value());
    EXPECT_NE(logout->path.find("Ice.Lib.SessionModSvc/Logout"), std::string::npos);
    EXPECT_EQ(session_of(*logout), id);

    conn.service(demo::kCustomerService).entity_set("Customers").get({demo::kCompany, 1});
    const auto after = server().request_log().last();
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(session_of(*after), "");
}

TEST_P(SessionTest, DestructorLogsOut) {
    start();
    auto conn = connect();
    std::string id;
    {
        epicor::Session session = conn.begin_session();
        id = session.id();
    }
    const auto logout = server().request_log().last();
    ASSERT_TRUE(logout.has_value());
    EXPECT_NE(logout->path.find("Ice.Lib.SessionModSvc/Logout"), std::string::npos);
    EXPECT_EQ(session_of(*logout), id);

    // The server ended the session, so a request that still named it
    // would get 410; the connection no longer sends it.
    EXPECT_NO_THROW(conn.services());
}

TEST_P(SessionTest, ExpiredSessionIsSessionExpiredError) {
    start();
    auto conn = connect();
    epicor::Session session = conn.begin_session();
    server().end_all_sessions();

    // The first request reads $metadata, which gets the 410 too.
    auto customers = conn.service(demo::kCustomerService).entity_set("Customers");
    EXPECT_THROW(customers.get({demo::kCompany, 1}), epicor::SessionExpiredError);
    EXPECT_FALSE(session.active());

    // The stale id is dropped, so the next request works and a new session
    // can begin.
    EXPECT_NO_THROW(customers.get({demo::kCompany, 1}));
    epicor::Session renewed = conn.begin_session();
    EXPECT_NE(renewed.id(), session.id());
    EXPECT_NO_THROW(customers.get({demo::kCompany, 1}));
}

TEST_P(SessionTest, SecondSessionIsRejected) {
    start();
    auto conn = connect();
    epicor::Session session = conn.begin_session();
    const std::size_t requests = server().request_log().size();
    EXPECT_THROW(conn.begin_session(), epicor::Error);
    EXPECT_EQ(server().request_log().size(), requests);
}

TEST_P(SessionTest, MovedSessionLogsOutOnce) {
    start();
    auto conn = connect();
    epicor::Session first = conn.begin_session();
    epicor::Session moved = std::move(first);
    EXPECT_TRUE(moved.active());
    moved.end();
    moved.end();

    std::size_t logouts = 0;
    for (const auto& request : server().request_log().entries()) {
        if (request.path.find("Logout") != std::string::npos) {
            ++logouts;
        }
    }
    EXPECT_EQ(logouts, 1U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, SessionTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
