// connect(), service discovery, $metadata columns, Basic login and the
// Kinetic headers as the mock server received them.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

#include <algorithm>

namespace client_test {
namespace {

using ConnectTest = ClientTest;

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

TEST(Connect, V2WithoutApiKeyIsConfigError) {
    try {
        epicor::connect("URL=https://127.0.0.1:9;ERPInstance=Live;ApiVersion=v2;Company=EPIC06;"
                        "User=manager;Password=hidden-value");
        FAIL() << "expected ConfigError";
    } catch (const epicor::ConfigError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("ApiKey"), std::string::npos) << message;
        EXPECT_EQ(message.find("hidden-value"), std::string::npos) << message;
    }
}

TEST(Connect, MissingUrlIsConfigError) {
    EXPECT_THROW(epicor::connect("User=manager;Password=x"), epicor::ConfigError);
}

TEST(Connect, PlainHttpToRemoteHostIsConfigError) {
    // Rejected while parsing, so nothing is sent to the host.
    EXPECT_THROW(epicor::connect("URL=http://kinetic.invalid;ERPInstance=Live;User=manager;"
                                 "Password=x"),
                 epicor::ConfigError);
}

TEST(Connect, SendsNothingUntilFirstCall) {
    mock::MockKineticServer server;
    server.start();
    auto conn = epicor::connect(server.connection_string(mock::ODataVersion::v1));
    EXPECT_EQ(server.counters().requests, 0U);
    EXPECT_EQ(conn.company(), "EPIC06");
    EXPECT_EQ(conn.base_url(), server.base_url());
}

TEST(Connect, FunctionOnV1IsConfigError) {
    mock::MockKineticServer server;
    server.start();
    auto conn = epicor::connect(server.connection_string(mock::ODataVersion::v1));
    EXPECT_THROW(conn.function("Lib", "Fn"), epicor::ConfigError);
}

TEST(Connect, DefaultServiceMissingIsConfigError) {
    mock::MockKineticServer server;
    server.start();
    auto conn = epicor::connect(server.connection_string(mock::ODataVersion::v1));
    if (conn.default_service_name().empty()) {
        EXPECT_THROW(conn.service(), epicor::ConfigError);
    }
    auto with_service = epicor::connect(server.connection_string(mock::ODataVersion::v1) +
                                        ";Service=Erp.BO.PartSvc");
    EXPECT_EQ(with_service.service().name(), "Erp.BO.PartSvc");
}

TEST_P(ConnectTest, ListsServices) {
    start();
    const auto services = connect().services();
    EXPECT_TRUE(contains(services, "Erp.BO.CustomerSvc"));
    EXPECT_TRUE(contains(services, "Erp.BO.PartSvc"));
}

TEST_P(ConnectTest, ListsEntitySets) {
    start();
    const auto sets = connect().service("Erp.BO.CustomerSvc").entity_sets();
    EXPECT_TRUE(contains(sets, "Customers"));
    EXPECT_TRUE(contains(sets, "ShipToes"));
}

TEST_P(ConnectTest, DescribesColumnsFromMetadata) {
    start();
    auto customers = connect().service("Erp.BO.CustomerSvc").entity_set("Customers");
    const auto columns = customers.columns();
    const auto credit = std::find_if(columns.begin(), columns.end(),
                                     [](const epicor::Column& c) { return c.name == "CreditLimit"; });
    ASSERT_NE(credit, columns.end());
    EXPECT_EQ(credit->type, epicor::EdmType::decimal);
    EXPECT_EQ(credit->precision, 28);
    EXPECT_EQ(credit->scale, 2);
    EXPECT_TRUE(credit->nullable);
    EXPECT_EQ(customers.key_names(), (std::vector<std::string>{"Company", "CustNum"}));
}

TEST_P(ConnectTest, MetadataReadOncePerService) {
    start();
    auto conn = connect();
    auto customers = conn.service("Erp.BO.CustomerSvc").entity_set("Customers");
    customers.columns();
    customers.columns();
    conn.service("Erp.BO.CustomerSvc").columns("ShipToes");
    std::size_t metadata_reads = 0;
    for (const auto& entry : server().request_log().entries()) {
        metadata_reads += entry.path.find("$metadata") != std::string::npos ? 1U : 0U;
    }
    EXPECT_EQ(metadata_reads, 1U);
}

TEST_P(ConnectTest, UnknownEntitySetColumnsIsNotFound) {
    start();
    auto set = connect().service("Erp.BO.CustomerSvc").entity_set("customers");
    EXPECT_THROW(set.columns(), epicor::NotFoundError);
}

TEST_P(ConnectTest, RequestsCarryKineticHeaders) {
    start();
    auto conn = connect("LicenseType=WebService;Plant=MfgSys");
    conn.service("Erp.BO.CustomerSvc").entity_set("Customers").query().top(1).execute().next();

    const auto entries = server().request_log().entries();
    ASSERT_FALSE(entries.empty());
    for (const auto& entry : entries) {
        EXPECT_EQ(entry.auth_scheme, "Basic") << entry.path;
        EXPECT_EQ(entry.user, "manager") << entry.path;
        EXPECT_EQ(entry.company, "EPIC06") << entry.path;
        EXPECT_EQ(entry.plant, "MfgSys") << entry.path;
        EXPECT_EQ(entry.license, "00000003-9439-4B30-A6F4-6D2FD4B9FD0F") << entry.path;
        EXPECT_EQ(entry.header("x-api-key").has_value(), true) << entry.path;
        const auto call_settings = entry.header("CallSettings");
        ASSERT_TRUE(call_settings.has_value()) << entry.path;
        EXPECT_NE(call_settings->find("\"Plant\":\"MfgSys\""), std::string::npos) << *call_settings;
    }
    EXPECT_EQ(entries.back().header("Accept"), "application/json");
}

TEST_P(ConnectTest, V1WithoutPlantSendsCompanyInCallSettings) {
    start();
    auto conn = connect();
    conn.service("Erp.BO.PartSvc").entity_set("Parts").query().top(1).execute().next();
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    if (v2()) {
        EXPECT_FALSE(last->header("CallSettings").has_value());
        EXPECT_TRUE(last->header("x-api-key").has_value());
    } else {
        EXPECT_EQ(last->header("CallSettings"), R"({"Company":"EPIC06"})");
    }
    EXPECT_FALSE(last->header("License").has_value());
}

TEST_P(ConnectTest, WrongPasswordIsUnauthorized) {
    start();
    auto conn = connect("Password=wrong");
    EXPECT_THROW(conn.services(), epicor::UnauthorizedError);
}

TEST_P(ConnectTest, SendRejectsForeignUrl) {
    start();
    epicor::HttpRequest request;
    request.url = "https://kinetic.invalid/Live/api/v1/";
    EXPECT_THROW(connect().send(request), epicor::ConfigError);
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(ConnectTest, AzureAdSchemeSendsBearerToken) {
    start();
    // InitiateOAuth=OFF uses the given token as is, so nothing reaches Azure AD.
    auto conn = connect("AuthScheme=AzureADOpenID;InitiateOAuth=OFF;OAuthAccessToken=static-token-1;"
                        "OAuthSettingsLocation=memory://");
    EXPECT_THROW(conn.services(), epicor::UnauthorizedError);
    const auto last = server().request_log().last();
    ASSERT_TRUE(last.has_value());
    // The mock records auth_scheme only for credentials it accepted, so the
    // masked header is checked instead.
    EXPECT_EQ(last->header("Authorization"), "Bearer " + std::string(mock::masked_value));
    EXPECT_EQ(server().counters().requests, 1U);
}

INSTANTIATE_TEST_SUITE_P(Flavors, ConnectTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
