#pragma once

/// \file
/// OData literals, entity keys and epicor::Filter, which builds `$filter`
/// expressions so that callers never quote values themselves.
///
///     using epicor::Filter;
///     auto filter = Filter::eq("Company", "EPIC06") &&
///                   (Filter::startswith("Name", "O'Brien") || Filter::gt("CreditLimit", 1000));
///     filter.to_string(epicor::ApiVersion::v2);
///     // Company eq 'EPIC06' and (startswith(Name,'O''Brien') or CreditLimit gt 1000)

#include <epicor/api_version.hpp>
#include <epicor/export.hpp>
#include <epicor/value.hpp>

#include <memory>
#include <string>
#include <vector>

namespace epicor {

/// Formats a value as an OData URI literal, not yet percent-encoded:
/// - null, `true`, `false`, integers as digits;
/// - strings single-quoted with each `'` doubled;
/// - Decimal `12.50M` in v1 (OData 3 needs the suffix) and `12.50` in v2;
/// - double `1.5D` in v1 and `1.5` in v2 (`INF`, `-INF`, `NaN` when not finite);
/// - DateTime in v1 as `datetime'2025-01-31T00:00:00'`, or as
///   `datetimeoffset'...'` when it has an offset;
/// - DateTime in v2 bare, with `Z` appended when it has no offset because
///   OData 4 literals need one, and a date-only value as `2025-01-31`;
/// - Guid `guid'...'` in v1, bare in v2;
/// - Binary `X'0aff'` in v1, `binary'<base64url>'` in v2.
/// Throws DataError for a nested JSON value, which has no literal form.
EPICOR_API std::string format_literal(const Value& value, ApiVersion version);

/// Formats an entity key in positional form, parentheses included:
/// `('EPIC06',12)`. Kinetic's keys start with the company. Throws DataError
/// when `key` is empty or a part is null or nested JSON.
EPICOR_API std::string format_key(const std::vector<Value>& key, ApiVersion version);

/// An immutable `$filter` expression tree, rendered for one API version by
/// to_string(). Values always become one literal each, whatever quotes,
/// parentheses, operators or non-ASCII text they contain. Field names must be
/// property paths: letters, digits, `_`, and `/` between navigation steps;
/// anything else throws DataError naming the field. Combining filters adds
/// parentheses where precedence needs them. Rendering and destruction do not
/// recurse, so a filter built term by term in a loop (say 100,000 `or` terms)
/// is safe on any thread, though a server limits how long a URL may be.
class EPICOR_API Filter {
public:
    /// Uses `expression` as written, parenthesised when combined. The caller
    /// is responsible for its quoting: never build it from user input.
    static Filter raw(std::string expression);

    static Filter eq(std::string field, Value value);  ///< `field eq value`; a null value tests for null.
    static Filter ne(std::string field, Value value);  ///< `field ne value`
    static Filter gt(std::string field, Value value);  ///< `field gt value`
    static Filter ge(std::string field, Value value);  ///< `field ge value`
    static Filter lt(std::string field, Value value);  ///< `field lt value`
    static Filter le(std::string field, Value value);  ///< `field le value`

    /// `startswith(field,'text')`, true when the field begins with `text`.
    static Filter startswith(std::string field, std::string text);
    /// `endswith(field,'text')`.
    static Filter endswith(std::string field, std::string text);
    /// Substring test: `substringof('text',field)` in v1 (OData 3) and
    /// `contains(field,'text')` in v2 (OData 4).
    static Filter contains(std::string field, std::string text);

    /// Renders the expression. Throws DataError when a value has no literal
    /// form (nested JSON).
    std::string to_string(ApiVersion version) const;

    /// `left and right`; operator&& is the same.
    static Filter all_of(const Filter& left, const Filter& right);
    /// `left or right`; operator|| is the same.
    static Filter any_of(const Filter& left, const Filter& right);
    /// `not operand`; operator! is the same.
    static Filter negate(const Filter& operand);

    struct Node;  ///< Defined in the implementation.

private:
    explicit Filter(std::shared_ptr<const Node> node) : node_(std::move(node)) {}

    std::shared_ptr<const Node> node_;
};

inline Filter operator&&(const Filter& left, const Filter& right) { return Filter::all_of(left, right); }
inline Filter operator||(const Filter& left, const Filter& right) { return Filter::any_of(left, right); }
inline Filter operator!(const Filter& operand) { return Filter::negate(operand); }

}  // namespace epicor
