#pragma once

// The internals of Row and ResultSet: the shared column layout of a result,
// and the cursor that turns pages from a Pager into rows.

#include "client/pager.hpp"

#include <epicor/column.hpp>
#include <epicor/result_set.hpp>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace epicor::detail {

struct RowLayout {
    std::vector<Column> columns;
    std::unordered_map<std::string, std::size_t> index;  // column name -> position

    explicit RowLayout(std::vector<Column> layout_columns);
};

/// Returns the Edm type a value of `value`'s type is most likely declared
/// as, for columns no `$metadata` declares.
EdmType infer_edm_type(const Value& value) noexcept;

struct ResultSetCursor {
    /// `declared` are the entity type's columns from `$metadata` (empty when
    /// unknown); `select` the query's `$select`, which orders and filters them.
    ResultSetCursor(Pager pager, std::vector<Column> declared, std::vector<std::string> select);

    bool next();
    const Row& row() const;
    const std::vector<Column>& columns();
    std::optional<std::int64_t> total_count();

    Pager pager;
    std::uint64_t delivered = 0;

private:
    bool load_page();
    void build_layout(const odata::Page* first_page);
    std::vector<Value> arrange(const std::vector<std::string>& fields, std::vector<Value>& values) const;
    [[noreturn]] void rethrow_with_progress();

    std::vector<Column> declared_;
    std::vector<std::string> select_;
    std::shared_ptr<const RowLayout> layout_;

    std::optional<odata::Page> page_;
    std::vector<std::size_t> page_positions_;  // page field index -> layout position, or npos
    std::size_t next_row_ = 0;
    Row current_;
    bool has_row_ = false;
    bool finished_ = false;
    bool started_ = false;
    std::exception_ptr failure_;  // the error of a failed page fetch, thrown again on every call
};

}  // namespace epicor::detail
