#pragma once

/// \file
/// epicor::QueryOptions, the system query options (`$select`, `$filter`,
/// `$orderby`, `$top`, `$skip`, `$expand`, counting) and BAQ parameters of
/// one request, and their rendering as a percent-encoded query string.

#include <epicor/api_version.hpp>
#include <epicor/export.hpp>
#include <epicor/filter.hpp>
#include <epicor/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace epicor {

/// One `$orderby` item.
struct OrderBy {
    std::string field;
    bool descending = false;
};

/// One BAQ parameter. A list parameter has several values and repeats its
/// name in the query string (`Status=A&Status=B`).
struct BaqParameter {
    std::string name;
    std::vector<Value> values;
};

/// Options of one query. Empty members are left out of the query string.
struct QueryOptions {
    std::vector<std::string> select;   ///< `$select`, joined with commas.
    std::optional<Filter> filter;      ///< `$filter`; Filter::raw() takes a prepared string.
    std::vector<OrderBy> order_by;     ///< `$orderby`, e.g. `Name,CustNum desc`.
    std::optional<std::int64_t> top;   ///< `$top`; must be 0 or more.
    std::optional<std::int64_t> skip;  ///< `$skip`; must be 0 or more.
    std::vector<std::string> expand;   ///< `$expand`, e.g. "PODetails"; nested v2 options allowed.
    bool count = false;                ///< `$inlinecount=allpages` in v1, `$count=true` in v2.
    std::vector<BaqParameter> parameters;  ///< BAQ parameters, sent by name after the options.
};

/// Renders the options as a query string without the leading `?`, or an
/// empty string when no option is set. Names and values are percent-encoded
/// (RFC 3986), `'`, `(`, `)`, `,`, `:`, `/` and `$` stay readable. BAQ
/// parameter values are written bare (a string as is, a date in ISO 8601,
/// a Decimal in plain notation), not as OData literals. Throws DataError for
/// a negative top or skip, an empty select, order-by or parameter name, or a
/// value with no text form (nested JSON, binary).
EPICOR_API std::string format_query_string(const QueryOptions& options, ApiVersion version);

/// Percent-encodes one query component: every byte except RFC 3986
/// unreserved characters and `'()*,:/$@!` becomes `%XX`. Space is `%20`,
/// never `+`.
EPICOR_API std::string percent_encode_query(std::string_view text);

}  // namespace epicor
