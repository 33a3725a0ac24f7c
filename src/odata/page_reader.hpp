#pragma once

// Reads Kinetic collection and entity bodies into typed values without
// losing decimal digits: numbers are converted from their JSON text, never
// through double, unless the column is Edm.Double or Edm.Single.

#include <epicor/column.hpp>
#include <epicor/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor::odata {

/// One page of a collection. `fields` lists every property name seen, in
/// first-seen order; rows[i][j] is the value of fields[j] in row i. A row
/// may be shorter than `fields` when a later row introduced a property,
/// and a missing trailing or omitted value is null.
struct Page {
    std::vector<std::string> fields;
    std::vector<std::vector<Value>> rows;
    std::optional<std::string> next_link;  ///< `odata.nextLink` (v1) or `@odata.nextLink` (v2).
    std::optional<std::int64_t> count;     ///< `odata.count` (v1) or `@odata.count` (v2).
    std::string context;                   ///< `odata.metadata` (v1) or `@odata.context` (v2).
};

/// One entity: property names and values in body order.
struct Entity {
    std::vector<std::string> fields;
    std::vector<Value> values;
};

/// Reads a collection body `{"value":[{...},...], ...}` in either dialect.
/// A property named in `columns` is read as that column's Edm type, and a
/// JSON string is accepted for numeric, date, GUID and binary columns
/// because Kinetic sends some decimals as strings. Other properties are
/// inferred: integers as int64, other numbers as Decimal, strings as
/// strings, objects and arrays as nested JSON. Annotations (`odata.*` and
/// names with `@`) are not fields. Throws DataError quoting a short,
/// sanitized excerpt of the body when it is not JSON, has no `value` array,
/// or a value does not fit its column's type.
/// NOTE: nlohmann::json 3.11 rejects a JSON number beyond double's range
/// (about 1.8e308) as a syntax error, so such a body throws even when the
/// column is Edm.Decimal.
Page read_page(std::string_view body, const std::vector<Column>& columns = {});

/// Reads a single-entity body, the JSON object of one entity. Types as
/// read_page(). Throws DataError like read_page().
Entity read_entity(std::string_view body, const std::vector<Column>& columns = {});

}  // namespace epicor::odata
