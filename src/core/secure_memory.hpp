#pragma once

// Wiping secrets from memory once they are no longer needed.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace epicor::detail {

/// Overwrites `size` bytes at `data` with zeros in a way the compiler may not
/// remove as a dead store.
void secure_wipe(void* data, std::size_t size) noexcept;

/// Overwrites the whole capacity of `text` with zeros, then clears it.
void secure_wipe(std::string& text) noexcept;

/// A password, token or key that is wiped from memory when destroyed,
/// reassigned or moved from. Never printed: there is no stream operator.
/// NOTE: copies made by code that reads view() or str() are not wiped;
/// keep them short-lived or wipe them with secure_wipe().
class SecretString {
public:
    SecretString() = default;
    explicit SecretString(std::string value) noexcept : value_(std::move(value)) {}
    SecretString(const SecretString& other) : value_(other.value_) {}
    SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) {
        secure_wipe(other.value_);
    }
    SecretString& operator=(const SecretString& other);
    SecretString& operator=(SecretString&& other) noexcept;
    ~SecretString() { secure_wipe(value_); }

    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }
    std::string_view view() const noexcept { return value_; }
    const std::string& str() const noexcept { return value_; }
    const char* c_str() const noexcept { return value_.c_str(); }

    /// Wipes the current value and stores `value` in its place.
    void assign(std::string value) noexcept;
    void clear() noexcept { secure_wipe(value_); }

private:
    std::string value_;
};

}  // namespace epicor::detail
