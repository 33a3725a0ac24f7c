#include "cli/file_reading.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace epicor::cli {
namespace {

[[noreturn]] void throw_errno(int error_number, const std::string& name) {
    throw std::system_error(error_number, std::generic_category(), name);
}

// Closes the descriptor when reading ends, by return or by exception.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
    ~FileDescriptor() { ::close(fd_); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const noexcept { return fd_; }

private:
    int fd_;
};

// Reads `fd` until end of file; `name` labels the error.
std::string read_to_end(int fd, const std::string& name) {
    std::string content;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_errno(errno, name);
        }
        if (count == 0) {
            return content;
        }
        content.append(buffer, static_cast<std::size_t>(count));
    }
}

}  // namespace

std::string read_whole_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, path);
    }
    const FileDescriptor file(fd);

    // open() succeeds on a directory, so it is rejected here, before any
    // read, with the errno that read() would give on Linux.
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        throw_errno(errno, path);
    }
    if (S_ISDIR(status.st_mode)) {
        throw_errno(EISDIR, path);
    }

    return read_to_end(file.get(), path);
}

std::string read_standard_input() {
    return read_to_end(STDIN_FILENO, "standard input");
}

}  // namespace epicor::cli
