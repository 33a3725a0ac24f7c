// Epicor Functions over REST v2: published and staging paths, errors.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

namespace client_test {
namespace {

class EpicorFunctionTest : public ::testing::TestWithParam<bool> {
protected:
    void SetUp() override {
        mock::MockServerOptions options;
        options.tls = GetParam();
        server.emplace(options);
        server->register_function("PricingLib", "Quote", [](const nlohmann::json& request) {
            return nlohmann::json{{"price", request.value("quantity", 0) * 2}, {"note", nullptr}};
        });
        server->register_function(
            "PricingLib", "Draft", [](const nlohmann::json&) { return nlohmann::json{{"ok", true}}; },
            false);
        server->start();
    }

    epicor::Connection connect() {
        return epicor::connect(server->connection_string(mock::ODataVersion::v2));
    }

    std::optional<mock::MockKineticServer> server;
};

TEST_P(EpicorFunctionTest, CallsPublishedFunction) {
    const nlohmann::json response = connect().function("PricingLib", "Quote").call({{"quantity", 21}});
    EXPECT_EQ(response.at("price"), 42);
    EXPECT_FALSE(response.contains("note"));
}

TEST_P(EpicorFunctionTest, StagingReachesUnpublished) {
    auto conn = connect();
    EXPECT_THROW(conn.function("PricingLib", "Draft").call(), epicor::NotFoundError);
    EXPECT_EQ(conn.function("PricingLib", "Draft", true).call().at("ok"), true);
}

TEST_P(EpicorFunctionTest, UnknownFunctionIsNotFound) {
    EXPECT_THROW(connect().function("PricingLib", "NoSuch").call(), epicor::NotFoundError);
}

INSTANTIATE_TEST_SUITE_P(Transports, EpicorFunctionTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                             return param_info.param ? std::string("Https") : std::string("Http");
                         });

}  // namespace
}  // namespace client_test
