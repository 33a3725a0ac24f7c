#include "cli/text_width.hpp"

#include <cstdint>

namespace epicor::cli {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Zero-width code points: combining marks, zero-width space and joiners,
// variation selectors.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x20D0, 0x20FF}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xE0100, 0xE01EF},
};

// East Asian Wide (W) and Fullwidth (F) blocks, and the emoji blocks that
// terminals draw two columns wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <std::size_t N>
bool contains(const Range (&ranges)[N], char32_t code_point) {
    for (const Range& range : ranges) {
        if (code_point >= range.first && code_point <= range.last) {
            return true;
        }
    }
    return false;
}

std::size_t code_point_width(char32_t code_point) {
    if (contains(kZeroWidth, code_point)) {
        return 0;
    }
    return contains(kWide, code_point) ? 2 : 1;
}

// Decodes the UTF-8 sequence at text[position] and stores its length in
// `length`. An invalid or truncated sequence decodes as one byte, U+FFFD.
char32_t decode(std::string_view text, std::size_t position, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(text[position]);
    std::size_t expected = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
        length = 1;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        expected = 2;
        code_point = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        expected = 3;
        code_point = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        expected = 4;
        code_point = lead & 0x07u;
    } else {
        length = 1;
        return 0xFFFD;
    }
    if (position + expected > text.size()) {
        length = 1;
        return 0xFFFD;
    }
    for (std::size_t i = 1; i < expected; ++i) {
        const auto next = static_cast<unsigned char>(text[position + i]);
        if ((next & 0xC0) != 0x80) {
            length = 1;
            return 0xFFFD;
        }
        code_point = (code_point << 6) | (next & 0x3Fu);
    }
    length = expected;
    return code_point;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    std::size_t previous_width = 0;
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t length = 1;
        const char32_t code_point = decode(text, position, length);
        std::size_t current_width = code_point_width(code_point);
        // VARIATION SELECTOR-16 selects the emoji form of the character
        // before it, which terminals draw two columns wide (U+2600 U+FE0F).
        if (code_point == 0xFE0F && previous_width == 1) {
            current_width = 1;
        }
        width += current_width;
        previous_width = current_width;
        position += length;
    }
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t max_columns) {
    if (display_width(text) <= max_columns) {
        return std::string(text);
    }
    if (max_columns == 0) {
        return {};
    }
    // Keep whole characters up to max_columns - 1, leaving one column for "…".
    std::string out;
    std::size_t width = 0;
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t length = 1;
        const std::size_t next_width = code_point_width(decode(text, position, length));
        if (width + next_width > max_columns - 1) {
            break;
        }
        out.append(text.substr(position, length));
        width += next_width;
        position += length;
    }
    out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
    return out;
}

}  // namespace epicor::cli
