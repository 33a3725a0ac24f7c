#pragma once

// The file sink of epicor::Logger: appends lines to a file and rotates it by
// size (app.log -> app.1.log -> app.2.log ...). Not thread-safe: the Logger
// serialises calls to it.

#include <epicor/log.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace epicor::detail {

class LogFileSink {
public:
    /// Opens options.path for appending, creating it with mode 0600.
    /// Throws epicor::ConfigError for the Logfile property, naming the path, when it cannot be opened.
    explicit LogFileSink(LogFileOptions options);
    ~LogFileSink();
    LogFileSink(const LogFileSink&) = delete;
    LogFileSink& operator=(const LogFileSink&) = delete;

    /// Appends `line`, rotating first when it would push the file past
    /// max_file_size. Returns false when the write failed.
    bool write(std::string_view line);
    void flush() noexcept;
    const std::string& path() const noexcept { return options_.path; }

    /// Returns the name of rotated file number `index`: "app.log" gives
    /// "app.1.log", "app" gives "app.1".
    static std::string rotated_path(const std::string& path, unsigned index);

private:
    void open(bool truncate);
    void rotate();

    LogFileOptions options_;
    std::FILE* file_ = nullptr;
    std::uint64_t size_ = 0;
};

}  // namespace epicor::detail
