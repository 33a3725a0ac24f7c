#pragma once

// JSON request bodies built from typed values, so a Decimal reaches the
// server with every digit instead of passing through double.

#include <epicor/entity_set.hpp>
#include <epicor/value.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace epicor::detail {

/// Appends `value` as JSON text: a Decimal as a bare number with all its
/// digits, dates, GUIDs and binary (base64) as strings.
void append_json(std::string& out, const Value& value);

/// Returns `{"name":value,...}` for `fields`. Throws DataError for an empty
/// or repeated field name.
std::string to_json_object(const FieldValues& fields);

/// Parses a response body as JSON; an empty body gives null. Throws
/// DataError quoting a short excerpt of the body when it is not JSON.
/// `call_name` names the call in the message.
nlohmann::json parse_json_body(const std::string& body, const std::string& call_name);

}  // namespace epicor::detail
