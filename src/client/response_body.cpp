#include "client/response_body.hpp"

#include "client/json_path.hpp"
#include "client/result_set_cursor.hpp"
#include "odata/page_reader.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <memory>
#include <utility>

namespace epicor::detail {
namespace {

// The column for page field `field`: the declared one when there is one,
// else a column typed after the field's first non-null value.
Column column_for(const odata::Page& page, std::size_t field, const std::vector<Column>& declared) {
    const std::string& name = page.fields[field];
    const auto found = std::find_if(declared.begin(), declared.end(),
                                    [&](const Column& column) { return column.name == name; });
    if (found != declared.end()) {
        return *found;
    }
    Column column;
    column.name = name;
    for (const auto& row : page.rows) {
        if (field < row.size() && !row[field].is_null()) {
            column.type = infer_edm_type(row[field]);
            break;
        }
    }
    if (column.type != EdmType::unknown) {
        column.type_name = std::string(to_string(column.type));
    }
    return column;
}

}  // namespace

std::string join_path(const std::vector<std::string>& path) {
    std::string joined;
    for (const auto& name : path) {
        joined += joined.empty() ? "" : ".";
        joined += name;
    }
    return joined;
}

std::vector<Row> read_table_at(const ResponseBody& body, const std::vector<std::string>& path,
                               const std::string& table) {
    const std::optional<std::string> text = find_json_text(body.text, path);
    if (!text) {
        throw DataError(body.call_name + " returned no table " + join_path(path) +
                        ": check the table name (names are case-sensitive, e.g. Customer) "
                        "against the JSON the method returned");
    }
    if (text->empty() || text->front() != '[') {
        throw DataError(body.call_name + " returned " + join_path(path) +
                        " as something other than an array of rows, so it is not a table");
    }

    std::vector<Column> declared;
    if (body.table_columns) {
        declared = body.table_columns(table);
    }
    odata::Page page;
    try {
        page = odata::read_page("{\"value\":" + *text + "}", declared);
    } catch (const DataError& error) {
        throw DataError(body.call_name + ", table " + join_path(path) + ": " + error.what());
    }

    std::vector<Column> columns;
    columns.reserve(page.fields.size());
    for (std::size_t field = 0; field < page.fields.size(); ++field) {
        columns.push_back(column_for(page, field, declared));
    }
    const auto layout = std::make_shared<const RowLayout>(std::move(columns));

    std::vector<Row> rows;
    rows.reserve(page.rows.size());
    for (auto& values : page.rows) {
        // A row that lacks the properties a later row introduced gets nulls.
        values.resize(page.fields.size());
        rows.emplace_back(layout, std::move(values));
    }
    return rows;
}

Value read_value_at(const ResponseBody& body, const std::vector<std::string>& path) {
    const std::optional<std::string> text = find_json_text(body.text, path);
    if (!text) {
        return Value();
    }
    try {
        odata::Entity entity = odata::read_entity("{\"v\":" + *text + "}");
        return entity.values.empty() ? Value() : std::move(entity.values.front());
    } catch (const DataError& error) {
        throw DataError(body.call_name + ", value " + join_path(path) + ": " + error.what());
    }
}

}  // namespace epicor::detail
