#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include "testing/filter_ast.hpp"
#include "testing/value_compare.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace epicor::testing {
namespace detail {
namespace {

// ---------------------------------------------------------------------------
// Lexer

enum class TokenKind {
    End, Identifier, String, Number, TypedLiteral, BareDate, BareGuid, OpenParen, CloseParen, Comma, Equals
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;    // Identifier name, string contents, number text, literal contents.
    std::string prefix;  // TypedLiteral only: datetime, datetimeoffset, guid, ...
    std::size_t position = 0;  // 0-based offset in the input.
};

bool is_identifier_start(char c) noexcept {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_identifier_char(char c) noexcept {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string quote_excerpt(std::string_view text) {
    constexpr std::size_t kMaxExcerpt = 40;
    if (text.size() > kMaxExcerpt) {
        return "'" + std::string(text.substr(0, kMaxExcerpt)) + "...'";
    }
    return "'" + std::string(text) + "'";
}

class Lexer {
public:
    Lexer(std::string_view text, std::string option) : text_(text), option_(std::move(option)) {}

    [[noreturn]] void fail(std::size_t position, const std::string& message) const {
        throw QueryError("invalid " + option_ + " at position " + std::to_string(position + 1) + ": " + message);
    }

    Token next() {
        skip_spaces();
        Token token;
        token.position = pos_;
        if (pos_ >= text_.size()) {
            return token;
        }

        const char c = text_[pos_];
        if (c == '(' || c == ')' || c == ',') {
            token.kind = c == '(' ? TokenKind::OpenParen : (c == ')' ? TokenKind::CloseParen : TokenKind::Comma);
            token.text = std::string(1, c);
            ++pos_;
            return token;
        }
        if (c == '=') {
            token.kind = TokenKind::Equals;
            token.text = "=";
            ++pos_;
            return token;
        }
        if (c == '\'') {
            token.kind = TokenKind::String;
            token.text = read_quoted();
            return token;
        }
        if (looks_like_guid()) {
            token.kind = TokenKind::BareGuid;
            token.text = std::string(text_.substr(pos_, 36));
            pos_ += 36;
            return token;
        }
        if (looks_like_date()) {
            token.kind = TokenKind::BareDate;
            const std::size_t start = pos_;
            while (pos_ < text_.size() && (is_digit(text_[pos_]) || std::string_view("-:.TZ+").find(text_[pos_]) != std::string_view::npos)) {
                ++pos_;
            }
            token.text = std::string(text_.substr(start, pos_ - start));
            return token;
        }
        if (is_digit(c) || (c == '-' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
            token.kind = TokenKind::Number;
            token.text = read_number();
            return token;
        }
        if (is_identifier_start(c)) {
            const std::size_t start = pos_;
            while (pos_ < text_.size() && is_identifier_char(text_[pos_])) {
                ++pos_;
            }
            token.text = std::string(text_.substr(start, pos_ - start));
            if (pos_ < text_.size() && text_[pos_] == '\'') {
                token.kind = TokenKind::TypedLiteral;
                token.prefix = std::move(token.text);
                token.text = read_quoted();
                return token;
            }
            if (pos_ < text_.size() && (text_[pos_] == '/' || text_[pos_] == '.')) {
                fail(pos_, "paths such as " + quote_excerpt(text_.substr(start, pos_ - start + 1)) +
                               " are not supported; name a field of the entity set directly");
            }
            token.kind = TokenKind::Identifier;
            return token;
        }
        fail(pos_, "unexpected character " + quote_excerpt(text_.substr(pos_, 1)));
    }

private:
    void skip_spaces() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n')) {
            ++pos_;
        }
    }

    // Reads '...' at pos_, undoubling '' escapes.
    std::string read_quoted() {
        const std::size_t start = pos_;
        ++pos_;
        std::string value;
        while (true) {
            if (pos_ >= text_.size()) {
                fail(start, "string literal starting here has no closing quote; double a quote inside a string ('O''Brien')");
            }
            const char c = text_[pos_++];
            if (c == '\'') {
                if (pos_ < text_.size() && text_[pos_] == '\'') {
                    value.push_back('\'');
                    ++pos_;
                    continue;
                }
                return value;
            }
            value.push_back(c);
        }
    }

    std::string read_number() {
        const std::size_t start = pos_;
        if (text_[pos_] == '-') {
            ++pos_;
        }
        while (pos_ < text_.size() && is_digit(text_[pos_])) {
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            const std::size_t fraction = pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) {
                ++pos_;
            }
            if (pos_ == fraction) {
                fail(start, "number " + quote_excerpt(text_.substr(start, pos_ - start)) + " needs digits after the point");
            }
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
                ++pos_;
            }
            const std::size_t exponent = pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) {
                ++pos_;
            }
            if (pos_ == exponent) {
                fail(start, "number " + quote_excerpt(text_.substr(start, pos_ - start)) + " needs digits in its exponent");
            }
        }
        if (pos_ < text_.size() && std::string_view("MmDdFfLl").find(text_[pos_]) != std::string_view::npos) {
            ++pos_;
        }
        if (pos_ < text_.size() && is_identifier_char(text_[pos_])) {
            std::size_t end = pos_;
            while (end < text_.size() && is_identifier_char(text_[end])) {
                ++end;
            }
            fail(start, "invalid number " + quote_excerpt(text_.substr(start, end - start)));
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    bool looks_like_guid() const {
        if (pos_ + 36 > text_.size() || !is_guid_text(text_.substr(pos_, 36))) {
            return false;
        }
        return pos_ + 36 == text_.size() || !is_identifier_char(text_[pos_ + 36]);
    }

    bool looks_like_date() const {
        // YYYY-MM at the start of a token.
        if (pos_ + 7 > text_.size()) {
            return false;
        }
        for (std::size_t i = 0; i < 4; ++i) {
            if (!is_digit(text_[pos_ + i])) {
                return false;
            }
        }
        return text_[pos_ + 4] == '-' && is_digit(text_[pos_ + 5]) && is_digit(text_[pos_ + 6]);
    }

    std::string_view text_;
    std::string option_;
    std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Literals

std::string kind_name(ValueKind kind) {
    switch (kind) {
    case ValueKind::Null: return "null";
    case ValueKind::Boolean: return "Boolean";
    case ValueKind::Integer: return "integer";
    case ValueKind::Decimal: return "Decimal";
    case ValueKind::Double: return "Double";
    case ValueKind::String: return "String";
    case ValueKind::Instant: return "date";
    case ValueKind::Guid: return "GUID";
    }
    return "value";
}

ValueKind kind_of_field(FieldType type) {
    switch (type) {
    case FieldType::String: return ValueKind::String;
    case FieldType::Int32:
    case FieldType::Int64: return ValueKind::Integer;
    case FieldType::Decimal: return ValueKind::Decimal;
    case FieldType::Double: return ValueKind::Double;
    case FieldType::Boolean: return ValueKind::Boolean;
    case FieldType::DateTime:
    case FieldType::DateTimeOffset: return ValueKind::Instant;
    case FieldType::Guid: return ValueKind::Guid;
    }
    return ValueKind::String;
}

bool is_numeric(ValueKind kind) noexcept {
    return kind == ValueKind::Integer || kind == ValueKind::Decimal || kind == ValueKind::Double;
}

// Returns true when values of these kinds may be compared.
bool comparable(ValueKind a, ValueKind b) noexcept {
    if (a == ValueKind::Null || b == ValueKind::Null) {
        return true;
    }
    if (is_numeric(a) && is_numeric(b)) {
        return true;
    }
    return a == b;
}

Value number_literal(const Lexer& lexer, const Token& token) {
    std::string text = token.text;
    const char suffix = text.back();
    Value value;

    if (suffix == 'M' || suffix == 'm') {
        text.pop_back();
        if (!is_decimal_text(text)) {
            lexer.fail(token.position, "invalid decimal literal " + quote_excerpt(token.text) + "; write it like 12.5M");
        }
        value.kind = ValueKind::Decimal;
        value.text = text;
        return value;
    }

    const bool has_exponent = text.find_first_of("eE") != std::string::npos;
    if (suffix == 'd' || suffix == 'D' || suffix == 'f' || suffix == 'F' || has_exponent) {
        if (!has_exponent || std::isalpha(static_cast<unsigned char>(suffix)) != 0) {
            if (std::string_view("dDfF").find(suffix) != std::string_view::npos) {
                text.pop_back();
            }
        }
        value.kind = ValueKind::Double;
        double parsed = 0.0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(parsed)) {
            lexer.fail(token.position, "invalid Double literal " + quote_excerpt(token.text));
        }
        value.real = parsed;
        return value;
    }

    if (suffix == 'L' || suffix == 'l') {
        text.pop_back();
    }
    if (text.find('.') != std::string::npos) {
        value.kind = ValueKind::Decimal;
        value.text = text;
        return value;
    }
    std::int64_t parsed = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
        lexer.fail(token.position, "integer literal " + quote_excerpt(token.text) +
                                       " is out of the Int64 range; write a decimal such as " + text + "M");
    }
    value.kind = ValueKind::Integer;
    value.integer = parsed;
    return value;
}

Value instant_literal(const Lexer& lexer, const Token& token, const std::string& text, bool need_offset) {
    const auto instant = parse_instant(text);
    if (!instant) {
        lexer.fail(token.position, "invalid date " + quote_excerpt(text) + "; write it like 2025-01-31T00:00:00");
    }
    if (need_offset && !instant->has_offset) {
        lexer.fail(token.position, "date " + quote_excerpt(text) + " needs an offset such as Z or +02:00");
    }
    Value value;
    value.kind = ValueKind::Instant;
    value.instant = *instant;
    value.text = text;
    return value;
}

Value guid_literal(const Lexer& lexer, const Token& token, const std::string& text) {
    if (!is_guid_text(text)) {
        lexer.fail(token.position, "invalid GUID " + quote_excerpt(text) +
                                       "; write it like 6f9619ff-8b86-d011-b42d-00cf4fc964ff");
    }
    Value value;
    value.kind = ValueKind::Guid;
    value.text = text;
    std::transform(value.text.begin(), value.text.end(), value.text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return value;
}

// Turns a literal token into a value, or returns false when the token is
// not a literal.
bool read_literal(const Lexer& lexer, const Token& token, ODataVersion version, Value& value) {
    switch (token.kind) {
    case TokenKind::String:
        value.kind = ValueKind::String;
        value.text = token.text;
        return true;
    case TokenKind::Number:
        value = number_literal(lexer, token);
        return true;
    case TokenKind::BareGuid:
        if (version == ODataVersion::v1) {
            lexer.fail(token.position, "OData v1 writes GUIDs as guid'" + token.text + "'");
        }
        value = guid_literal(lexer, token, token.text);
        return true;
    case TokenKind::BareDate:
        if (version == ODataVersion::v1) {
            lexer.fail(token.position, "OData v1 writes dates as datetime'" + token.text + "'");
        }
        value = instant_literal(lexer, token, token.text, false);
        return true;
    case TokenKind::TypedLiteral:
        if (token.prefix == "datetime") {
            if (version == ODataVersion::v2) {
                lexer.fail(token.position, "OData v2 writes dates without the datetime prefix, e.g. " +
                                               (token.text.empty() ? std::string("2025-01-31T00:00:00Z") : token.text));
            }
            value = instant_literal(lexer, token, token.text, false);
            return true;
        }
        if (token.prefix == "datetimeoffset") {
            if (version == ODataVersion::v2) {
                lexer.fail(token.position, "OData v2 writes dates without the datetimeoffset prefix, e.g. " +
                                               (token.text.empty() ? std::string("2025-01-31T00:00:00Z") : token.text));
            }
            value = instant_literal(lexer, token, token.text, true);
            return true;
        }
        if (token.prefix == "guid") {
            if (version == ODataVersion::v2) {
                lexer.fail(token.position, "OData v2 writes GUIDs without the guid prefix, e.g. " + token.text);
            }
            value = guid_literal(lexer, token, token.text);
            return true;
        }
        lexer.fail(token.position, "unknown literal prefix " + quote_excerpt(token.prefix) +
                                       "; use datetime'...', datetimeoffset'...' or guid'...' (v1)");
    case TokenKind::Identifier:
        if (token.text == "true" || token.text == "false") {
            value.kind = ValueKind::Boolean;
            value.boolean = token.text == "true";
            return true;
        }
        if (token.text == "null") {
            value.kind = ValueKind::Null;
            return true;
        }
        return false;
    default:
        return false;
    }
}

// ---------------------------------------------------------------------------
// Parser

std::unique_ptr<FilterNode> make_node(FilterNode::Kind kind, ValueKind type) {
    auto node = std::make_unique<FilterNode>();
    node->kind = kind;
    node->type = type;
    return node;
}

bool is_comparison(const Token& token, CompareOp& op) {
    if (token.kind != TokenKind::Identifier) {
        return false;
    }
    static const std::pair<const char*, CompareOp> kOperators[] = {
        {"eq", CompareOp::Eq}, {"ne", CompareOp::Ne}, {"gt", CompareOp::Gt},
        {"ge", CompareOp::Ge}, {"lt", CompareOp::Lt}, {"le", CompareOp::Le},
    };
    for (const auto& [name, value] : kOperators) {
        if (token.text == name) {
            op = value;
            return true;
        }
    }
    return false;
}

bool is_arithmetic(const Token& token) {
    return token.kind == TokenKind::Identifier &&
           (token.text == "add" || token.text == "sub" || token.text == "mul" || token.text == "div" ||
            token.text == "mod");
}

class Parser {
public:
    Parser(std::string_view text, const EntityType& type, ODataVersion version)
        : lexer_(text, "$filter"), type_(type), version_(version) {
        advance();
    }

    std::unique_ptr<FilterNode> parse_all() {
        auto root = parse_or();
        if (current_.kind == TokenKind::CloseParen) {
            lexer_.fail(current_.position, "unbalanced parenthesis: ')' has no matching '('");
        }
        if (current_.kind != TokenKind::End) {
            fail_unexpected("the end of the filter or 'and'/'or'");
        }
        require_boolean(*root, 0, "the filter");
        return root;
    }

private:
    void advance() { current_ = lexer_.next(); }

    [[noreturn]] void fail_unexpected(const std::string& expected) const {
        if (current_.kind == TokenKind::End) {
            lexer_.fail(current_.position, "the filter ends where " + expected + " was expected");
        }
        if (is_arithmetic(current_)) {
            lexer_.fail(current_.position, "arithmetic operator '" + current_.text + "' is not supported");
        }
        lexer_.fail(current_.position, "expected " + expected + " but found " + describe(current_));
    }

    static std::string describe(const Token& token) {
        switch (token.kind) {
        case TokenKind::String: return "string " + quote_excerpt(token.text);
        case TokenKind::TypedLiteral: return "literal " + token.prefix + quote_excerpt(token.text);
        case TokenKind::End: return "the end of the filter";
        default: return quote_excerpt(token.text);
        }
    }

    void require_boolean(const FilterNode& node, std::size_t position, const std::string& what) const {
        if (node.type != ValueKind::Boolean && node.type != ValueKind::Null) {
            lexer_.fail(position, what + " must be a Boolean condition, but it is a " + kind_name(node.type) +
                                      " value; compare it with eq, ne, gt, ge, lt or le");
        }
    }

    void enter(std::size_t position) {
        if (++depth_ > kMaxFilterDepth) {
            lexer_.fail(position, "the filter nests parentheses, functions or 'not' deeper than " +
                                      std::to_string(kMaxFilterDepth) + " levels; simplify it");
        }
    }

    void leave() { --depth_; }

    std::unique_ptr<FilterNode> parse_or() {
        const std::size_t position = current_.position;
        auto first = parse_and();
        if (!(current_.kind == TokenKind::Identifier && current_.text == "or")) {
            return first;
        }
        require_boolean(*first, position, "the left side of 'or'");
        auto node = make_node(FilterNode::Kind::Or, ValueKind::Boolean);
        node->children.push_back(std::move(first));
        while (current_.kind == TokenKind::Identifier && current_.text == "or") {
            advance();
            const std::size_t operand_position = current_.position;
            auto operand = parse_and();
            require_boolean(*operand, operand_position, "the right side of 'or'");
            node->children.push_back(std::move(operand));
        }
        return node;
    }

    std::unique_ptr<FilterNode> parse_and() {
        const std::size_t position = current_.position;
        auto first = parse_not();
        if (!(current_.kind == TokenKind::Identifier && current_.text == "and")) {
            return first;
        }
        require_boolean(*first, position, "the left side of 'and'");
        auto node = make_node(FilterNode::Kind::And, ValueKind::Boolean);
        node->children.push_back(std::move(first));
        while (current_.kind == TokenKind::Identifier && current_.text == "and") {
            advance();
            const std::size_t operand_position = current_.position;
            auto operand = parse_not();
            require_boolean(*operand, operand_position, "the right side of 'and'");
            node->children.push_back(std::move(operand));
        }
        return node;
    }

    std::unique_ptr<FilterNode> parse_not() {
        if (current_.kind == TokenKind::Identifier && current_.text == "not") {
            const std::size_t position = current_.position;
            enter(position);
            advance();
            auto operand = parse_not();
            require_boolean(*operand, position, "the operand of 'not'");
            leave();
            auto node = make_node(FilterNode::Kind::Not, ValueKind::Boolean);
            node->children.push_back(std::move(operand));
            return node;
        }
        return parse_comparison();
    }

    std::unique_ptr<FilterNode> parse_comparison() {
        const std::size_t position = current_.position;
        auto left = parse_operand();
        CompareOp op = CompareOp::Eq;
        if (!is_comparison(current_, op)) {
            if (is_arithmetic(current_)) {
                fail_unexpected("a comparison operator");
            }
            return left;
        }
        const std::string op_text = current_.text;
        advance();
        const std::size_t right_position = current_.position;
        auto right = parse_operand();

        if (!comparable(left->type, right->type)) {
            lexer_.fail(right_position, "cannot compare a " + kind_name(left->type) + " with a " +
                                            kind_name(right->type) + " using '" + op_text + "'");
        }
        if ((left->type == ValueKind::Boolean || left->type == ValueKind::Guid) && op != CompareOp::Eq &&
            op != CompareOp::Ne) {
            lexer_.fail(position, kind_name(left->type) + " values support only eq and ne, not '" + op_text + "'");
        }
        auto node = make_node(FilterNode::Kind::Compare, ValueKind::Boolean);
        node->op = op;
        node->children.push_back(std::move(left));
        node->children.push_back(std::move(right));
        return node;
    }

    std::unique_ptr<FilterNode> parse_operand() {
        const Token token = current_;
        if (token.kind == TokenKind::OpenParen) {
            enter(token.position);
            advance();
            auto inner = parse_or();
            if (current_.kind != TokenKind::CloseParen) {
                if (current_.kind == TokenKind::End) {
                    lexer_.fail(token.position, "unbalanced parenthesis: '(' here is never closed");
                }
                fail_unexpected("')'");
            }
            advance();
            leave();
            return inner;
        }

        Value literal;
        if (read_literal(lexer_, token, version_, literal)) {
            advance();
            auto node = make_node(FilterNode::Kind::Literal, literal.kind);
            node->literal = std::move(literal);
            return node;
        }

        if (token.kind != TokenKind::Identifier) {
            fail_unexpected("a field, a literal, a function or '('");
        }
        CompareOp ignored = CompareOp::Eq;
        if (token.text == "and" || token.text == "or" || token.text == "not" || is_comparison(token, ignored)) {
            fail_unexpected("a field, a literal, a function or '('");
        }
        advance();
        if (current_.kind == TokenKind::OpenParen) {
            return parse_call(token);
        }

        const Field* field = type_.find_field(token.text);
        if (field == nullptr) {
            lexer_.fail(token.position, "unknown field " + quote_excerpt(token.text) + " of " + type_.name() +
                                            "; field names are case-sensitive");
        }
        auto node = make_node(FilterNode::Kind::Field, kind_of_field(field->type));
        node->field_name = field->name;
        node->field_type = field->type;
        return node;
    }

    std::unique_ptr<FilterNode> parse_call(const Token& name) {
        struct FunctionInfo {
            const char* name;
            FunctionId id;
            std::size_t arity;
            ValueKind result;
        };
        static const FunctionInfo kFunctions[] = {
            {"startswith", FunctionId::StartsWith, 2, ValueKind::Boolean},
            {"endswith", FunctionId::EndsWith, 2, ValueKind::Boolean},
            {"substringof", FunctionId::Contains, 2, ValueKind::Boolean},
            {"contains", FunctionId::Contains, 2, ValueKind::Boolean},
            {"tolower", FunctionId::ToLower, 1, ValueKind::String},
            {"toupper", FunctionId::ToUpper, 1, ValueKind::String},
            {"length", FunctionId::Length, 1, ValueKind::Integer},
        };
        const FunctionInfo* info = nullptr;
        for (const FunctionInfo& candidate : kFunctions) {
            if (name.text == candidate.name) {
                info = &candidate;
            }
        }
        if (info == nullptr) {
            lexer_.fail(name.position, "unknown function " + quote_excerpt(name.text) +
                                           "; supported: startswith, endswith, substringof (v1), contains (v2), "
                                           "tolower, toupper, length");
        }
        if (name.text == "substringof" && version_ == ODataVersion::v2) {
            lexer_.fail(name.position, "substringof is an OData v1 function; in v2 write contains(Field,'text')");
        }
        if (name.text == "contains" && version_ == ODataVersion::v1) {
            lexer_.fail(name.position, "contains is an OData v2 function; in v1 write substringof('text',Field)");
        }

        enter(current_.position);
        advance();  // '('
        std::vector<std::unique_ptr<FilterNode>> arguments;
        std::vector<std::size_t> positions;
        if (current_.kind != TokenKind::CloseParen) {
            while (true) {
                positions.push_back(current_.position);
                arguments.push_back(parse_or());
                if (current_.kind == TokenKind::Comma) {
                    advance();
                    continue;
                }
                break;
            }
        }
        if (current_.kind != TokenKind::CloseParen) {
            if (current_.kind == TokenKind::End) {
                lexer_.fail(name.position, "unbalanced parenthesis: the call of " + name.text + " is never closed");
            }
            fail_unexpected("',' or ')'");
        }
        advance();
        leave();

        if (arguments.size() != info->arity) {
            lexer_.fail(name.position, name.text + " takes " + std::to_string(info->arity) + " argument" +
                                           (info->arity == 1 ? "" : "s") + " but was given " +
                                           std::to_string(arguments.size()));
        }
        for (std::size_t i = 0; i < arguments.size(); ++i) {
            const ValueKind kind = arguments[i]->type;
            if (kind != ValueKind::String && kind != ValueKind::Null) {
                lexer_.fail(positions[i], name.text + " takes String arguments, but argument " +
                                              std::to_string(i + 1) + " is a " + kind_name(kind));
            }
        }
        if (name.text == "substringof") {
            std::swap(arguments[0], arguments[1]);  // substringof(needle, haystack)
        }

        auto node = make_node(FilterNode::Kind::Call, info->result);
        node->function = info->id;
        node->children = std::move(arguments);
        return node;
    }

    Lexer lexer_;
    const EntityType& type_;
    ODataVersion version_;
    Token current_;
    std::size_t depth_ = 0;
};

// ---------------------------------------------------------------------------
// Evaluation

Value boolean_value(bool b) {
    Value value;
    value.kind = ValueKind::Boolean;
    value.boolean = b;
    return value;
}

Value null_value() { return Value{}; }

std::string decimal_text_of(const Value& value) {
    return value.kind == ValueKind::Integer ? std::to_string(value.integer) : value.text;
}

double double_of(const Value& value) {
    switch (value.kind) {
    case ValueKind::Integer: return static_cast<double>(value.integer);
    case ValueKind::Decimal: return std::strtod(value.text.c_str(), nullptr);
    default: return value.real;
    }
}

int three_way(const Value& a, const Value& b) {
    if (is_numeric(a.kind) && is_numeric(b.kind)) {
        if (a.kind == ValueKind::Double || b.kind == ValueKind::Double) {
            const double x = double_of(a);
            const double y = double_of(b);
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        if (a.kind == ValueKind::Decimal || b.kind == ValueKind::Decimal) {
            return compare_decimal_text(decimal_text_of(a), decimal_text_of(b));
        }
        return a.integer < b.integer ? -1 : (a.integer > b.integer ? 1 : 0);
    }
    switch (a.kind) {
    case ValueKind::Boolean: return static_cast<int>(a.boolean) - static_cast<int>(b.boolean);
    case ValueKind::String: {
        const int c = a.text.compare(b.text);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueKind::Instant: return compare_instants(a.instant, b.instant);
    case ValueKind::Guid: {
        const int c = a.text.compare(b.text);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return 0;
    }
}

Value compare(CompareOp op, const Value& a, const Value& b) {
    const bool a_null = a.kind == ValueKind::Null;
    const bool b_null = b.kind == ValueKind::Null;
    if (a_null || b_null) {
        if (op == CompareOp::Eq) {
            return boolean_value(a_null && b_null);
        }
        if (op == CompareOp::Ne) {
            return boolean_value(a_null != b_null);
        }
        return boolean_value(false);
    }
    const int c = three_way(a, b);
    switch (op) {
    case CompareOp::Eq: return boolean_value(c == 0);
    case CompareOp::Ne: return boolean_value(c != 0);
    case CompareOp::Gt: return boolean_value(c > 0);
    case CompareOp::Ge: return boolean_value(c >= 0);
    case CompareOp::Lt: return boolean_value(c < 0);
    case CompareOp::Le: return boolean_value(c <= 0);
    }
    return boolean_value(false);
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Value call(FunctionId function, const std::vector<Value>& arguments) {
    for (const Value& argument : arguments) {
        if (argument.kind == ValueKind::Null) {
            return null_value();
        }
    }
    switch (function) {
    case FunctionId::StartsWith: return boolean_value(arguments[0].text.rfind(arguments[1].text, 0) == 0);
    case FunctionId::EndsWith: return boolean_value(ends_with(arguments[0].text, arguments[1].text));
    case FunctionId::Contains:
        return boolean_value(arguments[0].text.find(arguments[1].text) != std::string::npos);
    case FunctionId::ToLower:
    case FunctionId::ToUpper: {
        // NOTE: changes the case of ASCII letters only; other scripts pass through unchanged.
        Value result = arguments[0];
        for (char& c : result.text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x80) {
                c = static_cast<char>(function == FunctionId::ToLower ? std::tolower(byte) : std::toupper(byte));
            }
        }
        return result;
    }
    case FunctionId::Length: {
        // Counts Unicode code points, i.e. UTF-8 bytes that do not continue a sequence.
        Value result;
        result.kind = ValueKind::Integer;
        for (const char c : arguments[0].text) {
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++result.integer;
            }
        }
        return result;
    }
    }
    return null_value();
}

}  // namespace

Value value_of_stored(FieldType type, const nlohmann::json& stored) {
    Value value;
    if (stored.is_null()) {
        return value;
    }
    value.kind = kind_of_field(type);
    switch (value.kind) {
    case ValueKind::Boolean: value.boolean = stored.is_boolean() && stored.get<bool>(); break;
    case ValueKind::Integer: value.integer = stored.is_number() ? stored.get<std::int64_t>() : 0; break;
    case ValueKind::Double: value.real = stored.is_number() ? stored.get<double>() : 0.0; break;
    case ValueKind::Decimal:
    case ValueKind::String: value.text = stored.is_string() ? stored.get<std::string>() : stored.dump(); break;
    case ValueKind::Guid: {
        value.text = stored.is_string() ? stored.get<std::string>() : std::string();
        std::transform(value.text.begin(), value.text.end(), value.text.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        break;
    }
    case ValueKind::Instant: {
        const auto instant = stored.is_string() ? parse_instant(stored.get_ref<const std::string&>()) : std::nullopt;
        if (!instant) {
            return Value{};
        }
        value.instant = *instant;
        break;
    }
    case ValueKind::Null: break;
    }
    return value;
}

Value evaluate(const FilterNode& node, const nlohmann::json& row) {
    switch (node.kind) {
    case FilterNode::Kind::Literal: return node.literal;
    case FilterNode::Kind::Field: {
        const auto member = row.find(node.field_name);
        return member == row.end() ? null_value() : value_of_stored(node.field_type, *member);
    }
    case FilterNode::Kind::Compare:
        return compare(node.op, evaluate(*node.children[0], row), evaluate(*node.children[1], row));
    case FilterNode::Kind::Not: {
        const Value operand = evaluate(*node.children[0], row);
        return operand.kind == ValueKind::Boolean ? boolean_value(!operand.boolean) : null_value();
    }
    case FilterNode::Kind::And: {
        // Three-valued: false wins, then unknown, then true.
        bool unknown = false;
        for (const auto& child : node.children) {
            const Value operand = evaluate(*child, row);
            if (operand.kind == ValueKind::Boolean && !operand.boolean) {
                return boolean_value(false);
            }
            unknown = unknown || operand.kind != ValueKind::Boolean;
        }
        return unknown ? null_value() : boolean_value(true);
    }
    case FilterNode::Kind::Or: {
        bool unknown = false;
        for (const auto& child : node.children) {
            const Value operand = evaluate(*child, row);
            if (operand.kind == ValueKind::Boolean && operand.boolean) {
                return boolean_value(true);
            }
            unknown = unknown || operand.kind != ValueKind::Boolean;
        }
        return unknown ? null_value() : boolean_value(false);
    }
    case FilterNode::Kind::Call: {
        std::vector<Value> arguments;
        arguments.reserve(node.children.size());
        for (const auto& child : node.children) {
            arguments.push_back(evaluate(*child, row));
        }
        return call(node.function, arguments);
    }
    }
    return null_value();
}

// ---------------------------------------------------------------------------
// Key predicates

namespace {

[[noreturn]] void fail_key_type(const Lexer& lexer, const Token& token, const Field& field, const Value& value) {
    lexer.fail(token.position, "key field " + field.name + " is " + std::string(field_type_name(field.type)) +
                                   " but the key gives a " + kind_name(value.kind) + " value");
}

nlohmann::json stored_key_value(const Lexer& lexer, const Token& token, const Field& field, const Value& value) {
    const auto mismatch = [&]() { fail_key_type(lexer, token, field, value); };
    switch (field.type) {
    case FieldType::String:
        if (value.kind != ValueKind::String) {
            mismatch();
        }
        return value.text;
    case FieldType::Int32:
    case FieldType::Int64:
        if (value.kind != ValueKind::Integer) {
            mismatch();
        }
        return value.integer;
    case FieldType::Decimal:
        if (value.kind != ValueKind::Integer && value.kind != ValueKind::Decimal) {
            mismatch();
        }
        return decimal_text_of(value);
    case FieldType::Double:
        if (!is_numeric(value.kind)) {
            mismatch();
        }
        return double_of(value);
    case FieldType::Boolean:
        if (value.kind != ValueKind::Boolean) {
            mismatch();
        }
        return value.boolean;
    case FieldType::DateTime:
    case FieldType::DateTimeOffset:
    case FieldType::Guid:
        if (value.kind != kind_of_field(field.type)) {
            mismatch();
        }
        return value.text;
    }
    fail_key_type(lexer, token, field, value);
}

}  // namespace
}  // namespace detail

Filter::Filter(std::shared_ptr<const detail::FilterNode> root) : root_(std::move(root)) {}

Filter Filter::parse(std::string_view text, const EntityType& type, ODataVersion version) {
    if (text.size() > kMaxFilterLength) {
        throw QueryError("invalid $filter: it is " + std::to_string(text.size()) + " bytes long, more than the " +
                         std::to_string(kMaxFilterLength) + " the mock server accepts; shorten it");
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw QueryError("invalid $filter: it is empty; give a condition such as CustNum eq 1 or leave $filter out");
    }
    detail::Parser parser(text, type, version);
    return Filter(std::shared_ptr<const detail::FilterNode>(parser.parse_all()));
}

bool Filter::matches(const Row& row) const {
    const detail::Value result = detail::evaluate(*root_, row);
    return result.kind == detail::ValueKind::Boolean && result.boolean;
}

Key parse_key_predicate(std::string_view text, const EntityType& type, ODataVersion version) {
    using detail::Token;
    using detail::TokenKind;

    detail::Lexer lexer(text, "key predicate");
    const auto key_fields = type.key_fields();
    Key key(key_fields.size());
    std::vector<bool> assigned(key_fields.size(), false);
    std::size_t positional = 0;
    bool named = false;

    Token token = lexer.next();
    while (token.kind != TokenKind::End) {
        std::size_t slot = positional;
        const bool is_name = token.kind == TokenKind::Identifier && token.text != "true" &&
                             token.text != "false" && token.text != "null";
        if (is_name) {
            // Named form: Field=literal.
            const auto found = std::find(type.keys().begin(), type.keys().end(), token.text);
            if (found == type.keys().end()) {
                lexer.fail(token.position, detail::quote_excerpt(token.text) + " is not a key field of " +
                                               type.name() + "; key field names are case-sensitive");
            }
            slot = static_cast<std::size_t>(found - type.keys().begin());
            const std::string name = token.text;
            token = lexer.next();
            if (token.kind != TokenKind::Equals) {
                lexer.fail(token.position, "expected '=' after key field " + name);
            }
            token = lexer.next();
            named = true;
        } else if (named) {
            lexer.fail(token.position, "a positional key value follows a named one; name every key field or none");
        }

        if (slot >= key_fields.size()) {
            lexer.fail(token.position, "the key of " + type.name() + " has " + std::to_string(key_fields.size()) +
                                           " fields, but more values were given");
        }
        detail::Value value;
        if (!detail::read_literal(lexer, token, version, value) || value.kind == detail::ValueKind::Null) {
            lexer.fail(token.position, "expected a literal value for key field " + key_fields[slot]->name);
        }
        if (assigned[slot]) {
            lexer.fail(token.position, "key field " + key_fields[slot]->name + " is given twice");
        }
        key[slot] = detail::stored_key_value(lexer, token, *key_fields[slot], value);
        assigned[slot] = true;
        ++positional;

        token = lexer.next();
        if (token.kind == TokenKind::Comma) {
            token = lexer.next();
            if (token.kind == TokenKind::End) {
                lexer.fail(token.position, "the key ends with a comma; remove it or add the missing value");
            }
        } else if (token.kind != TokenKind::End) {
            lexer.fail(token.position, "expected ',' between key values");
        }
    }

    for (std::size_t i = 0; i < key_fields.size(); ++i) {
        if (!assigned[i]) {
            throw QueryError("invalid key predicate (" + std::string(text) + "): key field " + key_fields[i]->name +
                             " of " + type.name() + " is missing; give all " + std::to_string(key_fields.size()) +
                             " key values, company first");
        }
    }
    return key;
}

std::string format_key_predicate(const EntityType& type, const Key& key, ODataVersion version) {
    const auto key_fields = type.key_fields();
    std::string text;
    for (std::size_t i = 0; i < key.size() && i < key_fields.size(); ++i) {
        if (i > 0) {
            text += ',';
        }
        const nlohmann::json& value = key[i];
        switch (key_fields[i]->type) {
        case FieldType::String: {
            text += '\'';
            for (const char c : value.get<std::string>()) {
                text += c;
                if (c == '\'') {
                    text += '\'';
                }
            }
            text += '\'';
            break;
        }
        case FieldType::Guid:
            text += version == ODataVersion::v1 ? "guid'" + value.get<std::string>() + "'" : value.get<std::string>();
            break;
        case FieldType::DateTime:
        case FieldType::DateTimeOffset:
            text += version == ODataVersion::v1
                        ? (key_fields[i]->type == FieldType::DateTime ? "datetime'" : "datetimeoffset'") +
                              value.get<std::string>() + "'"
                        : value.get<std::string>();
            break;
        case FieldType::Decimal:
            text += value.get<std::string>() + "M";
            break;
        default:
            text += value.dump();
            break;
        }
    }
    return text;
}

}  // namespace epicor::testing
