// Every epicor subcommand against the mock server's demo company EPIC06.

#include "cli_fixture.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace epicor::cli::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
        lines.push_back(line);
    }
    return lines;
}

TEST_F(CliTest, VersionPrintsVersion) {
    const auto result = run_epicor({"--version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("epicor 0."), std::string::npos) << result.out;
}

TEST_F(CliTest, HelpListsExitCodes) {
    const auto result = run_epicor({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("Exit codes:"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("EPICOR_CONNECTION"), std::string::npos);
}

TEST_F(CliTest, ServicesListsDemoServices) {
    const auto result = run({"services", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Erp.BO.CustomerSvc\r\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("Erp.BO.PartSvc\r\n"), std::string::npos);
}

TEST_F(CliTest, EntitySetsOfNamedService) {
    const auto result = run({"entity-sets", "--service", "Erp.BO.SalesOrderSvc", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("SalesOrders\r\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("OrderDtls\r\n"), std::string::npos);
}

TEST_F(CliTest, EntitySetsOfDefaultService) {
    const auto result = run({"entity-sets", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Customers\r\n"), std::string::npos) << result.out;
}

TEST_F(CliTest, DescribeShowsTypesAndKeys) {
    const auto result = run({"describe", "Customers", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    bool found_cust_num = false;
    bool found_credit_limit = false;
    for (const auto& line : lines_of(result.out)) {
        const auto column = nlohmann::json::parse(line);
        if (column["Name"] == "CustNum") {
            found_cust_num = true;
            EXPECT_EQ(column["Type"], "Edm.Int32");
            EXPECT_EQ(column["Key"], true);
            EXPECT_EQ(column["Nullable"], false);
        }
        if (column["Name"] == "CreditLimit") {
            found_credit_limit = true;
            EXPECT_EQ(column["Type"], "Edm.Decimal");
            EXPECT_EQ(column["Precision"], 28);
            EXPECT_EQ(column["Scale"], 2);
            EXPECT_EQ(column["Key"], false);
        }
    }
    EXPECT_TRUE(found_cust_num) << result.out;
    EXPECT_TRUE(found_credit_limit) << result.out;
}

TEST_F(CliTest, DescribeAcceptsServiceSlashSet) {
    const auto result = run({"describe", "Erp.BO.PartSvc/Parts", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("PartNum,Edm.String"), std::string::npos) << result.out;
}

TEST_F(CliTest, QueryWithFilterOrderTopSkip) {
    const auto result = run({"query", "Customers", "--select", "CustID,Country", "--filter", "Country eq 'Japan'",
                             "--order-by", "CustID desc", "--top", "2", "--skip", "1", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // Japanese customers by CustID descending: TOKAI, SAKURA, HOKUTO, FUJIKO.
    EXPECT_EQ(result.out, "CustID,Country\r\nSAKURA,Japan\r\nHOKUTO,Japan\r\n");
}

TEST_F(CliTest, QueryCountGoesToStderr) {
    const auto result = run({"query", "Customers", "--select", "CustNum", "--top", "1", "--count", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("Total count: 40"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "CustNum\r\n1\r\n");
}

TEST_F(CliTest, BaqWithScalarParameter) {
    const auto result = run({"baq", "zOrdersByCustomer", "--param", "CustID=ADDISON", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = lines_of(result.out);
    ASSERT_FALSE(lines.empty());
    for (const auto& line : lines) {
        EXPECT_NE(line.find("ADDISON"), std::string::npos) << line;
    }
}

TEST_F(CliTest, BaqWithListParameter) {
    const auto result = run({"baq", "zCustomersByState", "--param", "State=MN", "--param", "State=OH",
                             "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = lines_of(result.out);
    // ADDISON and NORTHST are in MN, DALTON and ZENITH in OH.
    EXPECT_EQ(lines.size(), 4u) << result.out;
}

TEST_F(CliTest, BaqWithoutRequiredParameterFails) {
    const auto result = run({"baq", "zOrdersByCustomer"});
    EXPECT_EQ(result.exit_code, 5) << result.err;
    EXPECT_NE(result.err.find("epicor: "), std::string::npos);
}

TEST_F(CliTest, GetByIntegerKey) {
    const auto result = run({"get", "Customers", "EPIC06", "2", "--select", "CustNum,Name", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto row = nlohmann::json::parse(result.out);
    EXPECT_EQ(row["CustNum"], 2);
    EXPECT_EQ(row["Name"], "株式会社さくら精機");
}

TEST_F(CliTest, GetByStringKey) {
    const auto result = run({"get", "Erp.BO.PartSvc/Parts", "EPIC06", "BRK-100", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("\"UnitPrice\":1234.5678901234"), std::string::npos) << result.out;
}

TEST_F(CliTest, GetQuotedDigitsStayString) {
    // CustNum is Int32, so forcing a string key makes the server reject it.
    const auto as_number = run({"get", "Customers", "EPIC06", "3", "--format", "csv"});
    EXPECT_EQ(as_number.exit_code, 0) << as_number.err;
    const auto as_string = run({"get", "Customers", "EPIC06", "'3'", "--format", "csv"});
    EXPECT_NE(as_string.exit_code, 0) << as_string.out;
}

TEST_F(CliTest, CallMethodWithInput) {
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input", R"({"custNum": 3})"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    EXPECT_TRUE(document.contains("returnObj")) << result.out;
    EXPECT_NE(result.out.find("MUELLER"), std::string::npos) << result.out;
}

TEST_F(CliTest, CallMethodReadsStdin) {
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input", "-"}, R"({"custNum": 4})");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("BAYSIDE"), std::string::npos) << result.out;
}

TEST_F(CliTest, CallMethodReadsInputFile) {
    TempDirectory directory;
    const std::string path = directory.path() + "/input.json";
    write_file(path, R"({"custNum": 5})");
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input-file", path});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("CASCADE"), std::string::npos) << result.out;
}

TEST_F(CliTest, CallWithInvalidJsonIsUsageError) {
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input", "{custNum: 5"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("invalid command line: --input"), std::string::npos) << result.err;
}

TEST_F(CliTest, FunctionCallReturnsOutput) {
    server_->register_function("Pricing", "Double", [](const nlohmann::json& request) {
        return nlohmann::json{{"result", request.at("value").get<int>() * 2}};
    });
    const auto result = run({"function", "Pricing", "Double", "--input", R"({"value": 21})"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out)["result"], 42);
}

TEST_F(CliTest, FunctionStagingReachesUnpublished) {
    server_->register_function(
        "Pricing", "Draft", [](const nlohmann::json&) { return nlohmann::json{{"ok", true}}; }, false);
    const auto published = run({"function", "Pricing", "Draft"});
    EXPECT_EQ(published.exit_code, 5) << published.out;
    const auto staging = run({"function", "Pricing", "Draft", "--staging"});
    ASSERT_EQ(staging.exit_code, 0) << staging.err;
    EXPECT_EQ(nlohmann::json::parse(staging.out)["ok"], true);
}

TEST_F(CliTest, PropertiesListsCatalog) {
    const auto result = run_epicor({"properties", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    bool password_is_sensitive = false;
    for (const auto& line : lines_of(result.out)) {
        const auto property = nlohmann::json::parse(line);
        if (property["Name"] == "Password") {
            password_is_sensitive = property["Sensitive"] == true;
        }
    }
    EXPECT_TRUE(password_is_sensitive) << result.out;
}

TEST_F(CliTest, ConnectionFlagBeatsFileAndEnvironment) {
    TempDirectory directory;
    const std::string path = directory.path() + "/connection.txt";
    write_file(path, connection_string() + "\n");

    // A valid file wins over an invalid environment variable.
    const auto from_file = run_epicor({"services", "--connection-file", path},
                                      {{"EPICOR_CONNECTION", "this is not a connection string"}});
    EXPECT_EQ(from_file.exit_code, 0) << from_file.err;

    // A valid --connection wins over an invalid environment variable.
    const auto from_flag = run_epicor({"services", "--connection", connection_string()},
                                      {{"EPICOR_CONNECTION", "this is not a connection string"}});
    EXPECT_EQ(from_flag.exit_code, 0) << from_flag.err;
}

TEST_F(CliTest, MissingConnectionIsConfigError) {
    const auto result = run_epicor({"services"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("EPICOR_CONNECTION"), std::string::npos) << result.err;
}

TEST_F(CliTest, OAuthUrlPrintsAuthorizationUrl) {
    // oauth-url only builds the URL; nothing is sent to Azure AD.
    const std::string connection =
        "URL=http://127.0.0.1:9;ERPInstance=Kinetic;AuthScheme=AzureADOpenID;AzureTenant=contoso.example;"
        "OAuthClientId=cli-test-client;OAuthClientSecret=" + std::string(kSecretPassword) +
        ";CallbackURL=http://localhost:33333;OAuthSettingsLocation=memory://";
    const auto result = run_epicor({"oauth-url"}, {{"EPICOR_CONNECTION", connection}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    const std::string url = document["URL"];
    EXPECT_NE(url.find("client_id=cli-test-client"), std::string::npos) << url;
    EXPECT_FALSE(document["State"].get<std::string>().empty());
    EXPECT_EQ(result.out.find(kSecretPassword), std::string::npos);
}

TEST_F(CliTest, OAuthCommandsNeedAzureScheme) {
    const auto result = run({"oauth-url"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("AuthScheme"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace epicor::cli::test
