#pragma once

/// \file
/// epicor::CancellationToken, which lets one thread stop a query another
/// thread is running.
///
///     epicor::CancellationToken token;
///     auto rows = customers.query().cancellation(token).execute();
///     // on another thread: token.cancel();  the scan then throws CancelledError

#include <epicor/export.hpp>

#include <atomic>
#include <memory>

namespace epicor {

/// A flag shared by its copies. Once cancel() is called on any copy, every
/// operation that was given a copy throws CancelledError as soon as it
/// notices: before its next request, during a retry wait, or during a
/// transfer (libcurl checks a few times a second). A token cannot be reset:
/// create a new one for the next operation. Thread-safe.
class EPICOR_API CancellationToken {
public:
    /// A token that is not cancelled.
    CancellationToken();

    /// Cancels the operations that hold a copy of this token.
    void cancel() const noexcept;

    /// True once cancel() was called on any copy.
    bool is_cancelled() const noexcept;

private:
    std::shared_ptr<std::atomic<bool>> cancelled_;
};

}  // namespace epicor
