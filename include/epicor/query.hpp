#pragma once

/// \file
/// epicor::Query, a builder for one entity-set or BAQ query. Values in
/// filters and BAQ parameters are formatted by the library, never spliced
/// into the text by the caller.
///
///     auto rows = conn.service("Erp.BO.CustomerSvc").entity_set("Customers").query()
///                     .select({"CustNum", "Name"})
///                     .filter(epicor::Filter::eq("Country", "USA"))
///                     .order_by("Name")
///                     .top(100)
///                     .execute();

#include <epicor/cancellation.hpp>
#include <epicor/export.hpp>
#include <epicor/filter.hpp>
#include <epicor/query_options.hpp>
#include <epicor/result_set.hpp>
#include <epicor/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace epicor {

namespace detail {
struct ConnectionState;
struct QueryTarget;
}  // namespace detail

/// A query on an entity set or a BAQ. Each setter returns the query so calls
/// chain; execute() may be called several times, each time running the
/// query anew.
class EPICOR_API Query {
public:
    Query(std::shared_ptr<detail::ConnectionState> state,
          std::shared_ptr<const detail::QueryTarget> target);

    /// Sets `$select`: only these fields, in this order.
    Query& select(std::vector<std::string> fields);
    /// Sets `$filter` from a Filter expression tree.
    Query& filter(Filter filter);
    /// Sets `$filter` to an OData expression written by the caller, used as
    /// is. Prefer the Filter builder for values that come from users.
    Query& filter(std::string odata_expression);
    /// Appends an ascending `$orderby` item.
    Query& order_by(std::string field);
    /// Appends a descending `$orderby` item.
    Query& order_by_descending(std::string field);
    /// Limits the rows delivered. Throws DataError when negative.
    Query& top(std::int64_t rows);
    /// Skips rows at the start. Throws DataError when negative.
    Query& skip(std::int64_t rows);
    /// Appends a `$expand` item, e.g. "OrderDtls".
    Query& expand(std::string navigation_property);
    /// Asks the server for the total row count (ResultSet::total_count()).
    Query& count(bool enabled = true);
    /// Adds a BAQ parameter. An entity-set query with parameters throws
    /// ConfigError at execute().
    Query& parameter(std::string name, Value value);
    /// Adds a BAQ list parameter; the name repeats once per value.
    Query& parameter(std::string name, std::vector<Value> values);

    /// Lets another thread stop the ResultSet that execute() returns: after
    /// `token.cancel()`, the scan's next page request, retry wait or
    /// transfer in progress throws CancelledError, and the cursor stays
    /// failed. Rows already delivered stay valid.
    Query& cancellation(CancellationToken token);

    /// Replaces all options at once.
    Query& options(QueryOptions options);
    const QueryOptions& options() const noexcept { return options_; }

    /// Runs the query and returns a cursor positioned before the first row.
    /// An entity-set query first reads the service's `$metadata` unless the
    /// connection has it already. Rows are fetched at the cursor's first
    /// next(), columns() or total_count(). Throws ConfigError for BAQ
    /// parameters on an entity set, and DataError for options that cannot
    /// be written (an empty field name, for example). Connection::cancel()
    /// cancels the scan when called after execute().
    ResultSet execute() const;

private:
    std::shared_ptr<detail::ConnectionState> state_;
    std::shared_ptr<const detail::QueryTarget> target_;
    QueryOptions options_;
    std::optional<CancellationToken> cancellation_;
};

}  // namespace epicor
