#pragma once

// Base64 (RFC 4648 section 4) and base64url (section 5) for Edm.Binary
// values and literals.

#include <epicor/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace epicor::odata {

/// Encodes with the base64url alphabet and `=` padding, as OData 4 binary
/// literals take it.
std::string encode_base64url(const Binary& bytes);

/// Decodes standard or url-safe base64, padded or not. Returns nothing on
/// any other character, a misplaced `=`, or a length that cannot be base64.
std::optional<Binary> decode_base64(std::string_view text);

}  // namespace epicor::odata
