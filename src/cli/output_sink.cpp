#include "cli/output_sink.hpp"

#include <epicor/error.hpp>

#include <cerrno>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace epicor::cli {
namespace {

constexpr std::size_t kFlushThreshold = 64 * 1024;

std::string errno_text(int error_number) {
    return std::strerror(error_number);
}

// Returns the permission bits a newly created file gets under the process
// umask, so an export gets the same mode as a file written by `>`.
mode_t default_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

// Checks what is at `path` before the temporary file is renamed over it.
// The rename would replace a symbolic link itself and ignore the target's
// permissions, so a link, a directory, a device or pipe, and a file without
// write permission are rejected. Returns the mode of an existing regular
// file, or nothing when `path` does not exist yet.
std::optional<mode_t> check_existing_target(const std::string& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        const int error_number = errno;
        if (error_number == ENOENT) {
            return std::nullopt;
        }
        throw Error("cannot check the output file '" + path + "': " + errno_text(error_number) +
                    "; check the path and the permissions of its directory");
    }
    if (S_ISLNK(status.st_mode)) {
        throw Error("the output file '" + path +
                    "' is a symbolic link, which --output does not follow; pass the path of the file it "
                    "points to, or remove the link");
    }
    if (S_ISDIR(status.st_mode)) {
        throw Error("the output file '" + path + "' is a directory; pass the path of a file");
    }
    if (!S_ISREG(status.st_mode)) {
        throw Error("the output file '" + path +
                    "' is not a regular file; to write to a device or a pipe, leave out --output and "
                    "redirect standard output");
    }
    // The write bits are checked as well as access(), because access()
    // grants root write permission on a read-only file.
    const bool has_write_bit = (status.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
    if (!has_write_bit || ::access(path.c_str(), W_OK) != 0) {
        throw Error("the output file '" + path +
                    "' is read-only; make it writable (chmod u+w), remove it, or choose another path");
    }
    return static_cast<mode_t>(status.st_mode & 07777);
}

}  // namespace

OutputSink::OutputSink(const std::string& path) {
    if (path.empty() || path == "-") {
        fd_ = STDOUT_FILENO;
        is_terminal_ = ::isatty(STDOUT_FILENO) == 1;
        return;
    }

    path_ = path;
    const std::optional<mode_t> existing_mode = check_existing_target(path);
    std::string pattern = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        const int error_number = errno;
        throw Error("cannot create the output file '" + path + "': " + errno_text(error_number) +
                    "; check that its directory exists and is writable");
    }
    fd_ = fd;
    temp_path_ = pattern;
    // A replaced file keeps its permission bits, as it would with `>`.
    ::fchmod(fd_, existing_mode.value_or(default_file_mode()));
    buffer_.reserve(kFlushThreshold * 2);
}

OutputSink::~OutputSink() {
    if (path_.empty()) {
        try {
            flush();
        } catch (const Error&) {
            // The command has already finished or failed, and a write error
            // at exit (a closed pipe, for example) cannot be reported.
        }
        return;
    }
    if (!committed_) {
        ::close(fd_);
        ::unlink(temp_path_.c_str());
    }
}

void OutputSink::write(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kFlushThreshold) {
        flush();
    }
}

void OutputSink::write(char c) {
    buffer_.push_back(c);
}

void OutputSink::flush() {
    if (buffer_.empty()) {
        return;
    }
    // Clear before writing so a failed write is not repeated by the destructor.
    std::string pending;
    pending.swap(buffer_);
    write_all(pending.data(), pending.size());
    pending.clear();
    buffer_.swap(pending);
}

void OutputSink::write_all(const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error_number = errno;
            const std::string target = path_.empty() ? std::string("standard output") : "'" + path_ + "'";
            throw Error("writing to " + target + " failed: " + errno_text(error_number));
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
}

void OutputSink::commit() {
    flush();
    if (path_.empty() || committed_) {
        return;
    }
    if (::fsync(fd_) != 0) {
        const int error_number = errno;
        throw Error("saving the output file '" + path_ + "' failed: " + errno_text(error_number));
    }
    if (::close(fd_) != 0) {
        const int error_number = errno;
        ::unlink(temp_path_.c_str());
        committed_ = true;
        throw Error("saving the output file '" + path_ + "' failed: " + errno_text(error_number));
    }
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        const int error_number = errno;
        ::unlink(temp_path_.c_str());
        committed_ = true;
        throw Error("renaming the finished output to '" + path_ + "' failed: " + errno_text(error_number));
    }
    committed_ = true;
}

}  // namespace epicor::cli
