#pragma once

/// \file
/// epicor::Guid, the 128-bit identifier Kinetic uses for `SysRowID` and
/// license types.

#include <epicor/export.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace epicor {

/// A GUID kept as the 16 bytes of its text form, in text order (not .NET's
/// mixed-endian byte layout).
class EPICOR_API Guid {
public:
    /// The all-zero GUID, which Kinetic uses as `SysRowID` of a new row.
    Guid() = default;

    explicit Guid(const std::array<std::uint8_t, 16>& bytes) noexcept : bytes_(bytes) {}

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in either letter case,
    /// optionally enclosed in braces. Throws DataError quoting the text.
    static Guid parse(std::string_view text);

    /// Parses like parse() but returns nothing instead of throwing.
    static std::optional<Guid> try_parse(std::string_view text) noexcept;

    /// Formats as 36 lowercase characters with hyphens.
    std::string to_string() const;

    bool is_nil() const noexcept;
    const std::array<std::uint8_t, 16>& bytes() const noexcept { return bytes_; }

    friend bool operator==(const Guid& a, const Guid& b) noexcept { return a.bytes_ == b.bytes_; }
    friend bool operator!=(const Guid& a, const Guid& b) noexcept { return a.bytes_ != b.bytes_; }
    friend bool operator<(const Guid& a, const Guid& b) noexcept { return a.bytes_ < b.bytes_; }

private:
    std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace epicor
