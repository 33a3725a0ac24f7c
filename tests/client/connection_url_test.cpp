// The URLs a Connection sends to: Connection::send() stays below base_url()
// after "." and ".." are resolved, and ERPInstance is percent-encoded.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/http.hpp>

#include <gmock/gmock.h>

#include <string>

namespace client_test {
namespace {

using ConnectionUrlTest = ClientTest;

std::string service_list_path(bool v2) { return v2 ? "/api/v2/odata/EPIC06/" : "/api/v1/"; }

TEST_P(ConnectionUrlTest, SendRejectsDotSegmentsLeavingBase) {
    start();
    const auto conn = connect();
    server().reset_counters();

    for (const std::string suffix : {"/../../x", "/api/../../x", "/%2e%2E/x", "/./../x?a=/..",
                                     "/api/v1/../../../Other/api/v1/"}) {
        SCOPED_TRACE(suffix);
        epicor::HttpRequest request;
        request.url = conn.base_url() + suffix;
        try {
            conn.send(request);
            ADD_FAILURE() << "the URL was not rejected";
        } catch (const epicor::ConfigError& error) {
            ASSERT_EQ(error.problems().size(), 1U);
            EXPECT_EQ(error.problems().front().property, "URL");
        }
    }
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ConnectionUrlTest, SendAllowsDotSegmentsInsideBase) {
    start();
    const auto conn = connect();
    epicor::HttpRequest request;
    request.url = conn.base_url() + "/api/x/.." + service_list_path(v2()).substr(4);

    EXPECT_EQ(conn.send(request).status, 200);
}

TEST_P(ConnectionUrlTest, ErpInstanceWithSpaceIsEncoded) {
    mock::MockServerOptions options;
    options.erp_instance = "Kinetic Mock";
    start(options);
    const auto conn = connect();

    EXPECT_THAT(conn.base_url(), ::testing::EndsWith("/Kinetic%20Mock"));
    EXPECT_FALSE(conn.services().empty());
}

INSTANTIATE_TEST_SUITE_P(Flavors, ConnectionUrlTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
