#include "client/cancellation_scope.hpp"

#include <epicor/cancellation.hpp>

#include <utility>

namespace epicor {

CancellationToken::CancellationToken() : cancelled_(std::make_shared<std::atomic<bool>>(false)) {}

void CancellationToken::cancel() const noexcept { cancelled_->store(true); }

bool CancellationToken::is_cancelled() const noexcept { return cancelled_->load(); }

namespace detail {
namespace {

thread_local const CancellationScope* innermost_scope = nullptr;

}  // namespace

CancellationScope::CancellationScope(const std::atomic<std::uint64_t>& generation,
                                     std::uint64_t start, std::optional<CancellationToken> token)
    : generation_(generation), start_(start), token_(std::move(token)), outer_(innermost_scope) {
    innermost_scope = this;
}

CancellationScope::~CancellationScope() { innermost_scope = outer_; }

bool CancellationScope::cancelled() const noexcept {
    if (generation_.load() != start_ || (token_ && token_->is_cancelled())) {
        return true;
    }
    return outer_ != nullptr && outer_->cancelled();
}

const CancellationScope* CancellationScope::current() noexcept { return innermost_scope; }

bool cancellation_requested() noexcept {
    const CancellationScope* scope = innermost_scope;
    return scope != nullptr && scope->cancelled();
}

}  // namespace detail
}  // namespace epicor
