#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace epicor::odata {

/// Returns at most `max_length` bytes of `text` for an error message, on one
/// line: control characters become spaces, whitespace runs collapse to one
/// space, bytes that are not valid UTF-8 become `?`, and `...` is appended
/// when the text was cut. Never splits a UTF-8 sequence.
std::string excerpt(std::string_view text, std::size_t max_length = 120);

}  // namespace epicor::odata
