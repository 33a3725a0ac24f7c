#pragma once

/// \file
/// An exclusive lock on a lock file, held across processes and across
/// threads of one process.

#include <chrono>
#include <string>

namespace epicor::auth {

/// Holds an exclusive lock on `lock_path` from construction to destruction.
/// On Linux it is an open file description lock (F_OFD_SETLK), elsewhere
/// flock(). Both belong to the open file, so two threads of one process
/// exclude each other like two processes do. The lock file is created with
/// mode 0600 when missing and is never deleted, because a waiter could then
/// lock the deleted file while a newcomer locks a new one.
class FileLock {
public:
    /// Waits up to `timeout` for the lock. `settings_path` is the file the
    /// lock guards, named in errors. Throws TokenStoreFileError with kind
    /// lock_timeout when the wait times out, and kind io when the lock file
    /// cannot be opened or locked.
    FileLock(std::string lock_path, const std::string& settings_path,
             std::chrono::milliseconds timeout);
    ~FileLock();

    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    std::string lock_path_;
    int fd_ = -1;
};

}  // namespace epicor::auth
