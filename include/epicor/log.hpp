#pragma once

/// \file
/// The logging facade. A Connection owns a Logger; code with no connection
/// uses default_logger(). Levels follow the connectors' `Verbosity` property,
/// and a line is built only when its level is enabled:
///
///     EPICOR_LOG(*logger, epicor::LogLevel::requests, "GET " + url);
///     logger->log(epicor::LogLevel::content, [&] { return describe(response); });
///
/// Messages must already be free of secrets: headers, URLs and bodies go
/// through the library's redaction before they reach a Logger.

#include <epicor/export.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace epicor {

/// How much a Logger writes, as the `Verbosity` connection property counts it.
/// A message of level N is written when the logger's verbosity is N or more.
enum class LogLevel : int {
    off = 0,        ///< Nothing is written (verbosity only, not a message level).
    errors = 1,     ///< Queries, errors and warnings.
    requests = 2,   ///< Each HTTP request and response status, retries.
    content = 3,    ///< Request and response headers and bodies, redacted.
    transport = 4,  ///< Connections, TLS, handle pool and proxy events.
    trace = 5,      ///< Everything.
};

/// Kind of a log message, independent of its level, so a callback can map it
/// onto its own logging library.
enum class LogSeverity : int {
    error,
    warning,
    info,
};

/// One log message as the callback receives it.
struct LogRecord {
    std::chrono::system_clock::time_point time;
    LogLevel level = LogLevel::errors;
    LogSeverity severity = LogSeverity::info;
    std::string connection_id;  ///< Empty for the default logger.
    std::uint64_t request_id = 0;  ///< 0 when no request is in progress on this thread.
    std::string message;
};

/// Receives every record whose level is enabled. Called on the thread that
/// logged, under the logger's lock, so it must not log to the same Logger.
using LogCallback = std::function<void(const LogRecord&)>;

/// Settings of the file sink, matching the `Logfile`, `MaxLogFileSize` and
/// `MaxLogFileCount` properties.
struct LogFileOptions {
    std::string path;  ///< File to append to; created with mode 0600 when missing.
    /// Size in bytes at which the file is rotated: `app.log` becomes
    /// `app.1.log`, `app.1.log` becomes `app.2.log` and so on. 0 disables rotation.
    std::uint64_t max_file_size = 100ULL * 1024 * 1024;
    /// Files kept, the active one included; the oldest is deleted on rotation.
    /// 1 means the active file is truncated when it reaches max_file_size,
    /// and 0 means every rotated file is kept.
    unsigned max_file_count = 10;
};

/// Writes log lines to a callback and/or a rotating file. Thread-safe.
///
/// Each file line reads
/// `2026-01-31T12:00:00.123Z [2] conn=c1 req=17 message`; the level number is
/// followed by `WARN` or `ERROR` for those severities.
///
/// Warnings and errors are rate-limited by their text. Within a minute, the
/// same text is written 5 times, then replaced by one notice that repeats are
/// suppressed. The count of suppressed repeats is written when the minute has
/// ended, on the next repeat or when the logger is destroyed.
class EPICOR_API Logger {
public:
    /// Creates a logger with verbosity `LogLevel::off` and no sink.
    Logger();
    explicit Logger(LogLevel verbosity, std::string connection_id = {});
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    void set_verbosity(LogLevel verbosity) noexcept;
    LogLevel verbosity() const noexcept;

    /// Returns true when a message of `level` would be written, so the caller
    /// can skip building it. Also false when no sink is attached.
    bool enabled(LogLevel level) const noexcept;

    /// Sets the callback sink; an empty function removes it.
    void set_callback(LogCallback callback);

    /// Opens (appends to) the file sink, closing the previous one.
    /// Throws epicor::ConfigError for the Logfile property, naming the path, when the file cannot be opened.
    void open_file(LogFileOptions options);
    void close_file();

    void set_connection_id(std::string connection_id);
    std::string connection_id() const;

    /// Returns a fresh id for a request, unique within this process.
    static std::uint64_t next_request_id() noexcept;

    /// Writes `message` when `level` is enabled. Never throws: a failure to
    /// write the file is reported once on stderr and the file sink is closed.
    void write(LogLevel level, LogSeverity severity, std::string_view message) noexcept;
    void write(LogLevel level, std::string_view message) noexcept {
        write(level, LogSeverity::info, message);
    }
    void warning(std::string_view message) noexcept {
        write(LogLevel::errors, LogSeverity::warning, message);
    }
    void error(std::string_view message) noexcept {
        write(LogLevel::errors, LogSeverity::error, message);
    }

    /// Calls `build` (returning something convertible to std::string_view)
    /// and writes its result only when `level` is enabled. An exception from
    /// `build` propagates.
    template <typename Build>
    void log(LogLevel level, Build&& build) {
        if (enabled(level)) {
            write(level, LogSeverity::info, std::forward<Build>(build)());
        }
    }

    /// Flushes the file sink.
    void flush() noexcept;

    /// Replaces the clock that stamps lines and times the repeat limit.
    /// For tests; pass an empty function to restore the system clock.
    void set_clock(std::function<std::chrono::system_clock::time_point()> clock);

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Returns the process-wide logger used by code that has no Connection.
/// Its verbosity starts at `LogLevel::off`; it is never destroyed before
/// static destructors run, so logging from other threads at exit is safe.
EPICOR_API std::shared_ptr<Logger> default_logger();

/// Sets the request id that log lines written on this thread carry, and
/// restores the previous one when destroyed. Transports open one per request
/// when the caller has not.
class EPICOR_API RequestLogScope {
public:
    explicit RequestLogScope(std::uint64_t request_id) noexcept;
    ~RequestLogScope();
    RequestLogScope(const RequestLogScope&) = delete;
    RequestLogScope& operator=(const RequestLogScope&) = delete;

    /// Returns the request id active on this thread, or 0.
    static std::uint64_t current() noexcept;

private:
    std::uint64_t previous_;
};

}  // namespace epicor

/// Writes `message_expression` to `logger_ref` at `level`, evaluating the
/// expression only when that level is enabled.
#define EPICOR_LOG(logger_ref, level, message_expression)                   \
    do {                                                                    \
        ::epicor::Logger& epicor_log_target_ = (logger_ref);                \
        if (epicor_log_target_.enabled(level)) {                            \
            epicor_log_target_.write((level), (message_expression));        \
        }                                                                   \
    } while (false)
