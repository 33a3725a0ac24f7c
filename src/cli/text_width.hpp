#pragma once

// Display width of UTF-8 text in a terminal, for aligning table columns.

#include <cstddef>
#include <string>
#include <string_view>

namespace epicor::cli {

// Returns the number of terminal columns `text` occupies: 2 for East Asian
// wide and fullwidth characters and for emoji, 0 for combining marks,
// variation selectors and zero-width joiners, 1 for everything else. A
// narrow character followed by U+FE0F (emoji presentation) counts 2. A byte
// that is not valid UTF-8 counts as 1 column.
// NOTE: this is a simplified table of Unicode ranges, not the full
// East_Asian_Width property, so rare symbols may be measured wrongly.
std::size_t display_width(std::string_view text);

// Returns `text` cut to at most `max_columns` display columns, ending in
// "…" when it was cut. Never splits a UTF-8 sequence.
std::string truncate_to_width(std::string_view text, std::size_t max_columns);

}  // namespace epicor::cli
