#pragma once

/// \file
/// OData query options as the mock server applies them to a table: `$select`,
/// `$filter`, `$orderby`, `$top`, `$skip`, counting (`$inlinecount=allpages`
/// in v1, `$count=true` in v2) and `$expand` of child collections, plus key
/// predicates such as `('EPIC06',12)`.
///
/// Every parse function raises QueryError (HTTP 400) with a message naming
/// the option, the offending text and its position. Field names are
/// case-sensitive.

#include <epicor/testing/export.hpp>
#include <epicor/testing/schema.hpp>
#include <epicor/testing/table.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor::testing {

/// Longest `$filter` text accepted, in bytes; longer input is a QueryError.
inline constexpr std::size_t kMaxFilterLength = 64 * 1024;
/// Deepest nesting of parentheses and `not` accepted in `$filter`.
inline constexpr std::size_t kMaxFilterDepth = 64;

/// The raw query options of one request, as taken from the query string.
struct EPICOR_TESTING_API QueryOptions {
    std::optional<std::string> select;   ///< `$select`
    std::optional<std::string> filter;   ///< `$filter`
    std::optional<std::string> orderby;  ///< `$orderby`
    std::optional<std::string> expand;   ///< `$expand`
    std::optional<std::size_t> top;      ///< `$top`
    std::optional<std::size_t> skip;     ///< `$skip`
    bool count = false;                  ///< `$inlinecount=allpages` (v1) or `$count=true` (v2).
};

/// Picks the OData options out of a request's query parameters (`$select`,
/// `$filter`, `$orderby`, `$expand`, `$top`, `$skip`, `$format`, and
/// `$inlinecount` in v1 or `$count` in v2). Parameters without a leading `$`
/// (BAQ parameters, `api-key`, `Company`) are ignored.
///
/// Throws QueryError for an unknown `$` option, a repeated option, a `$top`
/// or `$skip` that is not a non-negative integer, an `$inlinecount` other
/// than `allpages`/`none`, a `$count` other than `true`/`false`, or the
/// counting option of the other version.
EPICOR_TESTING_API QueryOptions parse_query_options(
    const std::multimap<std::string, std::string>& parameters, ODataVersion version);

namespace detail {
struct FilterNode;
}

/// A parsed, type-checked `$filter` expression.
///
/// Grammar: `or` binds loosest, then `and`, then `not`, then the comparisons
/// `eq ne gt ge lt le`; parentheses group. Operands are field names,
/// literals, and the functions `startswith(field,'x')`,
/// `endswith(field,'x')`, `substringof('x',field)` (v1 only) and
/// `contains(field,'x')` (v2 only); `tolower`, `toupper` and `length` of a
/// string are accepted too.
///
/// Literals: strings `'O''Brien'`, integers `42`, decimals `12.5`, `12.5M`
/// or `12.5m` (exact), doubles `1.5e3` or `1.5d`, `true`, `false`, `null`,
/// dates `datetime'2025-01-31T00:00:00'` (v1) or bare
/// `2025-01-31T00:00:00Z` / `2025-01-31` (v2), offsets
/// `datetimeoffset'...'` (v1), GUIDs `guid'...'` (v1) or bare (v2).
///
/// Comparing null: `eq null` and `ne null` test for null; any ordering
/// comparison with a null operand is false.
class EPICOR_TESTING_API Filter {
public:
    /// Parses and type-checks `text` against `type`. Throws QueryError for an
    /// unknown field or function, a bad literal, an unbalanced parenthesis,
    /// trailing text, operands of incompatible types, a non-boolean result,
    /// text longer than kMaxFilterLength or nesting deeper than
    /// kMaxFilterDepth.
    static Filter parse(std::string_view text, const EntityType& type, ODataVersion version);

    /// Returns true when `row` satisfies the expression.
    bool matches(const Row& row) const;

private:
    explicit Filter(std::shared_ptr<const detail::FilterNode> root);
    std::shared_ptr<const detail::FilterNode> root_;
};

/// One `$orderby` item.
struct EPICOR_TESTING_API OrderItem {
    std::string field;
    bool descending = false;
};

/// Parses `$orderby`, e.g. "Name desc,CustNum". Throws QueryError for an
/// unknown field, a direction other than asc/desc, or an empty item.
EPICOR_TESTING_API std::vector<OrderItem> parse_orderby(std::string_view text,
                                                        const EntityType& type);

/// Parses `$select`, e.g. "CustNum,Name" or "*", into field names in the
/// given order (all fields for "*"). Throws QueryError for an unknown field
/// or an empty item.
EPICOR_TESTING_API std::vector<std::string> parse_select(std::string_view text,
                                                         const EntityType& type);

/// Parses `$expand`, e.g. "OrderDtls", into navigation names. One level
/// only. Throws QueryError for an unknown navigation or nested options.
EPICOR_TESTING_API std::vector<std::string> parse_expand(std::string_view text,
                                                         const EntityType& type);

/// Server-side limits applied to every query.
struct EPICOR_TESTING_API QuerySettings {
    ODataVersion version = ODataVersion::v2;
    /// Rows returned when the request has no `$top` (Kinetic's default cap is
    /// 100; administrators can change it).
    std::size_t default_page_size = 100;
    /// Largest `$top` honoured; a larger `$top` is cut to it. Nothing means
    /// no limit.
    std::optional<std::size_t> max_page_size;
};

/// The rows of one response page.
struct EPICOR_TESTING_API QueryResult {
    /// Rows after `$filter`, `$orderby`, `$skip`/`$top`, `$select` and
    /// `$expand` (each expanded navigation is an array member of the row).
    std::vector<Row> rows;
    /// Number of rows matching `$filter` before `$skip`/`$top`, when counting
    /// was requested.
    std::optional<std::size_t> count;
    /// When the page cap cut the result short, the `$skip` of the next page
    /// (for a server that sends a next link); otherwise nothing.
    std::optional<std::size_t> next_skip;
    /// Type of the rows (BAQ columns or an entity type).
    std::shared_ptr<const EntityType> type;
    /// Type of each expanded navigation's rows, by navigation name.
    std::map<std::string, std::shared_ptr<const EntityType>> expanded_types;
};

/// Returns the table of a child entity set by name, or nullptr. Used for
/// `$expand`; the server resolves names within the parent's service.
using ChildTableResolver = std::function<std::shared_ptr<const Table>(const std::string& entity_set)>;

/// Runs `options` against `table`.
///
/// Order: the `$orderby` items, then the key fields ascending as a tie-break,
/// so paging is stable; a table without key fields keeps its natural order.
/// Without `$filter` and with key order (no `$orderby`, or `$orderby` equal
/// to the key fields all ascending or all descending), `$skip` indexes
/// directly and costs nothing for skipped rows. Other orders sort the
/// matching rows; other filters scan the table.
///
/// Throws QueryError when an option does not parse or names an unknown field
/// or navigation; NotFoundError when `$expand` names a navigation whose
/// entity set `children` cannot resolve.
EPICOR_TESTING_API QueryResult execute_query(const Table& table, const QueryOptions& options,
                                             const QuerySettings& settings,
                                             const ChildTableResolver& children = {});

/// Parses the text inside a key predicate's parentheses, positional
/// (`'EPIC06',12`) or named (`Company='EPIC06',CustNum=12`), into a Key in
/// key order. Throws QueryError when the count, a name or a literal's type
/// does not match the key fields.
EPICOR_TESTING_API Key parse_key_predicate(std::string_view text, const EntityType& type,
                                           ODataVersion version);

/// Formats a key as a positional predicate without parentheses, e.g.
/// `'EPIC06',12`, for Location headers and messages.
EPICOR_TESTING_API std::string format_key_predicate(const EntityType& type, const Key& key,
                                                    ODataVersion version);

}  // namespace epicor::testing
