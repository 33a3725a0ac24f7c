// Epicor Function results read exactly (outputs by name as typed Values,
// DataSet outputs as rows), and typed request parameters of functions and
// business object methods sent with every digit.
// The decimal cases use a small loopback server with a fixed body that
// records the raw request. The mock cannot serve them, because its function
// handlers build responses as nlohmann::json and its request log
// re-serializes bodies, and both round decimals through double.

#include "client_fixture.hpp"

#include <epicor/epicor_function.hpp>
#include <epicor/error.hpp>

#include <httplib.h>

#include <mutex>
#include <string>
#include <thread>

namespace client_test {
namespace {

constexpr const char* kExactOutputs =
    R"({"Amount": 12345678901234567890123456.78, "Count": 3, "Note": "ok",)"
    R"( "Result": {"Quote": [{"Line": 1, "Price": 0.1000000000000000055511151231257827},)"
    R"( {"Line": 2, "Price": -7.5E-12}]}})";

// Responds to every POST on 127.0.0.1 with a fixed response body and records
// the last request body.
class FixedResponseServer {
public:
    FixedResponseServer() {
        server_.Post(".*",
                     [this](const httplib::Request& request, httplib::Response& response) {
                         {
                             std::lock_guard lock(mutex_);
                             last_body_ = request.body;
                         }
                         response.set_content(kExactOutputs, "application/json");
                     });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) {
            std::this_thread::yield();
        }
    }

    ~FixedResponseServer() {
        server_.stop();
        thread_.join();
    }

    FixedResponseServer(const FixedResponseServer&) = delete;
    FixedResponseServer& operator=(const FixedResponseServer&) = delete;

    std::string connection_string() const {
        return "URL=http://127.0.0.1:" + std::to_string(port_) +
               ";ERPInstance=Kinetic;User=manager;Password=secret;ApiVersion=v2;Company=EPIC06;"
               "ApiKey=test-key";
    }

    std::string last_body() {
        std::lock_guard lock(mutex_);
        return last_body_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::string last_body_;
};

TEST(FunctionResult, OutputsKeepDecimalDigits) {
    FixedResponseServer server;
    const epicor::FunctionResult result =
        epicor::connect(server.connection_string()).function("Lib", "Fn").invoke();

    const epicor::Value amount = result.value("Amount");
    ASSERT_EQ(amount.type(), epicor::ValueType::decimal);
    EXPECT_EQ(amount.get<epicor::Decimal>().to_string(), "12345678901234567890123456.78");
    EXPECT_EQ(result.value("Count").get<std::int64_t>(), 3);
    EXPECT_EQ(result.value("Note").get<std::string>(), "ok");
    EXPECT_TRUE(result.value("Missing").is_null());
    EXPECT_TRUE(result.outputs.contains("Amount"));
}

TEST(FunctionResult, DataSetOutputRowsAreExact) {
    FixedResponseServer server;
    const epicor::FunctionResult result =
        epicor::connect(server.connection_string()).function("Lib", "Fn").invoke();

    const std::vector<epicor::Row> rows = result.table("Result", "Quote");
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].get<std::int64_t>("Line"), 1);
    EXPECT_EQ(rows[0].get<epicor::Decimal>("Price").to_string(),
              "0.1000000000000000055511151231257827");
    EXPECT_EQ(rows[1].get<epicor::Decimal>("Price").to_string(), "-0.0000000000075");
    EXPECT_THROW(result.table("Result", "Missing"), epicor::DataError);
    EXPECT_THROW(result.table("Amount", "Quote"), epicor::DataError);
}

TEST(FunctionResult, ValueParametersSendExactDigits) {
    FixedResponseServer server;
    epicor::connect(server.connection_string())
        .function("Lib", "Fn")
        .invoke_with_values(epicor::FieldValues{
            {"Price", epicor::Decimal::parse("1234.5678901234567890123")}, {"Part", "BRK-100"}});
    EXPECT_EQ(server.last_body(), R"({"Price":1234.5678901234567890123,"Part":"BRK-100"})");
}

TEST(MethodValueParameters, SendExactDigits) {
    FixedResponseServer server;
    epicor::connect(server.connection_string())
        .service("Erp.BO.CustomerSvc")
        .call_with_values("GetByID", epicor::FieldValues{
                                         {"custNum", 1},
                                         {"ipAmount", epicor::Decimal::parse("-0.000000000000000000012")},
                                         {"ipNote", nullptr}});
    EXPECT_EQ(server.last_body(), R"({"custNum":1,"ipAmount":-0.000000000000000000012,"ipNote":null})");
}

class FunctionResultMockTest : public ::testing::TestWithParam<bool> {
protected:
    void SetUp() override {
        mock::MockServerOptions options;
        options.tls = GetParam();
        server.emplace(options);
        server->register_function("PricingLib", "Quote", [](const nlohmann::json& request) {
            return nlohmann::json{{"price", request.value("quantity", 0) * 2}, {"note", nullptr}};
        });
        server->start();
    }

    std::optional<mock::MockKineticServer> server;
};

TEST_P(FunctionResultMockTest, InvokeReadsOutputsByName) {
    auto conn = epicor::connect(server->connection_string(mock::ODataVersion::v2));
    const epicor::FunctionResult result =
        conn.function("PricingLib", "Quote").invoke({{"quantity", 21}});
    EXPECT_EQ(result.value("price").get<std::int64_t>(), 42);
    // Kinetic omits null outputs, so a null output reads as null.
    EXPECT_TRUE(result.value("note").is_null());
    EXPECT_EQ(result.outputs.at("price"), 42);
}

TEST_P(FunctionResultMockTest, InvokeWithValuesSendsTypedParameters) {
    auto conn = epicor::connect(server->connection_string(mock::ODataVersion::v2));
    const epicor::FunctionResult result = conn.function("PricingLib", "Quote")
                                              .invoke_with_values(epicor::FieldValues{{"quantity", 5}});
    EXPECT_EQ(result.value("price").get<std::int64_t>(), 10);
}

INSTANTIATE_TEST_SUITE_P(Transports, FunctionResultMockTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                             return std::string(param_info.param ? "Https" : "Http");
                         });

}  // namespace
}  // namespace client_test
