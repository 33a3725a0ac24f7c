#pragma once

// A mock Kinetic server per test, and helpers that run epicor against it.

#include "cli_process.hpp"

#include <epicor/testing/mock_kinetic_server.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace epicor::cli::test {

// A password and an API key that no output may contain.
inline constexpr const char* kSecretPassword = "Pw-7f3a9c-SECRET";
inline constexpr const char* kSecretApiKey = "Key-41d8e2-SECRET";

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        epicor::testing::MockServerOptions options;
        options.users = {{"manager", kSecretPassword}};
        options.api_keys = {kSecretApiKey};
        server_ = std::make_unique<epicor::testing::MockKineticServer>(options);
        server_->start();
    }

    // The v2 connection string with Service=Erp.BO.CustomerSvc.
    std::string connection_string() const {
        return server_->connection_string(epicor::testing::ODataVersion::v2) + ";Service=Erp.BO.CustomerSvc";
    }

    // Runs epicor with EPICOR_CONNECTION set to connection_string().
    ProcessResult run(const std::vector<std::string>& arguments, const std::string& input = {}) const {
        return run_epicor(arguments, {{"EPICOR_CONNECTION", connection_string()}}, input);
    }

    std::unique_ptr<epicor::testing::MockKineticServer> server_;
};

}  // namespace epicor::cli::test
