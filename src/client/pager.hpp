#pragma once

// The paging rules of a ResultSet, apart from HTTP so they can be tested
// with scripted pages: which URL to fetch next, and when the data ends.

#include "odata/page_reader.hpp"

#include <epicor/api_version.hpp>
#include <epicor/query_options.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace epicor::detail {

class Pager {
public:
    /// Fetches and reads one page from an absolute URL.
    using FetchPage = std::function<odata::Page(const std::string& url)>;

    /// `collection_url` is the entity set or BAQ address without a query.
    /// `options.top` and `max_rows` both limit the rows delivered;
    /// `options.skip` moves the start. `page_size` must be positive.
    Pager(std::string collection_url, QueryOptions options, ApiVersion version,
          std::int64_t page_size, std::optional<std::int64_t> max_rows, FetchPage fetch);

    /// Returns the next page with at least one row to deliver, or nothing
    /// at the end. Throws what `fetch` throws, DataError for a nextLink
    /// that repeats the previous URL or leaves the connection's server, and
    /// DataError for a page that repeats the previous one (see
    /// repeats_previous_page()), so no row is delivered twice.
    std::optional<odata::Page> next_page();

    /// The URL of the first request.
    std::string first_url() const;

    /// True when next_page() would return nothing without a request: the
    /// data ended or the row limit is reached.
    bool exhausted() const noexcept { return done_ || (limit_ && delivered_ >= *limit_); }

    std::uint64_t pages_fetched() const noexcept { return pages_fetched_; }
    std::int64_t rows_delivered() const noexcept { return delivered_; }
    std::optional<std::int64_t> total_count() const noexcept { return total_count_; }

private:
    std::string window_url(std::int64_t top, bool first) const;
    std::string resolve_next_link(const std::string& link, const std::string& current) const;
    void decide_after(const odata::Page& page, std::int64_t rows);
    bool repeats_previous_page(const odata::Page& page) const;
    void remember_page(const odata::Page& page);
    [[noreturn]] void throw_repeated_page(const std::string& url, bool from_next_link) const;

    std::string collection_url_;
    QueryOptions options_;
    ApiVersion version_;
    std::int64_t page_size_;
    std::optional<std::int64_t> limit_;
    std::int64_t start_;
    FetchPage fetch_;

    bool done_ = false;
    std::optional<std::string> next_link_;
    std::string last_url_;
    std::int64_t received_ = 0;   // rows the server sent, delivered or not
    std::int64_t delivered_ = 0;  // rows handed to the caller
    std::int64_t window_requested_ = 0;
    std::int64_t window_received_ = 0;
    bool window_followed_link_ = false;
    std::int64_t largest_page_ = 0;
    std::uint64_t pages_fetched_ = 0;
    std::optional<std::int64_t> total_count_;

    // The previous non-empty page in brief: its fields, row count, first
    // and last rows. A server that ignores $skip sends the same page again.
    std::vector<std::string> previous_fields_;
    std::size_t previous_row_count_ = 0;
    std::vector<Value> previous_first_row_;
    std::vector<Value> previous_last_row_;
};

}  // namespace epicor::detail
