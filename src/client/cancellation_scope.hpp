#pragma once

// Which cancellation applies to the requests the current thread sends.
// The libcurl transport and the retry policy take a plain is_cancelled()
// callback, so the client layer tells them through a thread-local scope:
// ConnectionState::send() and the query's page fetches open one around each
// request, and cancellation_requested() reads the innermost one.

#include <epicor/cancellation.hpp>

#include <atomic>
#include <cstdint>
#include <optional>

namespace epicor::detail {

/// Opens a scope on the current thread for the lifetime of the object.
/// The scope is cancelled when `generation` (a connection's counter, bumped
/// by Connection::cancel()) no longer equals `start`, or when `token` is
/// cancelled. Scopes nest: a scope is also cancelled when an enclosing
/// scope on the same thread is, so a background page fetch that a
/// ResultSet abandons stops even inside the query's own scope.
class CancellationScope {
public:
    CancellationScope(const std::atomic<std::uint64_t>& generation, std::uint64_t start,
                      std::optional<CancellationToken> token = std::nullopt);
    ~CancellationScope();

    CancellationScope(const CancellationScope&) = delete;
    CancellationScope& operator=(const CancellationScope&) = delete;

    bool cancelled() const noexcept;

    /// The innermost scope on this thread, or nullptr.
    static const CancellationScope* current() noexcept;

    const std::atomic<std::uint64_t>& generation() const noexcept { return generation_; }

private:
    const std::atomic<std::uint64_t>& generation_;
    std::uint64_t start_;
    std::optional<CancellationToken> token_;
    const CancellationScope* outer_;
};

/// True when the current thread's innermost scope is cancelled; false when
/// there is none. The is_cancelled hook of the connection's transport and
/// retry policy.
bool cancellation_requested() noexcept;

}  // namespace epicor::detail
