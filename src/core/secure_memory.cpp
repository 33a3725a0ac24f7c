#include "core/secure_memory.hpp"

namespace epicor::detail {

void secure_wipe(void* data, std::size_t size) noexcept {
    // Writes through a volatile pointer are observable behaviour, so the
    // compiler keeps them even though the memory is about to be freed.
    volatile unsigned char* bytes = static_cast<volatile unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = 0;
    }
}

void secure_wipe(std::string& text) noexcept {
    // A moved-from or shortened string can keep old bytes between size() and
    // capacity() (the small-string buffer included), so wipe the capacity.
    text.resize(text.capacity());
    secure_wipe(text.data(), text.size());
    text.clear();
}

SecretString& SecretString::operator=(const SecretString& other) {
    if (this != &other) {
        secure_wipe(value_);
        value_ = other.value_;
    }
    return *this;
}

SecretString& SecretString::operator=(SecretString&& other) noexcept {
    if (this != &other) {
        secure_wipe(value_);
        value_ = std::move(other.value_);
        secure_wipe(other.value_);
    }
    return *this;
}

void SecretString::assign(std::string value) noexcept {
    secure_wipe(value_);
    value_ = std::move(value);
    secure_wipe(value);
}

}  // namespace epicor::detail
