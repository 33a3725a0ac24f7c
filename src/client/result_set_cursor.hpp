#pragma once

// The internals of Row and ResultSet: the shared column layout of a result,
// and the cursor that turns pages from a Pager into rows.

#include "client/pager.hpp"

#include <epicor/column.hpp>
#include <epicor/result_set.hpp>

#include <atomic>
#include <cstdint>
#include <exception>
#include <future>
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

/// Turns pages into rows, fetching one page ahead: once the caller reads
/// the second row of a page, the next page is fetched on a background
/// thread, so the server prepares page N+1 while the caller reads page N.
/// At most two pages are held. The caller reads the first row before any
/// prefetch starts, so a caller that takes one row, or only columns(),
/// sends no extra request.
struct ResultSetCursor {
    /// `declared` are the entity type's columns from `$metadata` (empty when
    /// unknown); `select` the query's `$select`, which orders and filters them.
    ResultSetCursor(Pager pager, std::vector<Column> declared, std::vector<std::string> select);

    /// Cancels a background fetch still running and waits for its thread.
    ~ResultSetCursor();

    ResultSetCursor(const ResultSetCursor&) = delete;
    ResultSetCursor& operator=(const ResultSetCursor&) = delete;

    bool next();
    const Row& row() const;
    const std::vector<Column>& columns();
    std::optional<std::int64_t> total_count();

    /// Pages received and handed to the cursor. A page still being fetched
    /// in the background is not counted yet.
    std::uint64_t pages_fetched() const noexcept { return pages_fetched_; }

    std::uint64_t delivered = 0;

private:
    bool load_page();
    std::optional<odata::Page> fetch_page();
    void start_prefetch();
    void stop_prefetch() noexcept;
    void build_layout(const odata::Page* first_page);
    void map_page_fields(const odata::Page& page);
    [[noreturn]] void rethrow_with_progress();

    // Touched by the background thread while `prefetch_` is pending, so the
    // caller's thread reads it only after waiting for that fetch.
    Pager pager_;
    std::vector<Column> declared_;
    std::vector<std::string> select_;
    std::shared_ptr<const RowLayout> layout_;

    std::optional<odata::Page> page_;
    std::vector<std::size_t> page_positions_;  // page field index -> layout position, or npos
    bool page_in_layout_order_ = false;        // page_positions_ is the identity over every column
    std::size_t next_row_ = 0;
    Row current_;
    bool has_row_ = false;
    bool finished_ = false;
    bool started_ = false;
    std::exception_ptr failure_;  // the error of a failed page fetch, thrown again on every call

    std::future<std::optional<odata::Page>> prefetch_;
    // Bumped by the destructor. The background thread's CancellationScope
    // starts at 0, so the bump cancels its request or retry wait.
    std::atomic<std::uint64_t> abandoned_{0};
    std::uint64_t pages_fetched_ = 0;  // copied from the pager after each fetch
    std::optional<std::int64_t> total_count_;
};

}  // namespace epicor::detail
