#pragma once

// A MockKineticServer per test and connections to it, for the client
// integration tests. Parametrised over API version and HTTP/HTTPS.

#include <epicor/connection.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace client_test {

namespace mock = epicor::testing;

struct Flavor {
    mock::ODataVersion version;
    bool tls;
};

inline std::string flavor_name(const ::testing::TestParamInfo<Flavor>& info) {
    return std::string(info.param.version == mock::ODataVersion::v1 ? "v1" : "v2") +
           (info.param.tls ? "Https" : "Http");
}

inline auto all_flavors() {
    return ::testing::Values(Flavor{mock::ODataVersion::v1, false}, Flavor{mock::ODataVersion::v1, true},
                             Flavor{mock::ODataVersion::v2, false}, Flavor{mock::ODataVersion::v2, true});
}

class ClientTest : public ::testing::TestWithParam<Flavor> {
protected:
    /// Starts a server with `options`, over HTTPS when the flavor sets tls.
    void start(mock::MockServerOptions options = {}) {
        options.tls = GetParam().tls;
        server_ = std::make_unique<mock::MockKineticServer>(options);
        server_->start();
    }

    mock::MockKineticServer& server() { return *server_; }

    bool v2() const { return GetParam().version == mock::ODataVersion::v2; }

    /// Returns the server's connection string followed by `extra`
    /// properties, which override the server's own because a repeated name
    /// keeps its last value.
    std::string connection_string(const std::string& extra = {}) const {
        return server_->connection_string(GetParam().version) + ";" + extra;
    }

    epicor::Connection connect(const std::string& extra = {}) const {
        return epicor::connect(connection_string(extra));
    }

private:
    std::unique_ptr<mock::MockKineticServer> server_;
};

}  // namespace client_test
