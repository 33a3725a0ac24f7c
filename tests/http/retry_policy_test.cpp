#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>
#include <epicor/log.hpp>
#include <epicor/retry_policy.hpp>

#include "local_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using epicor::HttpRequest;
using epicor::HttpResponse;
using epicor::RetryingTransport;
using epicor::RetryPolicy;
using std::chrono::milliseconds;

constexpr int curl_couldnt_connect = 7;
constexpr int curl_recv_error = 56;
constexpr int curl_peer_failed_verification = 60;

// A transport that plays back a script: each step returns a response or
// throws, and every request it saw is recorded.
class ScriptedTransport : public epicor::Transport {
public:
    using Step = std::function<HttpResponse()>;

    void then_status(int status, std::string retry_after = {}) {
        steps_.push_back([status, retry_after] {
            HttpResponse response;
            response.status = status;
            if (!retry_after.empty()) {
                response.headers.set("Retry-After", retry_after);
            }
            return response;
        });
    }
    void then_failure(int curl_code) {
        steps_.push_back([curl_code]() -> HttpResponse {
            throw epicor::TransportError("scripted failure", curl_code, "http://127.0.0.1/x");
        });
    }

    HttpResponse send(const HttpRequest& request) override {
        requests.push_back(request);
        if (steps_.empty()) {
            throw std::logic_error("ScriptedTransport ran out of steps");
        }
        Step step = steps_.front();
        steps_.pop_front();
        return step();
    }

    std::vector<HttpRequest> requests;

private:
    std::deque<Step> steps_;
};

// A policy whose waits are recorded, not slept, and whose clock only moves
// when it "sleeps".
struct FakeTime {
    std::vector<milliseconds> sleeps;
    std::chrono::steady_clock::time_point steady{};
    std::chrono::system_clock::time_point wall = std::chrono::system_clock::from_time_t(1445412470);  // 2015-10-21 07:27:50 UTC

    RetryPolicy policy() {
        RetryPolicy result;
        result.jitter = 0.0;
        result.base_delay = milliseconds(100);
        result.max_delay = milliseconds(10000);
        result.max_total_time = milliseconds(0);
        result.sleep = [this](milliseconds delay) {
            sleeps.push_back(delay);
            steady += delay;
            wall += delay;
        };
        result.steady_now = [this] { return steady; };
        result.system_now = [this] { return wall; };
        return result;
    }
};

HttpRequest get_request() {
    HttpRequest request;
    request.method = "GET";
    request.url = "http://127.0.0.1/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/Customers";
    return request;
}

HttpRequest post_request() {
    HttpRequest request = get_request();
    request.method = "POST";
    request.body = R"({"CustID":"NEW"})";
    return request;
}

TEST(RetryingTransport, Retries503ThenReturns200) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503);
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(inner->requests.size(), 2u);
    ASSERT_EQ(time.sleeps.size(), 1u);
    EXPECT_EQ(time.sleeps[0], milliseconds(100));
}

TEST(RetryingTransport, BackoffDoublesUpToMaxDelay) {
    auto inner = std::make_shared<ScriptedTransport>();
    for (int i = 0; i < 5; ++i) {
        inner->then_status(502);
    }
    inner->then_status(200);
    FakeTime time;
    RetryPolicy policy = time.policy();
    policy.max_attempts = 6;
    policy.max_delay = milliseconds(500);
    RetryingTransport transport(inner, policy);
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(time.sleeps, (std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400),
                                                      milliseconds(500), milliseconds(500)}));
}

TEST(RetryingTransport, JitterWithSeedIsRepeatableAndBounded) {
    auto run = [](std::uint64_t seed) {
        auto inner = std::make_shared<ScriptedTransport>();
        for (int i = 0; i < 3; ++i) {
            inner->then_status(504);
        }
        inner->then_status(200);
        FakeTime time;
        RetryPolicy policy = time.policy();
        policy.jitter = 0.5;
        policy.jitter_seed = seed;
        RetryingTransport transport(inner, policy);
        transport.send(get_request());
        return time.sleeps;
    };
    const auto first = run(42);
    EXPECT_EQ(first, run(42));
    ASSERT_EQ(first.size(), 3u);
    for (std::size_t i = 0; i < first.size(); ++i) {
        const auto nominal = 100 << i;
        EXPECT_GE(first[i].count(), nominal / 2) << i;
        EXPECT_LE(first[i].count(), nominal * 3 / 2) << i;
    }
}

TEST(RetryingTransport, ReturnsRetryableStatusAfterLastAttempt) {
    auto inner = std::make_shared<ScriptedTransport>();
    for (int i = 0; i < 3; ++i) {
        inner->then_status(429);
    }
    FakeTime time;
    RetryPolicy policy = time.policy();
    policy.max_attempts = 3;
    RetryingTransport transport(inner, policy);
    EXPECT_EQ(transport.send(get_request()).status, 429);
    EXPECT_EQ(inner->requests.size(), 3u);
    EXPECT_EQ(time.sleeps.size(), 2u);
}

TEST(RetryingTransport, DoesNotRetryOtherStatuses) {
    for (const int status : {400, 401, 404, 500}) {
        auto inner = std::make_shared<ScriptedTransport>();
        inner->then_status(status);
        FakeTime time;
        RetryingTransport transport(inner, time.policy());
        EXPECT_EQ(transport.send(get_request()).status, status);
        EXPECT_EQ(inner->requests.size(), 1u) << status;
    }
}

TEST(RetryingTransport, HonoursRetryAfterSeconds) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503, "3");
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(3000)});
}

TEST(RetryingTransport, HonoursRetryAfterHttpDate) {
    auto inner = std::make_shared<ScriptedTransport>();
    // FakeTime's wall clock is 07:27:50, ten seconds before this date.
    inner->then_status(429, "Wed, 21 Oct 2015 07:28:00 GMT");
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(10000)});
}

TEST(RetryingTransport, IgnoresGarbageRetryAfter) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503, "soon, maybe");
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(100)});
}

TEST(RetryingTransport, CapsRetryAfterAtMaxDelay) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503, "3600");
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(10000)});
}

TEST(RetryingTransport, RetriesIdempotentConnectionFailure) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_failure(curl_recv_error);
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(get_request()).status, 200);
    EXPECT_EQ(inner->requests.size(), 2u);
}

TEST(RetryingTransport, RethrowsFailureAfterLastAttempt) {
    auto inner = std::make_shared<ScriptedTransport>();
    for (int i = 0; i < 4; ++i) {
        inner->then_failure(curl_couldnt_connect);
    }
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    try {
        transport.send(get_request());
        FAIL() << "send returned";
    } catch (const epicor::OutcomeUnknownError&) {
        FAIL() << "a GET is never of unknown outcome";
    } catch (const epicor::TransportError& error) {
        EXPECT_EQ(error.curl_code(), curl_couldnt_connect);
    }
    EXPECT_EQ(inner->requests.size(), 4u);
}

TEST(RetryingTransport, DoesNotRetryCertificateFailure) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_failure(curl_peer_failed_verification);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_THROW(transport.send(get_request()), epicor::TransportError);
    EXPECT_EQ(inner->requests.size(), 1u);
}

TEST(RetryingTransport, PostFailureAfterSendIsOutcomeUnknown) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_failure(curl_recv_error);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    try {
        transport.send(post_request());
        FAIL() << "send returned";
    } catch (const epicor::OutcomeUnknownError& error) {
        EXPECT_NE(std::string(error.what()).find("unknown"), std::string::npos) << error.what();
        EXPECT_EQ(error.curl_code(), curl_recv_error);
    }
    EXPECT_EQ(inner->requests.size(), 1u);
    EXPECT_TRUE(time.sleeps.empty());
}

TEST(RetryingTransport, PostMarkedIdempotentIsStillNotReplayed) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    HttpRequest request = post_request();
    request.idempotent = true;
    EXPECT_EQ(transport.send(request).status, 503);
    EXPECT_EQ(inner->requests.size(), 1u);
}

TEST(RetryingTransport, NonIdempotentPatchIsNotReplayed) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_failure(curl_recv_error);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    HttpRequest request = get_request();
    request.method = "PATCH";
    request.idempotent = false;
    EXPECT_THROW(transport.send(request), epicor::OutcomeUnknownError);
    EXPECT_EQ(inner->requests.size(), 1u);
}

TEST(RetryingTransport, PostRetriedWhenConnectFailed) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_failure(curl_couldnt_connect);
    inner->then_status(201);
    FakeTime time;
    RetryingTransport transport(inner, time.policy());
    EXPECT_EQ(transport.send(post_request()).status, 201);
    EXPECT_EQ(inner->requests.size(), 2u);
}

TEST(RetryingTransport, StopsAtTotalTime) {
    auto inner = std::make_shared<ScriptedTransport>();
    for (int i = 0; i < 10; ++i) {
        inner->then_status(503);
    }
    FakeTime time;
    RetryPolicy policy = time.policy();
    policy.max_attempts = 10;
    policy.max_total_time = milliseconds(1000);
    RetryingTransport transport(inner, policy);
    // Delays 100, 200, 400 fit (700 ms in total); the next, 800, would not.
    EXPECT_EQ(transport.send(get_request()).status, 503);
    EXPECT_EQ(inner->requests.size(), 4u);
    EXPECT_EQ(time.sleeps.size(), 3u);
}

TEST(RetryingTransport, CancellationBetweenAttempts) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503);
    inner->then_status(200);
    FakeTime time;
    RetryPolicy policy = time.policy();
    bool cancelled = false;
    policy.sleep = [&](milliseconds) { cancelled = true; };
    policy.is_cancelled = [&] { return cancelled; };
    RetryingTransport transport(inner, policy);
    EXPECT_THROW(transport.send(get_request()), epicor::CancelledError);
    EXPECT_EQ(inner->requests.size(), 1u);
}

TEST(RetryingTransport, CancelledBeforeFirstAttempt) {
    auto inner = std::make_shared<ScriptedTransport>();
    FakeTime time;
    RetryPolicy policy = time.policy();
    policy.is_cancelled = [] { return true; };
    RetryingTransport transport(inner, policy);
    EXPECT_THROW(transport.send(get_request()), epicor::CancelledError);
    EXPECT_TRUE(inner->requests.empty());
}

TEST(RetryingTransport, RealSleepWakesOnCancellation) {
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503, "3600");
    std::atomic<bool> cancelled{false};
    RetryPolicy policy;
    policy.max_delay = std::chrono::hours(1);
    policy.max_total_time = milliseconds(0);
    policy.is_cancelled = [&] { return cancelled.load(); };
    RetryingTransport transport(inner, policy);
    std::thread canceller([&] {
        std::this_thread::sleep_for(milliseconds(100));
        cancelled = true;
    });
    // Without the early wake-up this would wait an hour and hit ctest's timeout.
    EXPECT_THROW(transport.send(get_request()), epicor::CancelledError);
    canceller.join();
}

TEST(RetryingTransport, LogsEachRetryWithReasonAndDelay) {
    auto logger = std::make_shared<epicor::Logger>(epicor::LogLevel::requests);
    std::vector<std::string> messages;
    logger->set_callback([&](const epicor::LogRecord& record) { messages.push_back(record.message); });
    auto inner = std::make_shared<ScriptedTransport>();
    inner->then_status(503);
    inner->then_status(200);
    FakeTime time;
    RetryingTransport transport(inner, time.policy(), logger);
    transport.send(get_request());
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_NE(messages[0].find("status 503"), std::string::npos) << messages[0];
    EXPECT_NE(messages[0].find("100 ms"), std::string::npos) << messages[0];
    EXPECT_NE(messages[0].find("attempt 2 of 4"), std::string::npos) << messages[0];
}

TEST(RetryingTransport, RejectsNullTransport) {
    EXPECT_THROW(RetryingTransport(nullptr), epicor::Error);
}

TEST(RetryingTransportWithCurl, Retries503FromRealServer) {
    epicor::test::LocalHttpServer server;
    std::atomic<int> calls{0};
    server.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& response) {
        if (++calls == 1) {
            response.status = 503;
            response.set_header("Retry-After", "1");
            response.set_content("busy", "text/plain");
            return;
        }
        response.set_content("ok", "text/plain");
    });
    server.start();

    epicor::CurlTransportOptions options;
    options.no_proxy = "*";
    FakeTime time;
    RetryingTransport transport(std::make_shared<epicor::CurlTransport>(options), time.policy());
    HttpRequest request;
    request.url = server.base_url() + "/flaky";
    const auto response = transport.send(request);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "ok");
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(time.sleeps, std::vector<milliseconds>{milliseconds(1000)});
}

TEST(RetryingTransportWithCurl, PostToClosedPortIsRetriedThenRethrown) {
    epicor::CurlTransportOptions options;
    options.no_proxy = "*";
    FakeTime time;
    RetryingTransport transport(std::make_shared<epicor::CurlTransport>(options), time.policy());
    HttpRequest request = post_request();
    request.url = "http://127.0.0.1:" + std::to_string(epicor::test::closed_loopback_port()) + "/x";
    try {
        transport.send(request);
        FAIL() << "send returned";
    } catch (const epicor::OutcomeUnknownError&) {
        FAIL() << "a refused connection proves the POST never arrived";
    } catch (const epicor::TransportError& error) {
        EXPECT_EQ(error.curl_code(), curl_couldnt_connect);
    }
    EXPECT_EQ(time.sleeps.size(), 3u);
}

}  // namespace
