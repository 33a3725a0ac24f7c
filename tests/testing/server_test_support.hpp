#pragma once

// Plain HTTP clients for the mock server's tests: they talk to the server
// with cpp-httplib only, never with the library under test.

#include <epicor/testing/mock_kinetic_server.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace epicor::testing::test_support {

inline const std::string kUser = "manager";
inline const std::string kPassword = "Epicor123!";
inline const std::string kApiKey = "mock-api-key";

// A client for the server's root with Basic credentials and the API key set.
inline std::unique_ptr<httplib::Client> make_client(const MockKineticServer& server, bool login = true) {
    const std::string scheme = server.options().tls ? "https" : "http";
    auto client = std::make_unique<httplib::Client>(scheme + "://127.0.0.1:" + std::to_string(server.port()));
    if (server.options().tls) {
        client->set_ca_cert_path(server.ca_certificate_path().c_str());
        client->enable_server_certificate_verification(true);
    }
    if (login) {
        client->set_basic_auth(kUser.c_str(), kPassword.c_str());
        client->set_default_headers({{"x-api-key", kApiKey}});
    }
    client->set_read_timeout(30, 0);
    return client;
}

inline std::string v1(const std::string& rest) { return "/KineticMock/api/v1/" + rest; }
inline std::string v2(const std::string& rest) { return "/KineticMock/api/v2/odata/EPIC06/" + rest; }

inline nlohmann::json body_of(const httplib::Result& result) {
    return nlohmann::json::parse(result->body);
}

}  // namespace epicor::testing::test_support
