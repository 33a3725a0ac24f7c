#include "server_test_support.hpp"

#include <epicor/testing/mock_error.hpp>

#include <gtest/gtest.h>

namespace epicor::testing {
namespace {

using namespace test_support;

class ServerMethods : public ::testing::Test {
protected:
    void SetUp() override {
        server.start();
        client = make_client(server);
    }

    MockKineticServer server;
    std::unique_ptr<httplib::Client> client;
};

TEST_F(ServerMethods, GetByIdPostAndGet) {
    auto posted = client->Post(v2("Erp.BO.CustomerSvc/GetByID").c_str(), R"({"custNum":2})", "application/json");
    ASSERT_TRUE(posted);
    ASSERT_EQ(posted->status, 200) << posted->body;
    EXPECT_EQ(body_of(posted)["returnObj"]["Customer"][0]["CustNum"], 2);
    EXPECT_TRUE(body_of(posted).contains("parameters"));

    auto by_get = client->Get(v1("Erp.BO.CustomerSvc/GetByID?custNum=3").c_str());
    ASSERT_TRUE(by_get);
    ASSERT_EQ(by_get->status, 200) << by_get->body;
    EXPECT_EQ(body_of(by_get)["returnObj"]["Customer"][0]["CustNum"], 3);

    auto missing = client->Post(v2("Erp.BO.CustomerSvc/GetByID").c_str(), R"({"custNum":99999})", "application/json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_F(ServerMethods, GetListPagesWithMorePage) {
    auto first = client->Post(v2("Erp.BO.CustomerSvc/GetList").c_str(),
                              R"({"whereClause":"","pageSize":15,"absolutePage":1})", "application/json");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 200) << first->body;
    EXPECT_EQ(body_of(first)["returnObj"]["CustomerList"].size(), 15U);
    EXPECT_EQ(body_of(first)["parameters"]["morePage"], true);

    auto last = client->Post(v2("Erp.BO.CustomerSvc/GetList").c_str(),
                             R"({"whereClause":"","pageSize":15,"absolutePage":3})", "application/json");
    ASSERT_TRUE(last);
    EXPECT_EQ(body_of(last)["returnObj"]["CustomerList"].size(), 10U);
    EXPECT_EQ(body_of(last)["parameters"]["morePage"], false);
}

TEST_F(ServerMethods, GetListWhereClause) {
    auto result = client->Post(v2("Erp.BO.CustomerSvc/GetList").c_str(),
                               R"({"whereClause":"Customer.CustNum <= 2 AND CustID <> ''","pageSize":0,"absolutePage":0})",
                               "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(body_of(result)["returnObj"]["CustomerList"].size(), 2U);
}

TEST_F(ServerMethods, GetRowsWhereClause) {
    auto result = client->Post(v2("Erp.BO.CustomerSvc/GetRows").c_str(),
                               R"({"whereClauseCustomer":"CustNum = 1","pageSize":0,"absolutePage":0})", "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(body_of(result)["returnObj"]["Customer"].size(), 1U);
}

TEST_F(ServerMethods, UpdateExtAddUpdateDelete) {
    auto added = client->Post(v2("Erp.BO.CustomerSvc/UpdateExt").c_str(),
                              R"({"ds":{"Customer":[{"RowMod":"A","CustNum":7000,"CustID":"UPX","Name":"Up X"}]},
                                 "continueProcessingOnError":false,"rollbackParentOnChildError":false})",
                              "application/json");
    ASSERT_TRUE(added);
    ASSERT_EQ(added->status, 200) << added->body;
    EXPECT_EQ(body_of(added)["parameters"]["errorsOccurred"], false);
    EXPECT_EQ(body_of(added)["parameters"]["ds"]["Customer"][0]["SysRevID"], 1);

    auto updated = client->Post(v2("Erp.BO.CustomerSvc/UpdateExt").c_str(),
                                R"({"ds":{"Customer":[{"RowMod":"U","Company":"EPIC06","CustNum":7000,"Name":"Up Y"}]}})",
                                "application/json");
    ASSERT_TRUE(updated);
    ASSERT_EQ(updated->status, 200) << updated->body;
    EXPECT_EQ(body_of(updated)["parameters"]["ds"]["Customer"][0]["SysRevID"], 2);

    auto deleted = client->Post(v2("Erp.BO.CustomerSvc/UpdateExt").c_str(),
                                R"({"ds":{"Customer":[{"RowMod":"D","Company":"EPIC06","CustNum":7000}]}})",
                                "application/json");
    ASSERT_TRUE(deleted);
    EXPECT_EQ(deleted->status, 200);
    auto gone = client->Get(v2("Erp.BO.CustomerSvc/Customers('EPIC06',7000)").c_str());
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 404);
}

TEST_F(ServerMethods, UpdateExtContinueProcessingOnError) {
    const std::string body = R"({"ds":{"Customer":[{"RowMod":"A","CustNum":1,"CustID":"DUP","Name":"Dup"},
                                                   {"RowMod":"A","CustNum":7001,"CustID":"OK","Name":"Fine"}]},
                                 "continueProcessingOnError":true})";
    auto result = client->Post(v2("Erp.BO.CustomerSvc/UpdateExt").c_str(), body, "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(body_of(result)["parameters"]["errorsOccurred"], true);
    EXPECT_EQ(body_of(result)["returnObj"]["BOUpdError"].size(), 1U);

    auto stop = client->Post(v2("Erp.BO.CustomerSvc/UpdateExt").c_str(),
                             R"({"ds":{"Customer":[{"RowMod":"A","CustNum":1,"CustID":"DUP","Name":"Dup"}]}})",
                             "application/json");
    ASSERT_TRUE(stop);
    EXPECT_EQ(stop->status, 409);
}

TEST_F(ServerMethods, MalformedMethodBodyIs400) {
    auto result = client->Post(v2("Erp.BO.CustomerSvc/GetByID").c_str(), "[1,2", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
}

TEST_F(ServerMethods, BaqV1AndV2WithParameters) {
    auto all = client->Get(v1("BaqSvc/zCustomerList/?$top=5").c_str());
    ASSERT_TRUE(all);
    ASSERT_EQ(all->status, 200) << all->body;
    EXPECT_EQ(body_of(all)["value"].size(), 5U);
    EXPECT_TRUE(body_of(all).contains("odata.metadata"));

    auto list = client->Get(v2("BaqSvc/zCustomersByState/Data?State=CA&State=OR&$count=true").c_str());
    ASSERT_TRUE(list);
    ASSERT_EQ(list->status, 200) << list->body;
    EXPECT_TRUE(body_of(list).contains("@odata.count"));

    auto missing = client->Get(v2("BaqSvc/zCustomersByState/Data").c_str());
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 400);

    auto unknown = client->Get(v2("BaqSvc/zcustomerlist/Data").c_str());
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
}

TEST_F(ServerMethods, FunctionsPublishedAndStaging) {
    server.register_function("Pricing", "Quote", [](const nlohmann::json& input) {
        return nlohmann::json{{"total", input.value("qty", 0) * 2}, {"note", nullptr}};
    });
    server.register_function("Pricing", "Draft", [](const nlohmann::json&) { return nlohmann::json{{"ok", true}}; },
                             false);
    server.register_function("Pricing", "Fails", [](const nlohmann::json&) -> nlohmann::json {
        throw ValidationError("qty must be positive");
    });

    auto quote = client->Post("/KineticMock/api/v2/efx/EPIC06/Pricing/Quote", R"({"qty":21,"extra":1})", "application/json");
    ASSERT_TRUE(quote);
    ASSERT_EQ(quote->status, 200) << quote->body;
    EXPECT_EQ(body_of(quote), (nlohmann::json{{"total", 42}}));

    auto hidden = client->Post("/KineticMock/api/v2/efx/EPIC06/Pricing/Draft", "{}", "application/json");
    ASSERT_TRUE(hidden);
    EXPECT_EQ(hidden->status, 404);

    auto staged = client->Post("/KineticMock/api/v2/efx/staging/EPIC06/Pricing/Draft", "{}", "application/json");
    ASSERT_TRUE(staged);
    EXPECT_EQ(staged->status, 200);

    auto failing = client->Post("/KineticMock/api/v2/efx/EPIC06/Pricing/Fails", "{}", "application/json");
    ASSERT_TRUE(failing);
    EXPECT_EQ(failing->status, 400);
    EXPECT_EQ(body_of(failing)["ErrorMessage"], "qty must be positive");

    auto unknown = client->Post("/KineticMock/api/v2/efx/EPIC06/Pricing/quote", "{}", "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
}

}  // namespace
}  // namespace epicor::testing
