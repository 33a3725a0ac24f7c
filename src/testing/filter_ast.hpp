#pragma once

// The $filter syntax tree and its runtime values. Kept apart from the parser
// so the query engine can evaluate parsed expressions.

#include <epicor/testing/schema.hpp>

#include "testing/value_compare.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace epicor::testing::detail {

/// The static type of an expression, checked while parsing.
enum class ValueKind { Null, Boolean, Integer, Decimal, Double, String, Instant, Guid };

/// A value while a filter is evaluated against a row.
struct Value {
    ValueKind kind = ValueKind::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;  // String, Guid, and the digits of a Decimal.
    Instant instant;
};

enum class CompareOp { Eq, Ne, Gt, Ge, Lt, Le };

enum class FunctionId { StartsWith, EndsWith, Contains, ToLower, ToUpper, Length };

/// One node. And/Or hold any number of children, so a long chain of `and`
/// is one flat node and evaluating it never recurses deeper than the
/// parser's nesting limit.
struct FilterNode {
    enum class Kind { And, Or, Not, Compare, Field, Literal, Call };

    Kind kind = Kind::Literal;
    ValueKind type = ValueKind::Null;  // Static result type.
    CompareOp op = CompareOp::Eq;      // Compare only.
    FunctionId function = FunctionId::StartsWith;  // Call only.
    std::string field_name;            // Field only.
    FieldType field_type = FieldType::String;  // Field only.
    Value literal;                     // Literal only.
    std::vector<std::unique_ptr<FilterNode>> children;
};

/// Evaluates `node` against `row`. Boolean results are Boolean or Null
/// (unknown, which a filter treats as false).
Value evaluate(const FilterNode& node, const nlohmann::json& row);

/// Converts a stored field value to a runtime value.
Value value_of_stored(FieldType type, const nlohmann::json& stored);

}  // namespace epicor::testing::detail
