#include <epicor/guid.hpp>

#include <epicor/error.hpp>

#include <cstddef>
#include <string>

namespace epicor {
namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_hyphen_position(std::size_t index) noexcept {
    return index == 8 || index == 13 || index == 18 || index == 23;
}

}  // namespace

std::optional<Guid> Guid::try_parse(std::string_view text) noexcept {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
        text = text.substr(1, 36);
    }
    if (text.size() != 36) {
        return std::nullopt;
    }

    std::array<std::uint8_t, 16> bytes{};
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_hyphen_position(i)) {
            if (text[i] != '-') {
                return std::nullopt;
            }
            ++i;
            continue;
        }
        const int high = hex_value(text[i]);
        const int low = hex_value(text[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes[byte++] = static_cast<std::uint8_t>(high * 16 + low);
        i += 2;
    }
    return Guid(bytes);
}

Guid Guid::parse(std::string_view text) {
    auto result = try_parse(text);
    if (!result) {
        const std::string shown =
            text.size() > 60 ? std::string(text.substr(0, 60)) + "..." : std::string(text);
        throw DataError("invalid GUID '" + shown +
                        "': expected 32 hexadecimal digits as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }
    return *result;
}

std::string Guid::to_string() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes_.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        text += digits[bytes_[i] >> 4];
        text += digits[bytes_[i] & 0x0f];
    }
    return text;
}

bool Guid::is_nil() const noexcept {
    for (auto b : bytes_) {
        if (b != 0) {
            return false;
        }
    }
    return true;
}

}  // namespace epicor
