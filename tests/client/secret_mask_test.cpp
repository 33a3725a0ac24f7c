// Error text from the server that repeats the connection's own password,
// API key or token is masked before it reaches an HttpError.

#include "client_fixture.hpp"

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/http.hpp>
#include <epicor/transport_factory.hpp>

#include <gmock/gmock.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace client_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using SecretMaskTest = ClientTest;

constexpr const char* kPassword = "Epicor123!";  // the mock's default user's password
constexpr const char* kApiKey = "mock-api-key";  // the mock's default API key

// Returns the message of the HttpError that listing the services throws.
std::string error_of(const epicor::Connection& conn) {
    try {
        conn.services();
    } catch (const epicor::HttpError& error) {
        EXPECT_THAT(error.error_message(), Not(HasSubstr(kPassword)));
        return error.what();
    }
    ADD_FAILURE() << "no HttpError";
    return {};
}

TEST_P(SecretMaskTest, PasswordInErrorMessageMasked) {
    start();
    server().faults().add(mock::Fault::status(400).message(
        std::string("login manager/") + kPassword + " is locked"));

    const std::string message = error_of(connect());
    EXPECT_THAT(message, Not(HasSubstr(kPassword)));
    EXPECT_THAT(message, HasSubstr("login manager/*** is locked"));
}

TEST_P(SecretMaskTest, PasswordInUnauthorizedMasked) {
    start();
    server().faults().add(mock::Fault::status(401).message(
        std::string("user manager, password ") + kPassword + ", was rejected"));

    const std::string message = error_of(connect());
    EXPECT_THAT(message, Not(HasSubstr(kPassword)));
    EXPECT_THAT(message, HasSubstr("password ***, was rejected"));
}

TEST_P(SecretMaskTest, ApiKeyInPlainTextBodyMasked) {
    start();
    server().faults().add(mock::Fault::status(403).plain_text(
        std::string("the API key ") + kApiKey + " may not call this service"));

    const auto conn = v2() ? connect() : epicor::connect(connection_string("ApiKey=" + std::string(kApiKey)));
    const std::string message = error_of(conn);
    EXPECT_THAT(message, Not(HasSubstr(kApiKey)));
    EXPECT_THAT(message, HasSubstr("the API key *** may not"));
}

// Passes requests to the libcurl transport and keeps the last bearer token
// sent, which the mock's request log masks.
class TokenRecordingTransport : public epicor::Transport {
public:
    explicit TokenRecordingTransport(std::shared_ptr<epicor::Transport> inner) : inner_(std::move(inner)) {}

    epicor::HttpResponse send(const epicor::HttpRequest& request) override {
        const auto authorization = request.headers.get("Authorization");
        if (authorization && authorization->rfind("Bearer ", 0) == 0) {
            const std::lock_guard lock(mutex_);
            token_ = authorization->substr(7);
        }
        return inner_->send(request);
    }

    std::string token() const {
        const std::lock_guard lock(mutex_);
        return token_;
    }

private:
    std::shared_ptr<epicor::Transport> inner_;
    mutable std::mutex mutex_;
    std::string token_;
};

TEST_P(SecretMaskTest, BearerTokenMasked) {
    start();
    const std::string text = connection_string("AuthScheme=Token");
    auto transport = std::make_shared<TokenRecordingTransport>(
        epicor::make_transport(epicor::ConnectionSettings::parse(text)));
    epicor::ConnectOptions options;
    options.transport = transport;
    const auto conn = epicor::connect(text, options);
    conn.services();
    const std::string token = transport->token();
    ASSERT_GE(token.size(), 8U) << "no bearer token was sent";

    server().faults().add(mock::Fault::status(400).message("token " + token + " is not valid here"));
    const std::string message = error_of(conn);
    EXPECT_THAT(message, Not(HasSubstr(token)));
    EXPECT_THAT(message, HasSubstr("token *** is not valid here"));
}

INSTANTIATE_TEST_SUITE_P(Flavors, SecretMaskTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
