#include "server_test_support.hpp"

#include <gtest/gtest.h>

namespace epicor::testing {
namespace {

using namespace test_support;

class ServerOData : public ::testing::Test {
protected:
    void SetUp() override {
        MockServerOptions options;
        options.page_cap = 10;
        options.max_page_size = 15;
        server = std::make_unique<MockKineticServer>(options);
        server->start();
        client = make_client(*server);
    }

    std::unique_ptr<MockKineticServer> server;
    std::unique_ptr<httplib::Client> client;
};

TEST_F(ServerOData, ServiceListBothVersions) {
    auto one = client->Get(v1("").c_str());
    ASSERT_TRUE(one);
    ASSERT_EQ(one->status, 200);
    EXPECT_TRUE(body_of(one).contains("odata.metadata"));
    EXPECT_FALSE(body_of(one)["value"].empty());

    auto two = client->Get(v2("").c_str());
    ASSERT_TRUE(two);
    ASSERT_EQ(two->status, 200);
    EXPECT_TRUE(body_of(two).contains("@odata.context"));
}

TEST_F(ServerOData, ServiceDocumentListsEntitySets) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    bool has_customers = false;
    const auto body = body_of(result);
    for (const auto& set : body["value"]) {
        has_customers = has_customers || set["name"] == "Customers";
    }
    EXPECT_TRUE(has_customers);
}

TEST_F(ServerOData, MetadataIsCsdl) {
    auto one = client->Get(v1("Erp.BO.CustomerSvc/$metadata").c_str());
    ASSERT_TRUE(one);
    ASSERT_EQ(one->status, 200);
    EXPECT_NE(one->body.find("Edm.DateTime\""), std::string::npos);
    auto two = client->Get(v2("Erp.BO.CustomerSvc/$metadata").c_str());
    ASSERT_TRUE(two);
    ASSERT_EQ(two->status, 200);
    EXPECT_NE(two->body.find("Version=\"4.0\""), std::string::npos);
}

TEST_F(ServerOData, PageCapWithoutTop) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/Customers").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    EXPECT_EQ(body_of(result)["value"].size(), 10U);
    EXPECT_FALSE(body_of(result).contains("@odata.nextLink"));
}

TEST_F(ServerOData, LargeTopIsCappedSilently) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/Customers?$top=30").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    EXPECT_EQ(body_of(result)["value"].size(), 15U);
}

TEST_F(ServerOData, CountShapesPerVersion) {
    auto one = client->Get(v1("Erp.BO.CustomerSvc/Customers?$inlinecount=allpages&$top=1").c_str());
    ASSERT_TRUE(one);
    ASSERT_EQ(one->status, 200);
    EXPECT_EQ(body_of(one)["odata.count"], "40");

    auto two = client->Get(v2("Erp.BO.CustomerSvc/Customers?$count=true&$top=1").c_str());
    ASSERT_TRUE(two);
    ASSERT_EQ(two->status, 200);
    EXPECT_EQ(body_of(two)["@odata.count"], 40);
}

TEST_F(ServerOData, FilterSelectOrderby) {
    auto result = client->Get(
        v2("Erp.BO.CustomerSvc/Customers?$filter=CustNum%20le%203&$select=CustNum,Name&$orderby=CustNum%20desc").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto rows = body_of(result)["value"];
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0]["CustNum"], 3);
    EXPECT_EQ(rows[0].size(), 2U);
}

TEST_F(ServerOData, BadFilterIs400) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/Customers?$filter=CustNum%20eq").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_TRUE(body_of(result).contains("CorrelationId"));
}

TEST_F(ServerOData, EntityByKey) {
    auto result = client->Get(v1("Erp.BO.CustomerSvc/Customers('EPIC06',2)").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    EXPECT_EQ(body_of(result)["Name"], "株式会社さくら精機");
    EXPECT_TRUE(body_of(result).contains("odata.metadata"));

    auto encoded = client->Get(v2("Erp.BO.CustomerSvc/Customers(%27EPIC06%27,2)").c_str());
    ASSERT_TRUE(encoded);
    EXPECT_EQ(encoded->status, 200);
    EXPECT_TRUE(body_of(encoded).contains("@odata.context"));
}

TEST_F(ServerOData, EntityByKeyAppliesSelect) {
    for (const std::string& path : {v1("Erp.BO.CustomerSvc/Customers('EPIC06',2)?$select=Name,CreditLimit"),
                                    v2("Erp.BO.CustomerSvc/Customers('EPIC06',2)?$select=Name,CreditLimit")}) {
        auto result = client->Get(path.c_str());
        ASSERT_TRUE(result) << path;
        ASSERT_EQ(result->status, 200) << path << ": " << result->body;
        const auto body = body_of(result);
        EXPECT_EQ(body["Name"], "株式会社さくら精機") << path;
        EXPECT_TRUE(body.contains("CreditLimit")) << path;
        EXPECT_FALSE(body.contains("CustNum")) << path;
        EXPECT_FALSE(body.contains("Company")) << path;
        // Two fields plus the metadata or context annotation.
        EXPECT_EQ(body.size(), 3U) << path;
    }
}

TEST_F(ServerOData, EntityByKeyRejectsUnknownSelect) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/Customers('EPIC06',2)?$select=Name,NoSuchField").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_NE(result->body.find("NoSuchField"), std::string::npos) << result->body;
}

TEST_F(ServerOData, StringKeyWithDoubledQuote) {
    auto result = client->Get(v2("Erp.BO.PartSvc/Parts('EPIC06','O''Brien')").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_EQ(body_of(result)["HttpStatus"], 404);
}

TEST_F(ServerOData, BadKeysAre400) {
    for (const char* key : {"Customers('EPIC06',12", "Customers('EPIC06')", "Customers('EPIC06','x')",
                            "Customers('EPIC06,12)"}) {
        auto result = client->Get(v2(std::string("Erp.BO.CustomerSvc/") + key).c_str());
        ASSERT_TRUE(result) << key;
        EXPECT_EQ(result->status, 400) << key;
    }
}

TEST_F(ServerOData, MissingEntityIs404) {
    auto result = client->Get(v2("Erp.BO.CustomerSvc/Customers('EPIC06',99999)").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
}

TEST_F(ServerOData, WrongCaseIs404ApiException) {
    for (const char* path : {"erp.bo.CustomerSvc/Customers", "Erp.BO.CustomerSvc/customers", "Erp.BO.CustomerSvc/Getbyid"}) {
        auto result = client->Get(v2(path).c_str());
        ASSERT_TRUE(result) << path;
        EXPECT_EQ(result->status, 404) << path;
        EXPECT_EQ(body_of(result)["ErrorType"], "Epicor.RESTApi.ErrorHandling.ApiException") << path;
    }
}

TEST_F(ServerOData, CreateUpdateDeleteWithSysRevId) {
    const std::string set = v2("Erp.BO.CustomerSvc/Customers");
    auto created = client->Post(set.c_str(), R"({"Company":"EPIC06","CustNum":5000,"CustID":"NEWCO","Name":"New Co"})",
                                "application/json");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    EXPECT_EQ(body_of(created)["SysRevID"], 1);
    EXPECT_NE(created->get_header_value("Location").find("Customers('EPIC06',5000)"), std::string::npos);

    auto duplicate = client->Post(set.c_str(), R"({"Company":"EPIC06","CustNum":5000,"CustID":"NEWCO","Name":"Again"})",
                                  "application/json");
    ASSERT_TRUE(duplicate);
    EXPECT_EQ(duplicate->status, 409);

    const std::string entity = set + "('EPIC06',5000)";
    auto updated = client->Patch(entity.c_str(), R"({"Name":"Renamed Co"})", "application/json");
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->status, 204);

    auto read = client->Get(entity.c_str());
    ASSERT_TRUE(read);
    EXPECT_EQ(body_of(read)["Name"], "Renamed Co");
    EXPECT_EQ(body_of(read)["SysRevID"], 2);

    auto deleted = client->Delete(entity.c_str());
    ASSERT_TRUE(deleted);
    EXPECT_EQ(deleted->status, 204);
    auto gone = client->Get(entity.c_str());
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 404);
}

TEST_F(ServerOData, MalformedBodyIs400) {
    auto result = client->Post(v2("Erp.BO.CustomerSvc/Customers").c_str(), "{not json", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_TRUE(body_of(result).contains("ErrorMessage"));
}

TEST(ServerODataNextLink, EmittedWhenEnabled) {
    MockServerOptions options;
    options.page_cap = 10;
    options.emit_next_link = true;
    MockKineticServer server(options);
    server.start();
    auto client = make_client(server);

    auto first = client->Get(v2("Erp.BO.CustomerSvc/Customers").c_str());
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 200);
    const std::string link = body_of(first)["@odata.nextLink"].get<std::string>();
    EXPECT_NE(link.find("$skip=10"), std::string::npos);

    const std::string path = link.substr(link.find("/KineticMock"));
    auto second = client->Get(path.c_str());
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 200);
    EXPECT_EQ(body_of(second)["value"][0]["CustNum"], body_of(first)["value"][9]["CustNum"].get<int>() + 1);

    auto v1_page = client->Get(v1("Erp.BO.CustomerSvc/Customers").c_str());
    ASSERT_TRUE(v1_page);
    EXPECT_TRUE(body_of(v1_page).contains("odata.nextLink"));
}

TEST(ServerODataGenerated, GeneratedDatasetServesRows) {
    MockServerOptions options;
    options.dataset = "generated:1000";
    MockKineticServer server(options);
    server.start();
    auto client = make_client(server);
    auto result = client->Get(v2("Ice.BO.BenchSvc/BenchRows?$skip=990&$count=true").c_str());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    EXPECT_EQ(body_of(result)["value"].size(), 10U);
    EXPECT_EQ(body_of(result)["@odata.count"], 1000);
}

}  // namespace
}  // namespace epicor::testing
