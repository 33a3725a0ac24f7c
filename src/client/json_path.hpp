#pragma once

// Finds one value inside a JSON body by its path of member names and
// returns it as JSON text in which every number keeps the digits the body
// had, so the odata layer's reader can turn it into exact Values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor::detail {

/// Returns the compact JSON text of the value at `path` (member names from
/// the root object, e.g. {"returnObj", "Customer"}), or nothing when a
/// member on the path is missing or the body is not JSON. An empty path
/// returns the whole body. Numbers are copied as the body wrote them, never
/// through double.
std::optional<std::string> find_json_text(std::string_view body,
                                          const std::vector<std::string>& path);

}  // namespace epicor::detail
