#pragma once

/// \file
/// JSON bodies as Kinetic sends them, written from rows and the schema so
/// decimals keep every digit: a Decimal field is stored as text and its
/// digits are written verbatim in the number position (nlohmann::json would
/// pass them through double). Also the reverse: reading a request body into
/// a row without losing decimal digits.

#include <epicor/testing/export.hpp>
#include <epicor/testing/odata_query.hpp>
#include <epicor/testing/schema.hpp>
#include <epicor/testing/table.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace epicor::testing {

/// Type of each expanded navigation's rows, by navigation name.
using ExpandedTypes = std::map<std::string, std::shared_ptr<const EntityType>>;

/// Appends one field value to `out` as JSON: decimals as bare numbers with
/// their stored digits, DateTime as `2025-01-31T00:00:00` in v1 and
/// `2025-01-31T00:00:00Z` in v2, DateTimeOffset as stored, null as `null`.
/// Throws std::invalid_argument when `value` does not have the stored form
/// FieldType describes (e.g. a decimal that is not a decimal number).
EPICOR_TESTING_API void write_value(std::string& out, const Field& field,
                                    const nlohmann::json& value, ODataVersion version);

/// Returns `row` as a JSON object: the type's fields present in the row, in
/// schema order (so a `$select`ed row writes only its selected fields), then
/// each expanded navigation found in `expanded` as an array of child rows.
EPICOR_TESTING_API std::string write_row(const EntityType& type, const Row& row,
                                         ODataVersion version,
                                         const ExpandedTypes& expanded = {});

/// Returns a JSON array of rows written as write_row() does.
EPICOR_TESTING_API std::string write_rows(const EntityType& type, const std::vector<Row>& rows,
                                          ODataVersion version,
                                          const ExpandedTypes& expanded = {});

/// Returns a collection body: v1 `{"odata.metadata":CONTEXT,
/// "odata.count":"N","value":[...]}` (OData 3 writes the count as a string)
/// or v2 `{"@odata.context":CONTEXT,"@odata.count":N,"value":[...]}`. The
/// count appears only when the result has one. `next_link`, when not empty,
/// is written as `odata.nextLink` / `@odata.nextLink`.
EPICOR_TESTING_API std::string write_collection(const QueryResult& result, ODataVersion version,
                                                std::string_view context_url,
                                                std::string_view next_link = {});

/// Returns a single-entity body: the row's fields preceded by
/// `"odata.metadata":CONTEXT` (v1) or `"@odata.context":CONTEXT` (v2).
EPICOR_TESTING_API std::string write_entity(const EntityType& type, const Row& row,
                                            ODataVersion version, std::string_view context_url);

/// Parses a request body (a JSON object) into a row of `type`, keeping the
/// exact digits of numbers sent for Decimal fields (as a number or a
/// string), reading dates and GUIDs from strings. Members whose names start
/// with `odata.` or `@odata.` are dropped; any other member must be a field.
///
/// Throws ValidationError when the body is not a JSON object, names an
/// unknown field, or has a value that does not fit its field's type.
EPICOR_TESTING_API Row parse_row_body(std::string_view body, const EntityType& type);

}  // namespace epicor::testing
