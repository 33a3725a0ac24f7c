#pragma once

// The text of a method or Epicor Function response, kept so that tables and
// values can be read from it exactly (decimals as Decimal), and the readers
// that do it.

#include <epicor/column.hpp>
#include <epicor/result_set.hpp>
#include <epicor/value.hpp>

#include <functional>
#include <string>
#include <vector>

namespace epicor::detail {

struct ResponseBody {
    std::string text;
    /// Names the call in messages, e.g. "the method Erp.BO.CustomerSvc/GetByID".
    std::string call_name;
    /// Returns the declared columns of a tableset table, or nothing to
    /// infer the types. May be empty.
    std::function<std::vector<Column>(const std::string& table)> table_columns;
};

/// Reads the array of row objects at `path` in `body`. `table` names the
/// table for table_columns() and messages. Throws DataError when the path
/// is missing or does not hold an array of objects, or a value does not fit
/// its declared type.
std::vector<Row> read_table_at(const ResponseBody& body, const std::vector<std::string>& path,
                               const std::string& table);

/// Reads the value at `path` exactly; null when the path is missing.
Value read_value_at(const ResponseBody& body, const std::vector<std::string>& path);

/// Returns "a.b.c" for messages.
std::string join_path(const std::vector<std::string>& path);

}  // namespace epicor::detail
