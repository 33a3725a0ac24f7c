#include "auth/file_lock.hpp"

#include <epicor/token_store.hpp>

#ifndef _WIN32
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <thread>
#include <utility>

namespace epicor::auth {
namespace {

using Kind = TokenStoreFileError::Kind;

#ifndef _WIN32

// Tries once to take the lock. Returns false when another holder has it.
bool try_lock(int fd, const std::string& lock_path, const std::string& settings_path) {
#ifdef F_OFD_SETLK
    struct flock request {};
    request.l_type = F_WRLCK;
    request.l_whence = SEEK_SET;
    request.l_start = 0;
    request.l_len = 0;
    const int result = ::fcntl(fd, F_OFD_SETLK, &request);
#else
    const int result = ::flock(fd, LOCK_EX | LOCK_NB);
#endif
    if (result == 0) {
        return true;
    }
    const int error = errno;
    if (error == EAGAIN || error == EACCES || error == EWOULDBLOCK || error == EINTR) {
        return false;
    }
    throw TokenStoreFileError(Kind::io, settings_path,
                              "cannot lock " + lock_path + " to update the OAuth settings file " +
                                  settings_path + ": " + std::strerror(error) +
                                  "; put the file on a local file system that supports locks");
}

#endif

}  // namespace

FileLock::FileLock(std::string lock_path, const std::string& settings_path,
                   std::chrono::milliseconds timeout)
    : lock_path_(std::move(lock_path)) {
#ifdef _WIN32
    // TODO: lock with LockFileEx once the file store supports Windows.
    static_cast<void>(timeout);
    throw TokenStoreFileError(Kind::io, settings_path,
                              "the OAuth settings file store is not supported on Windows yet; "
                              "use OAuthSettingsLocation=memory://");
#else
    fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd_ < 0) {
        const int error = errno;
        throw TokenStoreFileError(Kind::io, settings_path,
                                  "cannot open the lock file " + lock_path_ +
                                      " of the OAuth settings file " + settings_path + ": " +
                                      std::strerror(error) +
                                      "; check that its folder is writable by this user");
    }

    // Polls with a growing pause because neither lock call has a timed wait.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::chrono::milliseconds pause(1);
    try {
        while (!try_lock(fd_, lock_path_, settings_path)) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw TokenStoreFileError(
                    Kind::lock_timeout, settings_path,
                    "timed out after " + std::to_string(timeout.count()) +
                        " ms waiting for the lock " + lock_path_ + " of the OAuth settings file " +
                        settings_path + "; another process or thread holds it. Wait for it to "
                        "finish, or stop it if it hangs");
            }
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds(20));
        }
    } catch (...) {
        ::close(fd_);
        throw;
    }
#endif
}

FileLock::~FileLock() {
#ifndef _WIN32
    // Closing the only descriptor of the open file releases either lock kind.
    if (fd_ >= 0) {
        ::close(fd_);
    }
#endif
}

}  // namespace epicor::auth
