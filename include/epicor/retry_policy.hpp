#pragma once

/// \file
/// Retries with jittered exponential backoff: epicor::RetryPolicy and the
/// epicor::RetryingTransport decorator that applies it.

#include <epicor/export.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace epicor {

/// When and how often a request is sent again.
///
/// The delay before retry n (n = 1 for the first retry) is
/// `base_delay * 2^(n-1)`, multiplied by a random factor in
/// `[1 - jitter, 1 + jitter]` and capped at max_delay. A `Retry-After`
/// header replaces the computed delay, also capped at max_delay.
struct RetryPolicy {
    /// Attempts in total, the first included; 1 disables retries.
    int max_attempts = 4;
    std::chrono::milliseconds base_delay{500};
    std::chrono::milliseconds max_delay{std::chrono::seconds(30)};
    /// No retry starts when its delay would end later than this after the
    /// first attempt began. Zero means no limit.
    std::chrono::milliseconds max_total_time{std::chrono::minutes(2)};
    /// Relative spread of the delay, from 0 (none) to 1.
    double jitter = 0.2;
    /// Response statuses that trigger a retry of an idempotent request.
    std::vector<int> retry_statuses{429, 502, 503, 504};

    /// Seeds the jitter generator so delays repeat exactly (for tests).
    /// Unset means a random seed per transport.
    std::optional<std::uint64_t> jitter_seed;
    /// Waits between attempts. Unset means a real sleep that wakes early
    /// when is_cancelled turns true. Tests pass a function that only records.
    std::function<void(std::chrono::milliseconds)> sleep;
    /// Monotonic clock for max_total_time. Unset means steady_clock::now.
    std::function<std::chrono::steady_clock::time_point()> steady_now;
    /// Wall clock for `Retry-After` dates. Unset means system_clock::now.
    std::function<std::chrono::system_clock::time_point()> system_now;
    /// Checked before each attempt and after each wait; returning true ends
    /// the request with CancelledError.
    std::function<bool()> is_cancelled;
};

/// Parses a `Retry-After` value: a number of seconds ("120") or an HTTP date
/// ("Wed, 21 Oct 2015 07:28:00 GMT", also the RFC 850 and asctime forms).
/// Returns the delay from `now` (zero for a date in the past), or nothing
/// for a value it cannot read or a number of seconds above one year.
/// Never throws.
EPICOR_API std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept;

/// A Transport that sends each request through another one and retries it
/// under a RetryPolicy.
///
/// A request counts as idempotent when HttpRequest::idempotent is true and
/// its method is not POST. An idempotent request is retried after a
/// connection failure, a timeout, or a status from retry_statuses. TLS
/// certificate, URL and protocol errors are never retried.
///
/// A non-idempotent request is retried only when the host or proxy could not
/// be resolved or connected to, which proves it never reached the server. A
/// transport failure that does not prove this throws OutcomeUnknownError.
/// Every response to such a request is returned as is.
///
/// After the last attempt a retryable status is returned as a response (the
/// caller turns it into HttpError) and a transport failure is rethrown.
/// Each retry is logged at LogLevel::requests with its reason and delay.
class EPICOR_API RetryingTransport : public Transport {
public:
    /// `next` must not be null. A null `logger` means default_logger().
    RetryingTransport(std::shared_ptr<Transport> next, RetryPolicy policy = {},
                      std::shared_ptr<Logger> logger = nullptr);
    ~RetryingTransport() override;
    RetryingTransport(const RetryingTransport&) = delete;
    RetryingTransport& operator=(const RetryingTransport&) = delete;

    /// Sends `request`, retrying as described above. Throws CancelledError
    /// when the policy's is_cancelled returns true, OutcomeUnknownError as
    /// described above, and whatever the wrapped transport threw last.
    HttpResponse send(const HttpRequest& request) override;

    const RetryPolicy& policy() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace epicor
