#pragma once

/// \file
/// Query results: epicor::Row, one row with its column metadata, and
/// epicor::ResultSet, a forward-only cursor that fetches the rows page by page.
///
///     for (const epicor::Row& row : customers.query().top(50).execute()) {
///         std::cout << row.get<std::string>("Name") << '\n';
///     }

#include <epicor/column.hpp>
#include <epicor/export.hpp>
#include <epicor/value.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

namespace detail {
struct RowLayout;
struct ResultSetCursor;
}  // namespace detail

/// One row of a result: values in column order and the columns' metadata.
/// Rows are cheap to copy; the column metadata is shared by every row of a
/// result.
class EPICOR_API Row {
public:
    /// An empty row with no columns.
    Row();
    Row(std::shared_ptr<const detail::RowLayout> layout, std::vector<Value> values);

    /// Number of columns.
    std::size_t size() const noexcept { return values_.size(); }
    const std::vector<Column>& columns() const noexcept;

    /// Returns the position of the column named `name` (case-sensitive, as
    /// Kinetic names are), or nothing when the row has no such column.
    std::optional<std::size_t> find(std::string_view name) const noexcept;
    /// Returns the position of `name`. Throws DataError naming the column
    /// and the row's columns when there is none.
    std::size_t index_of(std::string_view name) const;

    /// Returns the value at `index`. Throws DataError when `index` is not
    /// below size().
    const Value& value(std::size_t index) const;
    /// Returns the value of the column `name`. Throws DataError as index_of().
    const Value& value(std::string_view name) const;
    const std::vector<Value>& values() const noexcept { return values_; }

    bool is_null(std::size_t index) const { return value(index).is_null(); }
    bool is_null(std::string_view name) const { return value(name).is_null(); }

    /// Reads a column as T: bool, a signed integer, Decimal, double,
    /// std::string, DateTime, Guid, Binary, nlohmann::json, or
    /// std::optional of one (nothing for null). Throws DataError naming the
    /// column when the value is null and T is not std::optional, when it
    /// has another type, or when it is out of T's range.
    template <typename T>
    T get(std::size_t index) const {
        return value(index).get<T>(column_name(index));
    }
    template <typename T>
    T get(std::string_view name) const {
        return value(name).get<T>(name);
    }

    /// Like get(), but returns `fallback` when the value is null. A value of
    /// another type still throws DataError.
    template <typename T>
    T get(std::size_t index, T fallback) const {
        return value(index).get_or<T>(std::move(fallback), column_name(index));
    }
    template <typename T>
    T get(std::string_view name, T fallback) const {
        return value(name).get_or<T>(std::move(fallback), name);
    }

private:
    std::string_view column_name(std::size_t index) const noexcept;

    std::shared_ptr<const detail::RowLayout> layout_;
    std::vector<Value> values_;
};

/// A forward-only cursor over the rows of a query. Once the caller reads
/// the second row of a page, the next page is fetched on a background
/// thread, so at most two pages are held and memory stays flat however
/// many rows the query returns. Destroying the ResultSet cancels that
/// fetch and waits for its thread. A page fetched before a cancellation
/// is still delivered; the error of a background fetch is thrown when the
/// caller reaches that page.
///
/// Paging: each request asks for `Pagesize` rows with `$top`/`$skip` over a
/// stable order (the entity key when the query gives no order), and
/// follows `nextLink` when the server sends one. A page shorter than asked
/// is the end only when it is also shorter than a page the server returned
/// before in this scan; otherwise one more page is fetched to tell a server
/// page cap from the end of the data. The caller's top and `MaxRows` limit
/// the rows delivered. No row is delivered twice.
///
/// Move-only. Not thread-safe: use a ResultSet from one thread at a time.
class EPICOR_API ResultSet {
public:
    explicit ResultSet(std::unique_ptr<detail::ResultSetCursor> cursor);
    ~ResultSet();
    ResultSet(ResultSet&& other) noexcept;
    ResultSet& operator=(ResultSet&& other) noexcept;
    ResultSet(const ResultSet&) = delete;
    ResultSet& operator=(const ResultSet&) = delete;

    /// Advances to the next row, fetching a page when needed. Returns false
    /// at the end of the result. Throws the HttpError, TransportError or
    /// DataError of a failed page fetch; the message then says how many
    /// rows had been delivered. After a throw the cursor stays failed and
    /// next() throws the same way again.
    bool next();

    /// Returns the current row. Throws DataError before the first next() and
    /// after next() returned false.
    const Row& row() const;

    /// Returns the result's columns, fetching the first page when nothing
    /// was fetched yet. Columns come from `$metadata` when the service
    /// declares the entity type, else they are inferred from the first page.
    const std::vector<Column>& columns();

    /// Returns the server's row count when the query asked for one
    /// (Query::count()), fetching the first page when needed; nothing
    /// otherwise. The count ignores `$top`, `$skip` and MaxRows.
    std::optional<std::int64_t> total_count();

    /// Number of rows next() has delivered so far.
    std::uint64_t rows_delivered() const noexcept;

    /// Number of pages received so far. A page still being fetched in the
    /// background is not counted.
    std::uint64_t pages_fetched() const noexcept;

    /// An input iterator over the remaining rows. Incrementing calls next()
    /// and so throws what next() throws; an error is never taken as the end.
    class EPICOR_API iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const Row*;
        using reference = const Row&;

        iterator() = default;
        explicit iterator(ResultSet* result) : result_(result) {}

        reference operator*() const { return result_->row(); }
        pointer operator->() const { return &result_->row(); }
        iterator& operator++();
        void operator++(int) { ++*this; }

        friend bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.result_ == b.result_;
        }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept {
            return !(a == b);
        }

    private:
        ResultSet* result_ = nullptr;  // null: the end
    };

    /// Advances to the first remaining row and returns an iterator to it, or
    /// end() when there is none. Call once per ResultSet.
    iterator begin();
    iterator end() noexcept { return iterator(); }

private:
    std::unique_ptr<detail::ResultSetCursor> cursor_;
};

}  // namespace epicor
