#include <epicor/retry_policy.hpp>

#include <epicor/error.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

namespace epicor {
namespace {

using std::chrono::milliseconds;

// libcurl codes that prove the request never left this machine: name
// resolution, connect, TLS setup and URL errors all happen before the first
// byte of the request is sent.
bool never_reached_server(int curl_code) noexcept {
    switch (curl_code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return true;
    default:
        return false;
    }
}

// libcurl codes of connection failures worth another attempt for an
// idempotent request. TLS certificate, URL and protocol errors are not:
// they fail the same way every time.
bool is_retryable_failure(int curl_code) noexcept {
    switch (curl_code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
        return true;
    default:
        return false;
    }
}

bool equals_ignore_case(std::string_view left, std::string_view right) noexcept {
    if (left.size() != right.size()) {
        return false;
    }
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(left[i])) != std::tolower(static_cast<unsigned char>(right[i]))) {
            return false;
        }
    }
    return true;
}

std::string describe(milliseconds delay) {
    return std::to_string(delay.count()) + " ms";
}

}  // namespace

struct RetryingTransport::Impl {
    std::shared_ptr<Transport> next;
    RetryPolicy policy;
    std::shared_ptr<Logger> logger;

    std::mutex random_mutex;
    std::mt19937_64 random;

    Impl(std::shared_ptr<Transport> next_transport, RetryPolicy retry_policy, std::shared_ptr<Logger> log)
        : next(std::move(next_transport)),
          policy(std::move(retry_policy)),
          logger(log ? std::move(log) : default_logger()),
          random(policy.jitter_seed ? *policy.jitter_seed : std::random_device{}()) {
        if (!next) {
            throw Error("RetryingTransport needs a transport to wrap; got a null pointer.");
        }
        policy.max_attempts = std::max(policy.max_attempts, 1);
        policy.jitter = std::clamp(policy.jitter, 0.0, 1.0);
    }

    std::chrono::steady_clock::time_point steady_now() const {
        return policy.steady_now ? policy.steady_now() : std::chrono::steady_clock::now();
    }

    std::chrono::system_clock::time_point system_now() const {
        return policy.system_now ? policy.system_now() : std::chrono::system_clock::now();
    }

    bool cancelled() const { return policy.is_cancelled && policy.is_cancelled(); }

    void throw_if_cancelled(const HttpRequest& request) const {
        if (cancelled()) {
            throw CancelledError("The request " + request.method + " was cancelled before its next attempt.");
        }
    }

    bool is_retryable_status(int status) const {
        return std::find(policy.retry_statuses.begin(), policy.retry_statuses.end(), status) !=
               policy.retry_statuses.end();
    }

    // Returns the backoff delay before retry `retry` (1 for the first).
    milliseconds backoff(int retry) {
        const double exponent = std::min(retry - 1, 30);
        double delay = static_cast<double>(policy.base_delay.count()) * std::pow(2.0, exponent);
        if (policy.jitter > 0.0) {
            std::lock_guard<std::mutex> lock(random_mutex);
            std::uniform_real_distribution<double> spread(1.0 - policy.jitter, 1.0 + policy.jitter);
            delay *= spread(random);
        }
        delay = std::min(delay, static_cast<double>(policy.max_delay.count()));
        return milliseconds(static_cast<milliseconds::rep>(std::llround(std::max(delay, 0.0))));
    }

    milliseconds delay_for(int retry, const HttpResponse* response) {
        if (response != nullptr) {
            if (const auto header = response->headers.get("Retry-After")) {
                if (const auto wait = parse_retry_after(*header, system_now())) {
                    return std::min(*wait, policy.max_delay);
                }
                logger->write(LogLevel::requests, "Ignoring the unreadable Retry-After value '" +
                                                      header->substr(0, 64) + "'.");
            }
        }
        return backoff(retry);
    }

    // True when a retry after `delay` still starts within max_total_time.
    bool fits_total_time(std::chrono::steady_clock::time_point start, milliseconds delay) const {
        if (policy.max_total_time.count() <= 0) {
            return true;
        }
        return steady_now() + delay - start <= policy.max_total_time;
    }

    void wait(milliseconds delay, const HttpRequest& request) const {
        if (policy.sleep) {
            policy.sleep(delay);
        } else {
            // Sleep in slices so cancellation ends the wait early.
            const auto end = std::chrono::steady_clock::now() + delay;
            while (!cancelled()) {
                const auto now = std::chrono::steady_clock::now();
                if (now >= end) {
                    break;
                }
                std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(end - now, milliseconds(50)));
            }
        }
        if (cancelled()) {
            throw CancelledError("The request " + request.method + " was cancelled while waiting to retry.");
        }
    }

    HttpResponse send(const HttpRequest& request);
};

HttpResponse RetryingTransport::Impl::send(const HttpRequest& request) {
    const bool idempotent = request.idempotent && !equals_ignore_case(request.method, "POST");
    const auto start = steady_now();

    for (int attempt = 1;; ++attempt) {
        throw_if_cancelled(request);
        const bool last_attempt = attempt >= policy.max_attempts;
        std::string reason;
        milliseconds delay{0};

        try {
            HttpResponse response = next->send(request);
            if (!idempotent || last_attempt || !is_retryable_status(response.status)) {
                return response;
            }
            delay = delay_for(attempt, &response);
            reason = "status " + std::to_string(response.status);
            if (!fits_total_time(start, delay)) {
                logger->write(LogLevel::requests, "Not retrying " + request.method + " after " + reason +
                                                      ": the retry would pass the total time limit of " +
                                                      describe(policy.max_total_time) + ".");
                return response;
            }
        } catch (const CancelledError&) {
            throw;
        } catch (const TransportError& error) {
            const int code = error.curl_code();
            if (!idempotent && !never_reached_server(code)) {
                throw OutcomeUnknownError(
                    std::string(error.what()) + " The " + request.method +
                        " request may have reached the server, so whether it took effect is unknown and it "
                        "was not sent again; check the data on the server before repeating it.",
                    code, error.url());
            }
            delay = delay_for(attempt, nullptr);
            if (!is_retryable_failure(code) || last_attempt || !fits_total_time(start, delay)) {
                throw;
            }
            reason = error.what();
        }

        logger->write(LogLevel::requests, "Retrying " + request.method + " (attempt " + std::to_string(attempt + 1) +
                                              " of " + std::to_string(policy.max_attempts) + ") in " +
                                              describe(delay) + " after " + reason);
        wait(delay, request);
    }
}

RetryingTransport::RetryingTransport(std::shared_ptr<Transport> next, RetryPolicy policy,
                                     std::shared_ptr<Logger> logger)
    : impl_(std::make_unique<Impl>(std::move(next), std::move(policy), std::move(logger))) {}

RetryingTransport::~RetryingTransport() = default;

HttpResponse RetryingTransport::send(const HttpRequest& request) {
    return impl_->send(request);
}

const RetryPolicy& RetryingTransport::policy() const noexcept {
    return impl_->policy;
}

}  // namespace epicor
