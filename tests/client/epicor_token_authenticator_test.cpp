// Unit tests of the Epicor token authenticator: caching, renewal before
// expiry, one fetch for many threads, and the retry after a 401. The token
// service is a scripted Transport, so the clock and the responses are exact.
// The integration tests run the same logic against the mock server.

#include "auth/epicor_token_authenticator.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using epicor::HttpRequest;
using epicor::HttpResponse;
using epicor::auth::EpicorTokenAuthenticator;

// Returns a token named "token-N" for the N-th request.
class TokenService : public epicor::Transport {
public:
    int expires_in = 3600;
    int status = 200;
    std::string body_override;

    HttpResponse send(const HttpRequest& request) override {
        const int number = ++requests_;
        {
            std::lock_guard lock(mutex_);
            last_request_ = request;
        }
        // Give other threads a chance to pile up behind the fetch.
        std::this_thread::yield();
        HttpResponse response;
        response.status = status;
        if (!body_override.empty()) {
            response.body = body_override;
        } else if (status == 200) {
            response.body = R"({"AccessToken":"token-)" + std::to_string(number) +
                            R"(","ExpiresIn":)" + std::to_string(expires_in) +
                            R"(,"TokenType":"Bearer"})";
        } else {
            response.body = R"({"HttpStatus":401,"ErrorMessage":"Invalid user or password."})";
        }
        return response;
    }

    int requests() const { return requests_; }
    HttpRequest last_request() {
        std::lock_guard lock(mutex_);
        return last_request_;
    }

private:
    std::atomic<int> requests_{0};
    std::mutex mutex_;
    HttpRequest last_request_;
};

struct FakeClock {
    std::atomic<long long> seconds{0};
    EpicorTokenAuthenticator::Clock::time_point now() const {
        return EpicorTokenAuthenticator::Clock::time_point{} + std::chrono::seconds(seconds.load());
    }
};

EpicorTokenAuthenticator::Options make_options(FakeClock& clock) {
    EpicorTokenAuthenticator::Options options;
    options.token_url = "https://kinetic.test/Live/TokenResource.svc/";
    options.user = "manager";
    options.password = "s3cret";
    options.api_key = "key-1";
    options.now = [&clock] { return clock.now(); };
    return options;
}

std::string authorization_for(EpicorTokenAuthenticator& authenticator) {
    HttpRequest request;
    request.url = "https://kinetic.test/Live/api/v1/Erp.BO.CustomerSvc/Customers";
    authenticator.authenticate(request);
    return request.headers.get("Authorization").value_or("");
}

TEST(EpicorTokenAuthenticator, SendsLoginHeadersToTokenService) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");

    const HttpRequest sent = service->last_request();
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.url, "https://kinetic.test/Live/TokenResource.svc/");
    EXPECT_EQ(sent.headers.get("username"), "manager");
    EXPECT_EQ(sent.headers.get("password"), "s3cret");
    EXPECT_EQ(sent.headers.get("Accept"), "application/json");
    EXPECT_EQ(sent.headers.get("x-api-key"), "key-1");
}

TEST(EpicorTokenAuthenticator, CachesTokenUntilRenewalMargin) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    clock.seconds = 3600 - 301;
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    EXPECT_EQ(service->requests(), 1);

    // Within five minutes of expiry the token is renewed.
    clock.seconds = 3600 - 299;
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-2");
    EXPECT_EQ(service->requests(), 2);
}

TEST(EpicorTokenAuthenticator, ShortLifetimeUsesFifthAsMargin) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    service->expires_in = 100;
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    clock.seconds = 79;
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    clock.seconds = 80;
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-2");
}

TEST(EpicorTokenAuthenticator, ExpiresInAsStringAccepted) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    service->body_override = R"({"AccessToken":"abc","ExpiresIn":"600"})";
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_EQ(authorization_for(authenticator), "Bearer abc");
    clock.seconds = 479;
    EXPECT_EQ(authorization_for(authenticator), "Bearer abc");
    EXPECT_EQ(service->requests(), 1);
}

TEST(EpicorTokenAuthenticator, InvalidExpiresInThrowsAuthError) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    service->body_override = R"({"AccessToken":"abc","ExpiresIn":"soon"})";
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_THROW(authorization_for(authenticator), epicor::AuthError);
}

TEST(EpicorTokenAuthenticator, RejectedLoginThrowsWithoutSecret) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    service->status = 401;
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    try {
        authorization_for(authenticator);
        FAIL() << "expected AuthError";
    } catch (const epicor::AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("HTTP 401"), std::string::npos) << message;
        EXPECT_NE(message.find("Invalid user or password."), std::string::npos) << message;
        EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
    }
}

TEST(EpicorTokenAuthenticator, MissingAccessTokenThrows) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    service->body_override = "<html>login page</html>";
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_THROW(authorization_for(authenticator), epicor::AuthError);
}

TEST(EpicorTokenAuthenticator, UnauthorizedDropsTokenOnce) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    EXPECT_TRUE(authenticator.on_unauthorized(HttpResponse{}));
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-2");
    EXPECT_EQ(service->requests(), 2);
}

TEST(EpicorTokenAuthenticator, StaleUnauthorizedKeepsNewerToken) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    // This thread sends token-1; another thread meanwhile gets a 401 and
    // renews to token-2. This thread's late 401 must not discard token-2.
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-1");
    std::thread other([&] {
        EXPECT_TRUE(authenticator.on_unauthorized(HttpResponse{}));
        EXPECT_EQ(authorization_for(authenticator), "Bearer token-2");
    });
    other.join();

    EXPECT_TRUE(authenticator.on_unauthorized(HttpResponse{}));
    EXPECT_EQ(authorization_for(authenticator), "Bearer token-2");
    EXPECT_EQ(service->requests(), 2);
}

TEST(EpicorTokenAuthenticator, ManyThreadsShareOneFetch) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    EpicorTokenAuthenticator authenticator(service, make_options(clock));

    std::vector<std::thread> threads;
    std::vector<std::string> seen(8);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&, i] { seen[i] = authorization_for(authenticator); });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    EXPECT_EQ(service->requests(), 1);
    for (const auto& value : seen) {
        EXPECT_EQ(value, "Bearer token-1");
    }
}

TEST(EpicorTokenAuthenticator, PlainHttpToRemoteHostRejected) {
    FakeClock clock;
    auto service = std::make_shared<TokenService>();
    auto options = make_options(clock);
    options.token_url = "http://kinetic.test/Live/TokenResource.svc/";
    EpicorTokenAuthenticator authenticator(service, options);

    HttpRequest request;
    request.url = "http://kinetic.test/Live/api/v1/";
    EXPECT_THROW(authenticator.authenticate(request), epicor::AuthError);
    EXPECT_EQ(service->requests(), 0);
}

}  // namespace
