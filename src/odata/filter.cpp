#include <epicor/filter.hpp>

#include <epicor/error.hpp>

#include "odata/base64.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace epicor {
namespace {

std::string quote_string(std::string_view text) {
    std::string literal;
    literal.reserve(text.size() + 2);
    literal += '\'';
    for (char c : text) {
        literal += c;
        if (c == '\'') {
            literal += '\'';
        }
    }
    literal += '\'';
    return literal;
}

std::string format_double_literal(double value, ApiVersion version) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-INF" : "INF";
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    std::string text(buffer.data(), result.ptr);
    if (version == ApiVersion::v1) {
        text += 'D';  // the OData 3 URI grammar marks an Edm.Double literal with a D suffix
    }
    return text;
}

std::string format_date_time_literal(const DateTime& value, ApiVersion version) {
    if (version == ApiVersion::v1) {
        if (value.has_offset()) {
            return "datetimeoffset'" + value.to_string() + "'";
        }
        if (value.is_date_only()) {
            return "datetime'" + value.to_string() + "T00:00:00'";
        }
        return "datetime'" + value.to_string() + "'";
    }
    if (value.is_date_only() || value.has_offset()) {
        return value.to_string();
    }
    // OData 4's dateTimeOffsetValue requires a zone, and values without one
    // are treated as UTC throughout the library.
    return value.to_string() + "Z";
}

std::string format_binary_literal(const Binary& bytes, ApiVersion version) {
    if (version == ApiVersion::v1) {
        static constexpr char digits[] = "0123456789ABCDEF";
        std::string literal = "X'";
        for (auto byte : bytes) {
            literal += digits[byte >> 4];
            literal += digits[byte & 0x0f];
        }
        literal += '\'';
        return literal;
    }
    return "binary'" + odata::encode_base64url(bytes) + "'";
}

bool is_identifier_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// A property path: identifiers separated by single slashes, each starting
// with a letter or underscore.
void check_field(const std::string& field) {
    bool valid = !field.empty();
    bool at_segment_start = true;
    for (char c : field) {
        if (!valid) {
            break;
        }
        if (c == '/') {
            valid = !at_segment_start;
            at_segment_start = true;
        } else if (at_segment_start) {
            valid = is_identifier_char(c) && !(c >= '0' && c <= '9');
            at_segment_start = false;
        } else {
            valid = is_identifier_char(c);
        }
    }
    if (!valid || at_segment_start) {
        throw DataError("invalid field name '" + field +
                        "' in a filter: use a property name of letters, digits and '_', with '/' "
                        "between navigation properties; pass values as Filter arguments, not in "
                        "the name");
    }
}

}  // namespace

std::string format_literal(const Value& value, ApiVersion version) {
    switch (value.type()) {
    case ValueType::null: return "null";
    case ValueType::boolean: return value.get<bool>() ? "true" : "false";
    // NOTE: OData 3 marks Edm.Int64 literals with an L suffix. Integers are
    // written bare in both versions because Kinetic's integer keys and
    // fields are Edm.Int32, but a v1 server may reject a bare value above
    // the Int32 range.
    case ValueType::int64: return std::to_string(value.get<std::int64_t>());
    case ValueType::decimal: {
        std::string text = value.get<Decimal>().to_string();
        return version == ApiVersion::v1 ? text + "M" : text;
    }
    case ValueType::float64: return format_double_literal(value.get<double>(), version);
    case ValueType::string: return quote_string(value.get<std::string>());
    case ValueType::date_time: return format_date_time_literal(value.get<DateTime>(), version);
    case ValueType::guid: {
        const std::string text = value.get<Guid>().to_string();
        return version == ApiVersion::v1 ? "guid'" + text + "'" : text;
    }
    case ValueType::binary: return format_binary_literal(value.get<Binary>(), version);
    case ValueType::json: break;
    }
    throw DataError("a nested JSON value has no OData literal form; filter or key on a scalar "
                    "property instead");
}

std::string format_key(const std::vector<Value>& key, ApiVersion version) {
    if (key.empty()) {
        throw DataError("an entity key needs at least one value, e.g. the company and CustNum");
    }
    std::string text = "(";
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (key[i].is_null()) {
            throw DataError("key value " + std::to_string(i + 1) + " of " + std::to_string(key.size()) +
                            " is null; every key part needs a value");
        }
        if (i > 0) {
            text += ',';
        }
        text += format_literal(key[i], version);
    }
    text += ')';
    return text;
}

struct Filter::Node {
    enum class Kind { raw, comparison, function, conjunction, disjunction, negation };

    Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;
    ~Node();

    Kind kind = Kind::raw;
    std::string text;   // raw expression, operator or function name
    std::string field;
    Value value;
    std::shared_ptr<const Node> left;
    std::shared_ptr<const Node> right;
};

// A filter built in a loop, such as `f = f || Filter::eq(...)`, is a chain as
// deep as it has terms. Releasing it by recursion would overflow the stack, so
// the destructor detaches each child that this node owns alone and frees the
// detached nodes from a heap-allocated list instead.
Filter::Node::~Node() {
    std::vector<std::shared_ptr<const Node>> pending;
    pending.push_back(std::move(left));
    pending.push_back(std::move(right));
    while (!pending.empty()) {
        std::shared_ptr<const Node> node = std::move(pending.back());
        pending.pop_back();
        if (node && node.use_count() == 1) {
            // This is the last owner, and every node is created non-const by
            // make_shared, so emptying its children cannot affect any other
            // filter.
            auto& owned = const_cast<Node&>(*node);
            pending.push_back(std::move(owned.left));
            pending.push_back(std::move(owned.right));
        }
    }
}

namespace {

using Node = Filter::Node;

// Operands other than a comparison, a function call or a chain of the same
// and/or get parentheses, so "a or b" inside an "and" keeps its meaning.
bool needs_parentheses(const Node& operand, Node::Kind parent) {
    const bool same_associative_operator =
        operand.kind == parent && parent != Node::Kind::negation;
    return operand.kind != Node::Kind::comparison && operand.kind != Node::Kind::function &&
           !same_associative_operator;
}

void render_leaf(const Node& node, ApiVersion version, std::string& out) {
    switch (node.kind) {
    case Node::Kind::raw:
        out += node.text;
        return;
    case Node::Kind::comparison:
        out += node.field;
        out += ' ';
        out += node.text;
        out += ' ';
        out += format_literal(node.value, version);
        return;
    case Node::Kind::function: {
        const std::string literal = format_literal(node.value, version);
        if (node.text == "contains" && version == ApiVersion::v1) {
            out += "substringof(" + literal + "," + node.field + ")";
            return;
        }
        out += node.text + "(" + node.field + "," + literal + ")";
        return;
    }
    case Node::Kind::conjunction:
    case Node::Kind::disjunction:
    case Node::Kind::negation: break;
    }
}

// One step of rendering: either a node to expand or fixed text to append.
struct RenderStep {
    const Node* node = nullptr;
    const char* text = nullptr;
};

// Renders with an explicit stack rather than recursion, because a filter
// built term by term in a loop is as deep as it has terms.
std::string render(const Node& root, ApiVersion version) {
    std::string out;
    std::vector<RenderStep> steps;
    steps.push_back({&root, nullptr});

    // Pushes an operand so that it renders, parenthesised if needed, before
    // any step pushed earlier.
    const auto push_operand = [&steps](const Node& operand, Node::Kind parent) {
        if (needs_parentheses(operand, parent)) {
            steps.push_back({nullptr, ")"});
            steps.push_back({&operand, nullptr});
            steps.push_back({nullptr, "("});
        } else {
            steps.push_back({&operand, nullptr});
        }
    };

    while (!steps.empty()) {
        const RenderStep step = steps.back();
        steps.pop_back();
        if (step.node == nullptr) {
            out += step.text;
            continue;
        }

        const Node& node = *step.node;
        switch (node.kind) {
        case Node::Kind::conjunction:
        case Node::Kind::disjunction:
            push_operand(*node.right, node.kind);
            steps.push_back({nullptr, node.kind == Node::Kind::conjunction ? " and " : " or "});
            push_operand(*node.left, node.kind);
            break;
        case Node::Kind::negation:
            push_operand(*node.left, node.kind);
            steps.push_back({nullptr, "not "});
            break;
        default: render_leaf(node, version, out); break;
        }
    }
    return out;
}

std::shared_ptr<const Node> make_comparison(const char* op, std::string field, Value value) {
    check_field(field);
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::comparison;
    node->text = op;
    node->field = std::move(field);
    node->value = std::move(value);
    return node;
}

std::shared_ptr<const Node> make_function(const char* name, std::string field, std::string text) {
    check_field(field);
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::function;
    node->text = name;
    node->field = std::move(field);
    node->value = Value(std::move(text));
    return node;
}

}  // namespace

Filter Filter::raw(std::string expression) {
    if (expression.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw DataError("a raw filter expression is empty; leave QueryOptions::filter unset instead");
    }
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::raw;
    node->text = std::move(expression);
    return Filter(std::move(node));
}

Filter Filter::eq(std::string field, Value value) { return Filter(make_comparison("eq", std::move(field), std::move(value))); }
Filter Filter::ne(std::string field, Value value) { return Filter(make_comparison("ne", std::move(field), std::move(value))); }
Filter Filter::gt(std::string field, Value value) { return Filter(make_comparison("gt", std::move(field), std::move(value))); }
Filter Filter::ge(std::string field, Value value) { return Filter(make_comparison("ge", std::move(field), std::move(value))); }
Filter Filter::lt(std::string field, Value value) { return Filter(make_comparison("lt", std::move(field), std::move(value))); }
Filter Filter::le(std::string field, Value value) { return Filter(make_comparison("le", std::move(field), std::move(value))); }

Filter Filter::startswith(std::string field, std::string text) {
    return Filter(make_function("startswith", std::move(field), std::move(text)));
}

Filter Filter::endswith(std::string field, std::string text) {
    return Filter(make_function("endswith", std::move(field), std::move(text)));
}

Filter Filter::contains(std::string field, std::string text) {
    return Filter(make_function("contains", std::move(field), std::move(text)));
}

Filter Filter::all_of(const Filter& left, const Filter& right) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::conjunction;
    node->left = left.node_;
    node->right = right.node_;
    return Filter(std::move(node));
}

Filter Filter::any_of(const Filter& left, const Filter& right) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::disjunction;
    node->left = left.node_;
    node->right = right.node_;
    return Filter(std::move(node));
}

Filter Filter::negate(const Filter& operand) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::negation;
    node->left = operand.node_;
    return Filter(std::move(node));
}

std::string Filter::to_string(ApiVersion version) const {
    return render(*node_, version);
}

}  // namespace epicor
