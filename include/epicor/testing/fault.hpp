#pragma once

/// \file
/// Scripted failures for the mock Kinetic server: a status with an Epicor,
/// plain-text or HTML body, `Retry-After`, a delay, a slow trickle, a reset
/// connection, a truncated or malformed body, an expired token.
///
///     server.faults().add(Fault::status(503).retry_after("2").times(2).on("/Customers"));

#include <epicor/testing/export.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace epicor::testing {

/// One scripted failure. Build it with a factory, narrow it with on(),
/// method(), after() and times(), then hand it to FaultInjector::add().
class EPICOR_TESTING_API Fault {
public:
    enum class Kind {
        status,          ///< Answer with a status and body instead of the route.
        delay,           ///< Wait, then answer normally.
        trickle,         ///< Answer normally, sending the body slowly in small chunks.
        reset,           ///< Close the connection without sending a response.
        reset_mid_body,  ///< Send the headers and part of the body, then reset the connection.
        truncated_body,  ///< Declare the full Content-Length, send half the body, close cleanly.
        malformed_json,  ///< Answer with the route's status and a body that is not valid JSON.
        expired_token,   ///< Answer 401 as Kinetic does for an expired access token.
    };

    /// Body format of a status fault.
    enum class BodyFormat { epicor_json, plain_text, html };

    /// Answers with `http_status` and an Epicor error body (change it with
    /// plain_text(), html() or message()). Throws std::invalid_argument unless
    /// 100 <= http_status <= 599.
    static Fault status(int http_status);
    /// Waits `duration` before the route answers normally.
    static Fault delay(std::chrono::milliseconds duration);
    /// Sends the route's normal body `chunk_bytes` at a time, waiting
    /// `interval` before each chunk. Throws std::invalid_argument when
    /// `chunk_bytes` is 0.
    static Fault trickle(std::size_t chunk_bytes, std::chrono::milliseconds interval);
    /// Closes the connection before any byte of the response is sent.
    static Fault reset();
    /// Sends the headers and the first half of the body, then resets the
    /// connection (TCP RST).
    static Fault reset_mid_body();
    /// Sends a Content-Length for the whole body but only its first half,
    /// then closes the connection with a normal FIN.
    static Fault truncated_body();
    /// Replaces the body with the first half of the route's JSON, which no
    /// JSON parser accepts; Content-Length matches what is sent.
    static Fault malformed_json();
    /// Answers 401 with an Epicor error body saying the token expired, even
    /// for a valid token.
    static Fault expired_token();

    /// Applies only to requests whose path (without the query string)
    /// contains a match of `path_regex` (ECMAScript syntax). Throws
    /// std::invalid_argument when the expression does not compile.
    Fault& on(const std::string& path_regex);
    /// Applies only to requests with this method (e.g. "GET"); compared
    /// case-sensitively, as HTTP methods are.
    Fault& method(std::string http_method);
    /// Lets the first `count` matching requests through before applying.
    Fault& after(std::size_t count);
    /// Applies to the next `count` matching requests, then retires. The
    /// default is every matching request until FaultInjector::clear().
    /// Throws std::invalid_argument when `count` is 0.
    Fault& times(std::size_t count);
    /// Adds a `Retry-After` header with this exact value (seconds or an
    /// HTTP date; any text, so clients can be tested against garbage).
    Fault& retry_after(std::string value);
    /// Waits `duration` before answering, in addition to the fault itself.
    Fault& with_delay(std::chrono::milliseconds duration);
    /// Status faults: sends `body` as text/plain.
    Fault& plain_text(std::string body);
    /// Status faults: sends `body` as text/html.
    Fault& html(std::string body);
    /// Status faults with an Epicor body: sets ErrorMessage and ErrorType.
    Fault& message(std::string error_message,
                   std::string error_type = "Epicor.RESTApi.ErrorHandling.ApiException");

    Kind kind() const noexcept { return kind_; }
    int http_status() const noexcept { return http_status_; }
    BodyFormat body_format() const noexcept { return body_format_; }
    const std::string& body() const noexcept { return body_; }
    const std::string& error_message() const noexcept { return error_message_; }
    const std::string& error_type() const noexcept { return error_type_; }
    const std::optional<std::string>& retry_after_value() const noexcept { return retry_after_; }
    std::chrono::milliseconds delay_duration() const noexcept { return delay_; }
    std::size_t chunk_bytes() const noexcept { return chunk_bytes_; }
    std::chrono::milliseconds chunk_interval() const noexcept { return chunk_interval_; }

    /// Returns true when the fault applies to this method and path, ignoring
    /// the after() and times() counts.
    bool matches(const std::string& http_method, const std::string& path) const;

private:
    friend class FaultInjector;
    explicit Fault(Kind kind);

    Kind kind_;
    int http_status_ = 0;
    BodyFormat body_format_ = BodyFormat::epicor_json;
    std::string body_;
    std::string error_message_;
    std::string error_type_ = "Epicor.RESTApi.ErrorHandling.ApiException";
    std::optional<std::string> retry_after_;
    std::chrono::milliseconds delay_{0};
    std::size_t chunk_bytes_ = 0;
    std::chrono::milliseconds chunk_interval_{0};
    std::string path_regex_;
    std::shared_ptr<const void> compiled_regex_;  // std::regex, hidden to keep <regex> out of this header
    std::string method_;
    std::size_t skip_ = 0;
    std::optional<std::size_t> remaining_;
};

/// The faults scripted on one server. Thread-safe: tests add faults while
/// server threads consume them.
class EPICOR_TESTING_API FaultInjector {
public:
    /// Adds a fault. When several match a request, the one added first wins.
    void add(Fault fault);
    /// Removes every fault.
    void clear();
    /// Returns the number of faults that can still fire.
    std::size_t pending() const;
    /// Returns the number of times any fault fired since construction or clear().
    std::size_t fired() const;

    /// Finds the first fault that applies to this request, counts it, and
    /// returns a copy, or nothing. Called by the server once per request.
    std::optional<Fault> take(const std::string& http_method, const std::string& path);

private:
    mutable std::mutex mutex_;
    std::vector<Fault> faults_;
    std::size_t fired_ = 0;
};

}  // namespace epicor::testing
