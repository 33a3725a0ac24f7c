#include "core/log_file_sink.hpp"

#include <epicor/error.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace epicor::detail {

LogFileSink::LogFileSink(LogFileOptions options) : options_(std::move(options)) {
    if (options_.path.empty()) {
        throw ConfigError("Logfile", "the path is empty; set it to the path of the log file to write");
    }
    open(false);
}

LogFileSink::~LogFileSink() {
    if (file_ != nullptr) {
        std::fclose(file_);
    }
}

std::string LogFileSink::rotated_path(const std::string& path, unsigned index) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::size_t name_start = slash == std::string::npos ? 0 : slash + 1;
    const std::size_t dot = path.rfind('.');
    const std::string number = "." + std::to_string(index);
    // A leading dot ("/var/log/.hidden") starts the name, not an extension.
    if (dot == std::string::npos || dot <= name_start) {
        return path + number;
    }
    return path.substr(0, dot) + number + path.substr(dot);
}

void LogFileSink::open(bool truncate) {
#ifdef _WIN32
    file_ = std::fopen(options_.path.c_str(), truncate ? "wb" : "ab");
#else
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
    const int descriptor = ::open(options_.path.c_str(), flags, 0600);
    file_ = descriptor >= 0 ? ::fdopen(descriptor, truncate ? "w" : "a") : nullptr;
    if (file_ == nullptr && descriptor >= 0) {
        ::close(descriptor);
    }
#endif
    const int error_number = errno;
    if (file_ == nullptr) {
        // A ConfigError, because the path comes from the Logfile property.
        // rotate() catches it like any Error and stops writing the log.
        throw ConfigError("Logfile", "cannot open the log file '" + options_.path + "': " + std::strerror(error_number) +
                                         "; check that its folder exists and is writable, or change Logfile");
    }
    std::fseek(file_, 0, SEEK_END);
    const long position = std::ftell(file_);
    size_ = position > 0 ? static_cast<std::uint64_t>(position) : 0;
}

void LogFileSink::rotate() {
    std::fclose(file_);
    file_ = nullptr;

    unsigned last_index = 0;  // Rotated file that receives the oldest kept file.
    if (options_.max_file_count == 0) {
        // Keep everything: shift up to the first number not yet taken.
        last_index = 1;
        while (std::filesystem::exists(rotated_path(options_.path, last_index))) {
            ++last_index;
        }
    } else if (options_.max_file_count > 1) {
        last_index = options_.max_file_count - 1;
        std::remove(rotated_path(options_.path, last_index).c_str());
    }

    if (last_index > 0) {
        // Errors are ignored: a missing older file is normal, and a failed
        // rename at worst overwrites or keeps an old file.
        for (unsigned index = last_index; index > 1; --index) {
            std::rename(rotated_path(options_.path, index - 1).c_str(),
                        rotated_path(options_.path, index).c_str());
        }
        std::rename(options_.path.c_str(), rotated_path(options_.path, 1).c_str());
    }
    open(true);
}

bool LogFileSink::write(std::string_view line) {
    if (file_ == nullptr) {
        return false;
    }
    if (options_.max_file_size > 0 && size_ > 0 && size_ + line.size() > options_.max_file_size) {
        try {
            rotate();
        } catch (const Error&) {
            return false;
        }
    }
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size()) {
        return false;
    }
    size_ += line.size();
    // Flushed per line so a crash loses nothing already logged.
    return std::fflush(file_) == 0;
}

void LogFileSink::flush() noexcept {
    if (file_ != nullptr) {
        std::fflush(file_);
    }
}

}  // namespace epicor::detail
