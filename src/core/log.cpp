#include <epicor/log.hpp>

#include <epicor/error.hpp>

#include "core/log_file_sink.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>

namespace epicor {
namespace {

// Identical warnings or errors written within this window beyond
// repeat_limit are suppressed and counted.
constexpr auto repeat_window = std::chrono::minutes(1);
constexpr int repeat_limit = 5;
// Distinct messages tracked for the repeat limit; expired entries are
// dropped when the map grows past this.
constexpr std::size_t max_tracked_messages = 256;

thread_local std::uint64_t current_request_id = 0;

struct Repeat {
    std::chrono::system_clock::time_point window_start;
    int count = 0;
};

const char* severity_tag(LogSeverity severity) noexcept {
    switch (severity) {
    case LogSeverity::error:
        return " ERROR";
    case LogSeverity::warning:
        return " WARN";
    case LogSeverity::info:
        break;
    }
    return "";
}

std::string format_timestamp(std::chrono::system_clock::time_point time) {
    const auto since_epoch = time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
    const std::time_t whole = static_cast<std::time_t>(seconds.count());
    std::tm parts{};
#ifdef _WIN32
    gmtime_s(&parts, &whole);
#else
    gmtime_r(&whole, &parts);
#endif
    char text[40];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
    char result[64];
    std::snprintf(result, sizeof result, "%.*s.%03dZ", static_cast<int>(length), text,
                  static_cast<int>(millis.count()));
    return result;
}

std::string format_line(const LogRecord& record) {
    std::string line = format_timestamp(record.time);
    line += " [";
    line += std::to_string(static_cast<int>(record.level));
    line += severity_tag(record.severity);
    line += "]";
    if (!record.connection_id.empty()) {
        line += " conn=";
        line += record.connection_id;
    }
    if (record.request_id != 0) {
        line += " req=";
        line += std::to_string(record.request_id);
    }
    line += ' ';
    line += record.message;
    line += '\n';
    return line;
}

}  // namespace

struct Logger::State {
    std::atomic<int> verbosity{0};
    std::atomic<bool> has_sink{false};

    mutable std::mutex mutex;
    LogCallback callback;
    std::unique_ptr<detail::LogFileSink> file;
    std::string connection_id;
    std::function<std::chrono::system_clock::time_point()> clock;
    std::map<std::string, Repeat, std::less<>> repeats;

    std::chrono::system_clock::time_point now() const {
        return clock ? clock() : std::chrono::system_clock::now();
    }

    void update_has_sink() noexcept {
        has_sink.store(static_cast<bool>(callback) || file != nullptr, std::memory_order_relaxed);
    }

    // Sends one record to every sink. The mutex is held.
    void emit(LogLevel level, LogSeverity severity, std::string_view message,
              std::chrono::system_clock::time_point time) {
        LogRecord record;
        record.time = time;
        record.level = level;
        record.severity = severity;
        record.connection_id = connection_id;
        record.request_id = current_request_id;
        record.message = std::string(message);

        if (callback) {
            try {
                callback(record);
            } catch (...) {
                // A failing callback must not break the request that logged.
            }
        }
        if (file) {
            if (!file->write(format_line(record))) {
                std::fprintf(stderr, "epicor: writing log file '%s' failed; file logging is off\n",
                             file->path().c_str());
                file.reset();
                update_has_sink();
            }
        }
    }

    void forget_expired_repeats(std::chrono::system_clock::time_point time) {
        for (auto it = repeats.begin(); it != repeats.end();) {
            if (time - it->second.window_start >= repeat_window) {
                emit_suppressed_summary(it->first, it->second, time);
                it = repeats.erase(it);
            } else {
                ++it;
            }
        }
    }

    void emit_suppressed_summary(const std::string& message, const Repeat& repeat,
                                 std::chrono::system_clock::time_point time) {
        if (repeat.count <= repeat_limit + 1) {
            return;  // Nothing was suppressed after the notice written at repeat_limit + 1.
        }
        emit(LogLevel::errors, LogSeverity::warning,
             "The following message was suppressed " + std::to_string(repeat.count - repeat_limit - 1) +
                 " more times within a minute: " + message,
             time);
    }

    // Applies the repeat limit to a warning or error; returns true when the
    // message itself is to be written.
    bool admit_repeat(std::string_view message, std::chrono::system_clock::time_point time) {
        auto it = repeats.find(message);
        if (it == repeats.end()) {
            if (repeats.size() >= max_tracked_messages) {
                forget_expired_repeats(time);
            }
            if (repeats.size() >= max_tracked_messages) {
                return true;  // Too many distinct messages to track: write them all.
            }
            it = repeats.emplace(std::string(message), Repeat{time, 0}).first;
        }
        Repeat& repeat = it->second;
        if (time - repeat.window_start >= repeat_window) {
            emit_suppressed_summary(it->first, repeat, time);
            repeat = Repeat{time, 0};
        }
        ++repeat.count;
        if (repeat.count <= repeat_limit) {
            return true;
        }
        if (repeat.count == repeat_limit + 1) {
            emit(LogLevel::errors, LogSeverity::warning,
                 "The following message was written " + std::to_string(repeat_limit) +
                     " times within a minute; further repeats are suppressed until the minute ends: " +
                     std::string(message),
                 time);
        }
        return false;
    }
};

Logger::Logger() : state_(std::make_unique<State>()) {}

Logger::Logger(LogLevel verbosity, std::string connection_id) : Logger() {
    set_verbosity(verbosity);
    state_->connection_id = std::move(connection_id);
}

Logger::~Logger() {
    std::lock_guard<std::mutex> lock(state_->mutex);
    try {
        const auto time = state_->now();
        for (const auto& [message, repeat] : state_->repeats) {
            state_->emit_suppressed_summary(message, repeat, time);
        }
    } catch (...) {
        // Destructors must not throw; a lost summary line is acceptable.
    }
}

void Logger::set_verbosity(LogLevel verbosity) noexcept {
    state_->verbosity.store(static_cast<int>(verbosity), std::memory_order_relaxed);
}

LogLevel Logger::verbosity() const noexcept {
    return static_cast<LogLevel>(state_->verbosity.load(std::memory_order_relaxed));
}

bool Logger::enabled(LogLevel level) const noexcept {
    const int value = static_cast<int>(level);
    return value > 0 && value <= state_->verbosity.load(std::memory_order_relaxed) &&
           state_->has_sink.load(std::memory_order_relaxed);
}

void Logger::set_callback(LogCallback callback) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->callback = std::move(callback);
    state_->update_has_sink();
}

void Logger::open_file(LogFileOptions options) {
    auto sink = std::make_unique<detail::LogFileSink>(std::move(options));
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->file = std::move(sink);
    state_->update_has_sink();
}

void Logger::close_file() {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->file.reset();
    state_->update_has_sink();
}

void Logger::set_connection_id(std::string connection_id) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->connection_id = std::move(connection_id);
}

std::string Logger::connection_id() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->connection_id;
}

std::uint64_t Logger::next_request_id() noexcept {
    static std::atomic<std::uint64_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

void Logger::write(LogLevel level, LogSeverity severity, std::string_view message) noexcept {
    if (!enabled(level)) {
        return;
    }
    try {
        std::lock_guard<std::mutex> lock(state_->mutex);
        const auto time = state_->now();
        if (severity != LogSeverity::info && !state_->admit_repeat(message, time)) {
            return;
        }
        state_->emit(level, severity, message, time);
    } catch (...) {
        // Out of memory while formatting: drop the line rather than fail the caller.
    }
}

void Logger::flush() noexcept {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->file) {
        state_->file->flush();
    }
}

void Logger::set_clock(std::function<std::chrono::system_clock::time_point()> clock) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->clock = std::move(clock);
}

std::shared_ptr<Logger> default_logger() {
    // Deliberately leaked so threads that log during static destruction
    // still find a live logger.
    static auto* const instance = new std::shared_ptr<Logger>(std::make_shared<Logger>());
    return *instance;
}

RequestLogScope::RequestLogScope(std::uint64_t request_id) noexcept : previous_(current_request_id) {
    current_request_id = request_id;
}

RequestLogScope::~RequestLogScope() {
    current_request_id = previous_;
}

std::uint64_t RequestLogScope::current() noexcept {
    return current_request_id;
}

}  // namespace epicor
