// Readonly=true: every request that could change data is rejected before
// it is sent, and reads still work.

#include "client_fixture.hpp"

#include <epicor/error.hpp>
#include <epicor/http.hpp>

#include <gmock/gmock.h>

#include <string>

namespace client_test {
namespace {

using ::testing::HasSubstr;
using ReadOnlyTest = ClientTest;

// Runs `action`, expecting a ConfigError that names Readonly.
template <typename Action>
void expect_read_only_error(Action action) {
    try {
        action();
        ADD_FAILURE() << "the request was not rejected";
    } catch (const epicor::ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 1U);
        EXPECT_EQ(error.problems().front().property, "Readonly");
        EXPECT_THAT(error.what(), HasSubstr("remove Readonly=true"));
    }
}

TEST_P(ReadOnlyTest, SendRejectsWritingMethods) {
    start();
    const auto conn = connect("Readonly=true");
    server().reset_counters();

    for (const char* method : {"POST", "PATCH", "PUT", "MERGE", "DELETE", "delete"}) {
        SCOPED_TRACE(method);
        epicor::HttpRequest request;
        request.method = method;
        request.url = conn.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers";
        expect_read_only_error([&] { conn.send(request); });
    }
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ReadOnlyTest, SendRejectsMethodOverrideHeader) {
    start();
    const auto conn = connect("Readonly=true");
    server().reset_counters();

    for (const char* header : {"X-HTTP-Method", "X-HTTP-Method-Override"}) {
        SCOPED_TRACE(header);
        epicor::HttpRequest request;
        request.url = conn.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers";
        request.headers.set(header, "DELETE");
        expect_read_only_error([&] { conn.send(request); });
    }
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ReadOnlyTest, SendAllowsGet) {
    start();
    const auto conn = connect("Readonly=true");
    epicor::HttpRequest request;
    request.url = conn.base_url() + (v2() ? "/api/v2/odata/EPIC06/" : "/api/v1/");

    EXPECT_EQ(conn.send(request).status, 200);
}

TEST_P(ReadOnlyTest, WritingBusinessObjectMethodRejected) {
    start();
    const auto customers = connect("Readonly=true").service("Erp.BO.CustomerSvc");
    server().reset_counters();

    for (const char* method : {"UpdateExt", "Update", "DeleteByID", "Getaway"}) {
        SCOPED_TRACE(method);
        expect_read_only_error([&] { customers.call(method, {{"ds", nlohmann::json::object()}}); });
    }
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ReadOnlyTest, GetMethodsAllowed) {
    start();
    const auto customers = connect("Readonly=true").service("Erp.BO.CustomerSvc");

    EXPECT_TRUE(customers.call("GetByID", {{"custNum", 1}}).return_value.is_object());
    EXPECT_NO_THROW(customers.call(
        "GetList", {{"whereClause", "Country = 'USA'"}, {"pageSize", 5}, {"absolutePage", 0}}));
}

TEST_P(ReadOnlyTest, EpicorFunctionRejected) {
    start();
    const auto conn = epicor::connect(server().connection_string(mock::ODataVersion::v2) +
                                      ";Readonly=true");
    server().reset_counters();

    expect_read_only_error([&] { conn.function("PricingLib", "Quote").call({{"quantity", 1}}); });
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ReadOnlyTest, ErrorNamesRejectedRequest) {
    start();
    const auto conn = connect("Readonly=true");
    epicor::HttpRequest request;
    request.method = "DELETE";
    request.url = conn.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers";

    try {
        conn.send(request);
        FAIL() << "DELETE was not rejected";
    } catch (const epicor::ConfigError& error) {
        EXPECT_THAT(error.what(), HasSubstr("DELETE " + request.url));
    }
}

INSTANTIATE_TEST_SUITE_P(Flavors, ReadOnlyTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
