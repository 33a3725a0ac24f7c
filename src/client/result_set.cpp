#include "client/result_set_cursor.hpp"

#include "client/cancellation_scope.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <exception>
#include <future>
#include <system_error>
#include <utility>

namespace epicor {
namespace detail {

RowLayout::RowLayout(std::vector<Column> layout_columns) : columns(std::move(layout_columns)) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        index.emplace(columns[i].name, i);
    }
}

EdmType infer_edm_type(const Value& value) noexcept {
    switch (value.type()) {
    case ValueType::boolean: return EdmType::boolean;
    case ValueType::int64: return EdmType::int64;
    case ValueType::decimal: return EdmType::decimal;
    case ValueType::float64: return EdmType::double_;
    case ValueType::string: return EdmType::string;
    case ValueType::date_time: return EdmType::date_time_offset;
    case ValueType::guid: return EdmType::guid;
    case ValueType::binary: return EdmType::binary;
    case ValueType::null:
    case ValueType::json: break;
    }
    return EdmType::unknown;
}

namespace {

constexpr std::size_t not_in_layout = static_cast<std::size_t>(-1);

Column inferred_column(const std::string& name, const odata::Page* page, std::size_t field) {
    Column column;
    column.name = name;
    if (page == nullptr) {
        return column;
    }
    for (const auto& row : page->rows) {
        if (field < row.size() && !row[field].is_null()) {
            column.type = infer_edm_type(row[field]);
            break;
        }
    }
    column.type_name = column.type == EdmType::unknown ? std::string{}
                                                       : std::string(to_string(column.type));
    return column;
}

const Column* find_column(const std::vector<Column>& columns, const std::string& name) {
    const auto found = std::find_if(columns.begin(), columns.end(),
                                    [&](const Column& column) { return column.name == name; });
    return found == columns.end() ? nullptr : &*found;
}

std::string progress_note(std::uint64_t delivered) {
    return " (the query had delivered " + std::to_string(delivered) +
           " rows before this page failed)";
}

}  // namespace

ResultSetCursor::ResultSetCursor(Pager page_source, std::vector<Column> declared,
                                 std::vector<std::string> select)
    : pager_(std::move(page_source)), declared_(std::move(declared)), select_(std::move(select)) {}

ResultSetCursor::~ResultSetCursor() { stop_prefetch(); }

void ResultSetCursor::stop_prefetch() noexcept {
    if (!prefetch_.valid()) {
        return;
    }
    abandoned_.fetch_add(1);
    // The fetch ends soon because the transport and the retry wait poll the
    // cancellation scope. Its result or error is of no use any more.
    prefetch_.wait();
    prefetch_ = {};
}

void ResultSetCursor::build_layout(const odata::Page* first_page) {
    std::vector<Column> columns;
    if (!declared_.empty()) {
        if (select_.empty()) {
            columns = declared_;
        } else {
            for (const auto& name : select_) {
                const Column* declared = find_column(declared_, name);
                if (declared != nullptr) {
                    columns.push_back(*declared);
                }
            }
        }
    }
    if (first_page != nullptr) {
        for (std::size_t field = 0; field < first_page->fields.size(); ++field) {
            const std::string& name = first_page->fields[field];
            // Fields the library added to $select (the key) stay hidden.
            const bool selected = select_.empty() ||
                                  std::find(select_.begin(), select_.end(), name) != select_.end();
            if (selected && find_column(columns, name) == nullptr) {
                columns.push_back(inferred_column(name, first_page, field));
            }
        }
    }
    layout_ = std::make_shared<const RowLayout>(std::move(columns));
}

void ResultSetCursor::start_prefetch() {
    if (prefetch_.valid() || pager_.exhausted()) {
        return;
    }
    try {
        prefetch_ = std::async(std::launch::async, [this] {
            // Encloses the query's own scope, so the destructor can cancel
            // this fetch without touching the caller's token or the
            // connection.
            const CancellationScope abandon_scope(abandoned_, 0);
            return pager_.next_page();
        });
    } catch (const std::system_error&) {
        // No thread available: the next page is fetched when it is needed.
    }
}

std::optional<odata::Page> ResultSetCursor::fetch_page() {
    std::optional<odata::Page> page;
    if (prefetch_.valid()) {
        auto pending = std::move(prefetch_);
        prefetch_ = {};
        page = pending.get();
    } else {
        page = pager_.next_page();
    }
    return page;
}

bool ResultSetCursor::load_page() {
    std::optional<odata::Page> page;
    try {
        try {
            page = fetch_page();
        } catch (...) {
            rethrow_with_progress();
        }
    } catch (...) {
        pages_fetched_ = pager_.pages_fetched();
        failure_ = std::current_exception();
        has_row_ = false;
        throw;
    }
    pages_fetched_ = pager_.pages_fetched();
    if (!total_count_) {
        total_count_ = pager_.total_count();
    }
    if (!layout_) {
        build_layout(page ? &*page : nullptr);
    }
    if (!page) {
        return false;
    }

    map_page_fields(*page);
    page_ = std::move(page);
    next_row_ = 0;
    return true;
}

void ResultSetCursor::map_page_fields(const odata::Page& page) {
    page_positions_.assign(page.fields.size(), not_in_layout);
    page_in_layout_order_ = page.fields.size() == layout_->columns.size();
    for (std::size_t field = 0; field < page.fields.size(); ++field) {
        const auto found = layout_->index.find(page.fields[field]);
        // NOTE: a property that first appears after the first page has no
        // column, so its values are not delivered.
        if (found != layout_->index.end()) {
            page_positions_[field] = found->second;
        }
        page_in_layout_order_ = page_in_layout_order_ && page_positions_[field] == field;
    }
}

void ResultSetCursor::rethrow_with_progress() {
    if (pager_.pages_fetched() == 0) {
        throw;
    }
    const std::string note = progress_note(delivered);
    try {
        throw;
    } catch (const HttpError& error) {
        HttpErrorInfo info = error.info();
        info.error_message += note;
        HttpError::throw_for(std::move(info));
    } catch (const TimeoutError& error) {
        throw TimeoutError(error.what() + note, error.curl_code(), error.url());
    } catch (const OutcomeUnknownError& error) {
        throw OutcomeUnknownError(error.what() + note, error.curl_code(), error.url());
    } catch (const TransportError& error) {
        throw TransportError(error.what() + note, error.curl_code(), error.url());
    } catch (const DataError& error) {
        throw DataError(error.what() + note);
    }
}

bool ResultSetCursor::next() {
    started_ = true;
    if (failure_) {
        std::rethrow_exception(failure_);
    }
    if (finished_) {
        has_row_ = false;
        return false;
    }
    while (!page_ || next_row_ >= page_->rows.size()) {
        page_.reset();
        if (!load_page()) {
            finished_ = true;
            has_row_ = false;
            return false;
        }
    }

    std::vector<Value>& source = page_->rows[next_row_++];
    std::vector<Value> values;
    if (page_in_layout_order_) {
        // The common case: the page's properties are the columns, in order.
        values = std::move(source);
        values.resize(layout_->columns.size());
    } else {
        values.resize(layout_->columns.size());
        for (std::size_t field = 0; field < source.size() && field < page_positions_.size(); ++field) {
            if (page_positions_[field] != not_in_layout) {
                values[page_positions_[field]] = std::move(source[field]);
            }
        }
    }
    current_ = Row(layout_, std::move(values));
    has_row_ = true;
    ++delivered;

    // Reading the second row of a page shows a scan, not a peek at the
    // first row, so the next page is worth fetching now.
    if (next_row_ == 2) {
        start_prefetch();
    }
    return true;
}

const Row& ResultSetCursor::row() const {
    if (!has_row_) {
        throw DataError(started_ ? "ResultSet::row() called after the last row: check the result "
                                   "of next() before reading a row"
                                 : "ResultSet::row() called before next(): call next() first");
    }
    return current_;
}

const std::vector<Column>& ResultSetCursor::columns() {
    if (failure_ && !layout_) {
        std::rethrow_exception(failure_);
    }
    if (!layout_ && !finished_) {
        if (!load_page()) {
            finished_ = true;
        }
    }
    return layout_->columns;
}

std::optional<std::int64_t> ResultSetCursor::total_count() {
    if (pages_fetched_ == 0 && !finished_) {
        columns();
    }
    return total_count_;
}

}  // namespace detail

// Row

Row::Row() : layout_(std::make_shared<const detail::RowLayout>(std::vector<Column>{})) {}

Row::Row(std::shared_ptr<const detail::RowLayout> layout, std::vector<Value> values)
    : layout_(std::move(layout)), values_(std::move(values)) {}

const std::vector<Column>& Row::columns() const noexcept { return layout_->columns; }

std::optional<std::size_t> Row::find(std::string_view name) const noexcept {
    const auto found = layout_->index.find(std::string(name));
    if (found == layout_->index.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::size_t Row::index_of(std::string_view name) const {
    if (const auto index = find(name)) {
        return *index;
    }
    std::string known;
    for (const auto& column : layout_->columns) {
        known += known.empty() ? "" : ", ";
        known += column.name;
    }
    throw DataError("the row has no column named '" + std::string(name) +
                    "' (names are case-sensitive); its columns are: " + known);
}

const Value& Row::value(std::size_t index) const {
    if (index >= values_.size()) {
        throw DataError("column index " + std::to_string(index) + " is out of range: the row has " +
                        std::to_string(values_.size()) + " columns");
    }
    return values_[index];
}

const Value& Row::value(std::string_view name) const { return values_[index_of(name)]; }

std::string_view Row::column_name(std::size_t index) const noexcept {
    return index < layout_->columns.size() ? std::string_view(layout_->columns[index].name)
                                           : std::string_view{};
}

// ResultSet

ResultSet::ResultSet(std::unique_ptr<detail::ResultSetCursor> cursor) : cursor_(std::move(cursor)) {}
ResultSet::~ResultSet() = default;
ResultSet::ResultSet(ResultSet&& other) noexcept = default;
ResultSet& ResultSet::operator=(ResultSet&& other) noexcept = default;

bool ResultSet::next() { return cursor_->next(); }
const Row& ResultSet::row() const { return cursor_->row(); }
const std::vector<Column>& ResultSet::columns() { return cursor_->columns(); }
std::optional<std::int64_t> ResultSet::total_count() { return cursor_->total_count(); }
std::uint64_t ResultSet::rows_delivered() const noexcept { return cursor_->delivered; }
std::uint64_t ResultSet::pages_fetched() const noexcept { return cursor_->pages_fetched(); }

ResultSet::iterator& ResultSet::iterator::operator++() {
    if (!result_->next()) {
        result_ = nullptr;
    }
    return *this;
}

ResultSet::iterator ResultSet::begin() {
    return cursor_->next() ? iterator(this) : iterator();
}

}  // namespace epicor
