#include "auth/private_file.hpp"

#include <epicor/token_store.hpp>

#include <openssl/rand.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace epicor::auth {
namespace {

using Kind = TokenStoreFileError::Kind;

#ifdef _WIN32

[[noreturn]] void throw_unsupported(const std::string& path) {
    // TODO: implement with CreateFileW, ReplaceFileW and an ACL for the user.
    throw TokenStoreFileError(Kind::io, path,
                              "the OAuth settings file store is not supported on Windows yet; "
                              "use OAuthSettingsLocation=memory://");
}

#else

std::string errno_text(int error) { return std::strerror(error); }

std::string octal_mode(unsigned mode) {
    std::array<char, 8> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04o", mode & 07777u);
    return buffer.data();
}

std::string parent_of(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// Closes a descriptor once, on every path out of a function.
class Descriptor {
public:
    explicit Descriptor(int fd) noexcept : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;

    int get() const noexcept { return fd_; }

    // Closes now and returns close()'s errno, or 0.
    int close_now() noexcept {
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0 ? 0 : errno;
    }

private:
    int fd_;
};

[[noreturn]] void throw_read_error(const std::string& path, int error) {
    throw TokenStoreFileError(Kind::io, path,
                              "cannot read the OAuth settings file " + path + ": " +
                                  errno_text(error) +
                                  "; make it readable by the user running the program");
}

[[noreturn]] void throw_write_error(const std::string& path, const char* step, int error) {
    throw TokenStoreFileError(Kind::io, path,
                              "cannot write the OAuth settings file " + path + " (" + step +
                                  "): " + errno_text(error) +
                                  "; check that the folder is writable and the disk has space. "
                                  "The previous file, if any, is unchanged");
}

void check_private(const std::string& path, const struct stat& status) {
    if (!S_ISREG(status.st_mode)) {
        throw TokenStoreFileError(Kind::unsafe_file, path,
                                  "the OAuth settings location " + path +
                                      " is not a regular file; set OAuthSettingsLocation to a "
                                      "file path");
    }
    if (status.st_uid != ::geteuid()) {
        throw TokenStoreFileError(
            Kind::unsafe_file, path,
            "the OAuth settings file " + path + " is owned by uid " +
                std::to_string(status.st_uid) + ", not by the user running the program (uid " +
                std::to_string(::geteuid()) + "); give it to that user with chown, or delete it "
                "and authorize again");
    }
    const auto mode = static_cast<unsigned>(status.st_mode);
    if ((mode & 077u) != 0) {
        throw TokenStoreFileError(
            Kind::unsafe_file, path,
            "the OAuth settings file " + path + " has mode " + octal_mode(mode) +
                ", so other users can read or change it; restrict it with chmod 600, or delete "
                "it and authorize again if someone else may have read it");
    }
}

std::string random_suffix() {
    std::array<unsigned char, 8> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
        throw TokenStoreError("OpenSSL failed to generate a name for a temporary OAuth settings "
                              "file; check the OpenSSL random generator");
    }
    std::string suffix;
    for (const unsigned char byte : random) {
        std::array<char, 3> hex{};
        std::snprintf(hex.data(), hex.size(), "%02x", static_cast<unsigned>(byte));
        suffix += hex.data();
    }
    return suffix;
}

void write_all(int fd, std::string_view content, const std::string& path) {
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_write_error(path, "write to the temporary file", errno);
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
}

void sync_directory(const std::string& directory, const std::string& path) {
    Descriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) {
        throw_write_error(path, "open the folder to sync it", errno);
    }
    // Some file systems cannot sync a folder and report EINVAL; the rename
    // itself has already happened then.
    if (::fsync(fd.get()) != 0 && errno != EINVAL) {
        throw_write_error(path, "sync the folder", errno);
    }
}

void make_directory(const std::string& directory, const std::string& path) {
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        const int error = errno;
        throw TokenStoreFileError(Kind::io, path,
                                  "cannot create the folder " + directory +
                                      " for the OAuth settings file " + path + ": " +
                                      errno_text(error) +
                                      "; create it yourself or set OAuthSettingsLocation to a "
                                      "path in a writable folder");
    }
}

// Creates `directory` and its missing parents, each with mode 0700.
void make_directories(const std::filesystem::path& directory, const std::string& path) {
    struct stat status {};
    if (directory.empty() || ::stat(directory.c_str(), &status) == 0) {
        return;
    }
    make_directories(directory.parent_path(), path);
    make_directory(directory.string(), path);
}

#endif

}  // namespace

#ifdef _WIN32

std::optional<std::string> read_private_file(const std::string& path, std::size_t) {
    throw_unsupported(path);
}
void write_file_atomically(const std::string& path, std::string_view) { throw_unsupported(path); }
void ensure_parent_directory(const std::string& path, bool) { throw_unsupported(path); }
void remove_file(const std::string& path) { throw_unsupported(path); }

#else

std::optional<std::string> read_private_file(const std::string& path, std::size_t max_size) {
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (fd.get() < 0) {
        const int error = errno;
        if (error == ENOENT) {
            return std::nullopt;
        }
        if (error == ELOOP) {
            throw TokenStoreFileError(Kind::unsafe_file, path,
                                      "the OAuth settings file " + path +
                                          " is a symbolic link, which the store does not follow; "
                                          "set OAuthSettingsLocation to the file it points to");
        }
        throw_read_error(path, error);
    }

    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) {
        throw_read_error(path, errno);
    }
    check_private(path, status);
    if (static_cast<std::uint64_t>(status.st_size) > max_size) {
        throw TokenStoreFileError(Kind::corrupt, path,
                                  "the OAuth settings file " + path + " is larger than " +
                                      std::to_string(max_size) +
                                      " bytes, so it is not a settings file; delete it and "
                                      "authorize again");
    }

    // Reads up to one byte past the limit so the caller sees a file that
    // grew after fstat() as too large.
    std::string content(max_size + 1, '\0');
    std::size_t total = 0;
    while (total < content.size()) {
        const ssize_t count = ::read(fd.get(), content.data() + total, content.size() - total);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_read_error(path, errno);
        }
        if (count == 0) {
            break;
        }
        total += static_cast<std::size_t>(count);
    }
    content.resize(total);
    return content;
}

void write_file_atomically(const std::string& path, std::string_view content) {
    const std::string directory = parent_of(path);
    const std::string temporary = path + ".tmp-" + random_suffix();

    Descriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                         0600));
    if (fd.get() < 0) {
        throw_write_error(path, "create a temporary file in its folder", errno);
    }
    try {
        // The umask can only clear bits, but set 0600 outright anyway.
        if (::fchmod(fd.get(), 0600) != 0) {
            throw_write_error(path, "set mode 0600 on the temporary file", errno);
        }
        write_all(fd.get(), content, path);
        if (::fsync(fd.get()) != 0) {
            throw_write_error(path, "sync the temporary file", errno);
        }
        if (const int error = fd.close_now(); error != 0) {
            throw_write_error(path, "close the temporary file", error);
        }
        if (::rename(temporary.c_str(), path.c_str()) != 0) {
            throw_write_error(path, "rename the temporary file over it", errno);
        }
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    sync_directory(directory, path);
}

void ensure_parent_directory(const std::string& path, bool create_parents) {
    const std::filesystem::path directory = std::filesystem::path(path).parent_path();
    struct stat status {};
    if (directory.empty() || ::stat(directory.c_str(), &status) == 0) {
        return;
    }

    const std::filesystem::path grandparent = directory.parent_path();
    if (!create_parents && !grandparent.empty() && ::stat(grandparent.c_str(), &status) != 0) {
        throw TokenStoreFileError(
            Kind::missing_directory, path,
            "cannot create the folder " + directory.string() + " for the OAuth settings file " +
                path + " because its parent folder " + grandparent.string() +
                " does not exist; create it, or set OAuthSettingsLocation to a path in an "
                "existing folder");
    }
    make_directories(directory, path);
}

void remove_file(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        const int error = errno;
        throw TokenStoreFileError(Kind::io, path,
                                  "cannot delete the OAuth settings file " + path + ": " +
                                      std::strerror(error) + "; check that its folder is writable");
    }
}

#endif

}  // namespace epicor::auth
