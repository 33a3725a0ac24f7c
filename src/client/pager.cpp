#include "client/pager.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace epicor::detail {
namespace {

// Returns `scheme://host[:port]` of an absolute URL.
std::string url_origin(const std::string& url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        return {};
    }
    const auto path_start = url.find('/', scheme_end + 3);
    return url.substr(0, path_start);
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// True when `link` starts with a URI scheme and a colon (RFC 3986 section
// 3.1), such as "https:" or "file:".
bool has_scheme(const std::string& link) {
    const auto colon = link.find(':');
    if (colon == std::string::npos || colon == 0 ||
        std::isalpha(static_cast<unsigned char>(link[0])) == 0) {
        return false;
    }
    for (std::size_t i = 1; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(link[i]);
        if (std::isalnum(c) == 0 && c != '+' && c != '-' && c != '.') {
            return false;
        }
    }
    return true;
}

}  // namespace

Pager::Pager(std::string collection_url, QueryOptions options, ApiVersion version,
             std::int64_t page_size, std::optional<std::int64_t> max_rows, FetchPage fetch)
    : collection_url_(std::move(collection_url)),
      options_(std::move(options)),
      version_(version),
      page_size_(std::max<std::int64_t>(page_size, 1)),
      start_(options_.skip.value_or(0)),
      fetch_(std::move(fetch)) {
    limit_ = options_.top;
    if (max_rows && (!limit_ || *max_rows < *limit_)) {
        limit_ = max_rows;
    }
    if (limit_ && *limit_ <= 0) {
        done_ = true;
    }
}

std::string Pager::first_url() const {
    std::int64_t top = page_size_;
    if (limit_) {
        top = std::min(top, std::max<std::int64_t>(*limit_, 0));
    }
    return window_url(top, true);
}

std::string Pager::window_url(std::int64_t top, bool first) const {
    QueryOptions request = options_;
    request.top = top;
    const std::int64_t skip = start_ + received_;
    if (skip > 0) {
        request.skip = skip;
    } else {
        request.skip.reset();
    }
    // The count comes with the first page; later pages need not repeat it.
    request.count = options_.count && first;
    const std::string query = format_query_string(request, version_);
    return query.empty() ? collection_url_ : collection_url_ + "?" + query;
}

std::string Pager::resolve_next_link(const std::string& link, const std::string& current) const {
    std::string absolute;
    if (has_scheme(link)) {
        absolute = link;
    } else if (starts_with(link, "//")) {
        // A network-path reference (RFC 3986 section 4.2) names a server and
        // takes only the scheme from the base URL.
        absolute = collection_url_.substr(0, collection_url_.find("://") + 1) + link;
    } else if (starts_with(link, "/")) {
        absolute = url_origin(collection_url_) + link;
    } else {
        // Relative to the collection's parent, as OData resolves it.
        const std::string path = collection_url_.substr(0, collection_url_.find('?'));
        absolute = path.substr(0, path.rfind('/') + 1) + link;
    }
    // The link must stay on the server that serves the query, so the
    // connection's credentials never go anywhere else.
    const std::string origin = url_origin(collection_url_);
    if (!starts_with(absolute, origin + "/") && absolute != origin) {
        throw DataError("the server's nextLink points to another server (" + url_origin(absolute) +
                        "), so paging stopped: expected a link on " + origin);
    }
    if (absolute == current) {
        throw DataError("the server's nextLink repeats the page just read (" +
                        absolute.substr(0, absolute.find('?')) +
                        "), so paging stopped to avoid a loop");
    }
    return absolute;
}

std::optional<odata::Page> Pager::next_page() {
    while (!done_) {
        if (limit_ && delivered_ >= *limit_) {
            done_ = true;
            break;
        }

        std::string url;
        const bool from_next_link = next_link_.has_value();
        if (next_link_) {
            // Checked when followed, so the page that carried the link is
            // delivered before a bad link stops the scan.
            url = resolve_next_link(*next_link_, last_url_);
        } else {
            std::int64_t top = page_size_;
            if (limit_) {
                top = std::min(top, *limit_ - delivered_);
            }
            url = window_url(top, pages_fetched_ == 0);
            window_requested_ = top;
            window_received_ = 0;
            window_followed_link_ = false;
        }

        odata::Page page = fetch_(url);
        ++pages_fetched_;
        last_url_ = url;
        if (repeats_previous_page(page)) {
            done_ = true;
            throw_repeated_page(url, from_next_link);
        }
        remember_page(page);
        if (page.count && !total_count_) {
            total_count_ = page.count;
        }

        const auto rows = static_cast<std::int64_t>(page.rows.size());
        received_ += rows;
        window_received_ += rows;
        decide_after(page, rows);

        if (limit_ && delivered_ + rows > *limit_) {
            page.rows.resize(static_cast<std::size_t>(*limit_ - delivered_));
            done_ = true;
        }
        delivered_ += static_cast<std::int64_t>(page.rows.size());
        if (!page.rows.empty()) {
            return page;
        }
    }
    return std::nullopt;
}

// Compares the row count, the fields and the first and last rows, which
// identify a page of an entity set because the library adds the key to
// $select and $orderby. NOTE: a BAQ has no key, so two BAQ pages whose rows
// are equal in every column also match, and such a scan stops with
// DataError although the server honoured $skip.
bool Pager::repeats_previous_page(const odata::Page& page) const {
    if (page.rows.empty() || previous_row_count_ == 0) {
        return false;
    }
    return page.rows.size() == previous_row_count_ && page.fields == previous_fields_ &&
           page.rows.front() == previous_first_row_ && page.rows.back() == previous_last_row_;
}

void Pager::remember_page(const odata::Page& page) {
    if (page.rows.empty()) {
        return;
    }
    previous_fields_ = page.fields;
    previous_row_count_ = page.rows.size();
    previous_first_row_ = page.rows.front();
    previous_last_row_ = page.rows.back();
}

void Pager::throw_repeated_page(const std::string& url, bool from_next_link) const {
    const std::string rows = std::to_string(previous_row_count_) + " rows";
    if (from_next_link) {
        throw DataError("the server's nextLink " + url.substr(0, url.find('?')) +
                        " returned the same " + rows +
                        " as the previous page, so paging stopped to avoid delivering rows "
                        "twice after " + std::to_string(delivered_) + " rows");
    }
    throw DataError("the server returned the same " + rows + " for $skip=" +
                    std::to_string(start_ + received_) + " as for the previous page of " +
                    collection_url_ +
                    ": it ignores $skip, so paging stopped after " + std::to_string(delivered_) +
                    " rows to avoid delivering rows twice; read the result in one page with a "
                    "larger Pagesize, or check the server's $skip support");
}

void Pager::decide_after(const odata::Page& page, std::int64_t rows) {
    if (page.next_link) {
        next_link_ = page.next_link;
        window_followed_link_ = true;
        largest_page_ = std::max(largest_page_, rows);
        return;
    }
    next_link_.reset();

    if (total_count_ && start_ + received_ >= *total_count_) {
        done_ = true;
    } else if (rows == 0) {
        done_ = true;
    } else if (window_followed_link_) {
        // The server paged this window with nextLinks, so it sent everything
        // the window asked for that exists.
        done_ = window_received_ < window_requested_;
    } else if (rows >= window_requested_) {
        // A full page: there may be more.
    } else if (rows < largest_page_) {
        // The server sent bigger pages before, so this short page is the end.
        done_ = true;
    }
    // Otherwise the page is short but as big as any seen so far: either the
    // data ends here or the server caps pages at this size. One more page
    // distinguishes the two.
    largest_page_ = std::max(largest_page_, rows);
}

}  // namespace epicor::detail
