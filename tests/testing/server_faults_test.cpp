#include "server_test_support.hpp"

#include <gtest/gtest.h>

namespace epicor::testing {
namespace {

using namespace test_support;

class ServerFaults : public ::testing::Test {
protected:
    void SetUp() override {
        server.start();
        client = make_client(server);
    }

    MockKineticServer server;
    std::unique_ptr<httplib::Client> client;
    const std::string customers = v2("Erp.BO.CustomerSvc/Customers?$top=20");
};

TEST_F(ServerFaults, StatusWithRetryAfterTwice) {
    server.faults().add(Fault::status(503).retry_after("2").times(2).on("/Customers"));

    for (int i = 0; i < 2; ++i) {
        auto result = client->Get(customers.c_str());
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 503);
        EXPECT_EQ(result->get_header_value("Retry-After"), "2");
        EXPECT_EQ(body_of(result)["HttpStatus"], 503);
    }
    auto third = client->Get(customers.c_str());
    ASSERT_TRUE(third);
    EXPECT_EQ(third->status, 200);
    EXPECT_EQ(server.faults().pending(), 0U);
    EXPECT_EQ(server.faults().fired(), 2U);
}

TEST_F(ServerFaults, PatternLimitsRoute) {
    server.faults().add(Fault::status(500).on("/Parts$"));
    auto other = client->Get(customers.c_str());
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    auto parts = client->Get(v2("Erp.BO.PartSvc/Parts").c_str());
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->status, 500);
}

TEST_F(ServerFaults, AfterSkipsFirstRequests) {
    server.faults().add(Fault::status(502).after(1).times(1));
    auto first = client->Get(customers.c_str());
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    auto second = client->Get(customers.c_str());
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 502);
}

TEST_F(ServerFaults, PlainTextAndHtmlBodies) {
    server.faults().add(Fault::status(502).plain_text("Bad Gateway").times(1));
    server.faults().add(Fault::status(504).html("<html><body>Gateway Timeout</body></html>").times(1));
    auto text = client->Get(customers.c_str());
    ASSERT_TRUE(text);
    EXPECT_EQ(text->status, 502);
    EXPECT_EQ(text->body, "Bad Gateway");
    EXPECT_EQ(text->get_header_value("Content-Type").rfind("text/plain", 0), 0U);
    auto html = client->Get(customers.c_str());
    ASSERT_TRUE(html);
    EXPECT_EQ(html->status, 504);
    EXPECT_EQ(html->get_header_value("Content-Type").rfind("text/html", 0), 0U);
}

TEST_F(ServerFaults, ResetWithoutResponse) {
    server.faults().add(Fault::reset().times(1));
    auto result = client->Get(customers.c_str());
    EXPECT_FALSE(result);
    auto next = client->Get(customers.c_str());
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
}

TEST_F(ServerFaults, ResetMidBody) {
    server.faults().add(Fault::reset_mid_body().times(1));
    auto result = client->Get(customers.c_str());
    EXPECT_FALSE(result);
}

TEST_F(ServerFaults, TruncatedBody) {
    server.faults().add(Fault::truncated_body().times(1));
    auto result = client->Get(customers.c_str());
    EXPECT_FALSE(result);
}

TEST_F(ServerFaults, MalformedJson) {
    server.faults().add(Fault::malformed_json().times(1));
    auto result = client->Get(customers.c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_TRUE(nlohmann::json::parse(result->body, nullptr, false).is_discarded());
}

TEST_F(ServerFaults, ExpiredTokenFor401) {
    server.faults().add(Fault::expired_token().times(1));
    auto result = client->Get(customers.c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
    EXPECT_NE(body_of(result)["ErrorMessage"].get<std::string>().find("expired"), std::string::npos);
}

TEST_F(ServerFaults, TrickleDeliversWholeBody) {
    auto normal = client->Get(customers.c_str());
    ASSERT_TRUE(normal);
    server.faults().add(Fault::trickle(512, std::chrono::milliseconds(1)).times(1));
    auto slow = client->Get(customers.c_str());
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->status, 200);
    EXPECT_EQ(body_of(slow)["value"], body_of(normal)["value"]);
}

TEST_F(ServerFaults, DelayThenNormalAnswer) {
    server.faults().add(Fault::delay(std::chrono::milliseconds(50)).times(1));
    auto result = client->Get(customers.c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(server.request_log().last()->fault, "delay");
}

TEST_F(ServerFaults, MethodFilterAndClear) {
    server.faults().add(Fault::status(500).method("POST"));
    auto get = client->Get(customers.c_str());
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 200);
    server.faults().clear();
    EXPECT_EQ(server.faults().pending(), 0U);
}

TEST(FaultBuilder, RejectsInvalidValues) {
    EXPECT_THROW(Fault::status(42), std::invalid_argument);
    EXPECT_THROW(Fault::trickle(0, std::chrono::milliseconds(1)), std::invalid_argument);
    EXPECT_THROW(Fault::status(500).times(0), std::invalid_argument);
    EXPECT_THROW(Fault::status(500).on("(unclosed"), std::invalid_argument);
}

}  // namespace
}  // namespace epicor::testing
