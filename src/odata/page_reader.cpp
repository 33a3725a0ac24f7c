#include "odata/page_reader.hpp"

#include <epicor/error.hpp>

#include "odata/excerpt.hpp"
#include "odata/json_value.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace epicor::odata {
namespace {

using json = nlohmann::json;

// Deeper bodies are rejected so that no later recursive step (copying or
// printing nested JSON) can exhaust the stack.
constexpr std::size_t max_nesting = 256;

bool is_annotation(std::string_view name) noexcept {
    return name.rfind("odata.", 0) == 0 || name.find('@') != std::string_view::npos;
}

// Receives nlohmann's SAX events for a collection or entity body and builds
// typed rows. number_float events carry the number's original text, which
// is what keeps Edm.Decimal exact.
class BodyHandler {
public:
    enum class Shape { collection, entity };

    BodyHandler(Shape shape, const std::vector<Column>& columns) : shape_(shape) {
        for (const auto& column : columns) {
            column_types_.emplace(column.name, column.type);
        }
    }

    // --- nlohmann::json_sax interface -------------------------------------

    bool null() { return scalar({}); }

    bool boolean(bool value) {
        JsonScalar token;
        token.kind = JsonScalar::Kind::boolean;
        token.boolean = value;
        return scalar(std::move(token));
    }

    bool number_integer(json::number_integer_t value) {
        JsonScalar token;
        token.kind = JsonScalar::Kind::integer;
        token.integer = value;
        return scalar(std::move(token));
    }

    bool number_unsigned(json::number_unsigned_t value) {
        JsonScalar token;
        if (value <= static_cast<json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
            token.kind = JsonScalar::Kind::integer;
            token.integer = static_cast<std::int64_t>(value);
        } else {
            token.kind = JsonScalar::Kind::unsigned_integer;
            token.unsigned_integer = value;
        }
        return scalar(std::move(token));
    }

    bool number_float(json::number_float_t value, const json::string_t& text) {
        if (in_nested()) {
            return add_nested(json(value));
        }
        JsonScalar token;
        token.kind = JsonScalar::Kind::number;
        token.text = text;
        return scalar(std::move(token));
    }

    bool string(json::string_t& value) {
        JsonScalar token;
        token.kind = JsonScalar::Kind::string;
        // A copy, not a move: the lexer reuses the buffer's capacity for the
        // next token instead of growing a new one.
        token.text.assign(value);
        return scalar(std::move(token));
    }

    bool binary(json::binary_t& /*value*/) { return true; }  // never sent by the JSON parser

    bool start_object(std::size_t /*size*/) { return start(true); }
    bool start_array(std::size_t /*size*/) { return start(false); }
    bool end_object() { return end(); }
    bool end_array() { return end(); }

    bool key(json::string_t& name) {
        if (in_nested()) {
            nested_keys_.back() = name;
            return true;
        }
        key_ = std::move(name);
        return true;
    }

    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) {
        syntax_error_ = error.what();
        return false;
    }

    // --- results ----------------------------------------------------------

    const std::string& syntax_error() const noexcept { return syntax_error_; }
    bool saw_value_array() const noexcept { return saw_value_array_; }
    Page take_page() { return std::move(page_); }
    Entity take_entity() { return std::move(entity_); }

private:
    enum class Context { root, value_array, row, nested, skipped };

    bool in_nested() const noexcept { return !stack_.empty() && stack_.back() == Context::nested; }

    bool start(bool is_object) {
        if (stack_.size() >= max_nesting) {
            return fail("the body nests deeper than " + std::to_string(max_nesting) + " levels");
        }
        if (stack_.empty()) {
            if (!is_object) {
                return fail("the body is a JSON array, not an object");
            }
            stack_.push_back(shape_ == Shape::collection ? Context::root : Context::row);
            return true;
        }

        switch (stack_.back()) {
        case Context::root:
            if (key_ == "value") {
                if (is_object) {
                    return fail("'value' is an object, not an array of rows");
                }
                saw_value_array_ = true;
                stack_.push_back(Context::value_array);
            } else {
                stack_.push_back(Context::skipped);
            }
            return true;
        case Context::value_array:
            if (!is_object) {
                return fail("row " + std::to_string(page_.rows.size() + 1) + " is an array, not an object");
            }
            page_.rows.emplace_back().reserve(page_.fields.size());
            row_field_ = 0;
            stack_.push_back(Context::row);
            return true;
        case Context::row:
            nested_root_ = is_object ? json::object() : json::array();
            nested_path_.clear();
            nested_path_.push_back(&nested_root_);
            nested_keys_.assign(1, std::string());
            stack_.push_back(Context::nested);
            return true;
        case Context::nested: {
            json* container = add_to_nested(is_object ? json::object() : json::array());
            nested_path_.push_back(container);
            nested_keys_.emplace_back();
            stack_.push_back(Context::nested);
            return true;
        }
        case Context::skipped:
            stack_.push_back(Context::skipped);
            return true;
        }
        return true;
    }

    bool end() {
        const Context finished = stack_.back();
        stack_.pop_back();
        if (finished == Context::nested) {
            nested_path_.pop_back();
            nested_keys_.pop_back();
            if (nested_path_.empty()) {
                return store(Value(std::move(nested_root_)));
            }
        }
        return true;
    }

    bool scalar(JsonScalar token) {
        if (stack_.empty()) {
            return fail("the body is a JSON " + std::string(token.kind == JsonScalar::Kind::string ? "string" : "scalar") +
                        ", not an object");
        }
        switch (stack_.back()) {
        case Context::root: return root_scalar(std::move(token));
        case Context::value_array:
            return fail("row " + std::to_string(page_.rows.size() + 1) + " is a scalar, not an object");
        case Context::row: {
            if (shape_ == Shape::collection) {
                return row_scalar(std::move(token));
            }
            if (is_annotation(key_)) {
                return true;
            }
            return store(to_value(std::move(token), column_type(key_), key_));
        }
        case Context::nested: return add_nested(scalar_to_json(std::move(token)));
        case Context::skipped: return true;
        }
        return true;
    }

    // Properties of the collection object other than `value`.
    bool root_scalar(JsonScalar token) {
        if (key_ == "value") {
            return fail("'value' is " + std::string(token.kind == JsonScalar::Kind::null ? "null" : "a scalar") +
                        ", not an array of rows");
        }
        if (key_ == "odata.nextLink" || key_ == "@odata.nextLink") {
            if (token.kind == JsonScalar::Kind::string) {
                page_.next_link = std::move(token.text);
            }
        } else if (key_ == "odata.count" || key_ == "@odata.count") {
            // OData 3 writes the count as a string, OData 4 as a number.
            const auto count = to_value(token, EdmType::int64, key_);
            if (!count.is_null()) {
                page_.count = count.get<std::int64_t>();
            }
        } else if (key_ == "odata.metadata" || key_ == "@odata.context") {
            if (token.kind == JsonScalar::Kind::string) {
                page_.context = std::move(token.text);
            }
        }
        return true;
    }

    static json scalar_to_json(JsonScalar token) {
        switch (token.kind) {
        case JsonScalar::Kind::null: return nullptr;
        case JsonScalar::Kind::boolean: return token.boolean;
        case JsonScalar::Kind::integer: return token.integer;
        case JsonScalar::Kind::unsigned_integer: return token.unsigned_integer;
        case JsonScalar::Kind::string: return std::move(token.text);
        case JsonScalar::Kind::number: break;  // handled in number_float()
        }
        return nullptr;
    }

    // Adds a value to the innermost nested container and returns it.
    // NOTE: numbers inside nested JSON (expanded navigation properties,
    // complex values) are doubles, so decimals there can lose digits. Read
    // such rows through their own entity set to keep them exact.
    json* add_to_nested(json value) {
        json& container = *nested_path_.back();
        if (container.is_object()) {
            auto& slot = container[nested_keys_.back()];
            slot = std::move(value);
            return &slot;
        }
        container.push_back(std::move(value));
        return &container.back();
    }

    bool add_nested(json value) {
        add_to_nested(std::move(value));
        return true;
    }

    EdmType column_type(const std::string& name) const {
        const auto found = column_types_.find(name);
        return found == column_types_.end() ? EdmType::unknown : found->second;
    }

    // Rows of one page usually list their properties in the same order, so
    // the field after the previous one is tried before the hash lookup.
    bool key_is_next_field() const noexcept {
        return row_field_ < page_.fields.size() && page_.fields[row_field_] == key_;
    }

    // Returns the page field of the current key, adding it on first sight.
    std::size_t find_or_add_field() {
        auto [position, inserted] = field_index_.try_emplace(key_, page_.fields.size());
        if (inserted) {
            page_.fields.push_back(key_);
            field_types_.push_back(column_type(key_));
        }
        row_field_ = position->second + 1;
        return position->second;
    }

    std::size_t current_field() { return key_is_next_field() ? row_field_++ : find_or_add_field(); }

    // A property value of a collection row. Fields already on the page are
    // never annotations, so only an unexpected key needs that check.
    bool row_scalar(JsonScalar token) {
        std::size_t field = 0;
        if (key_is_next_field()) {
            field = row_field_++;
        } else if (is_annotation(key_)) {
            return true;
        } else {
            field = find_or_add_field();
        }
        try {
            put_in_row(field, to_value(std::move(token), field_types_[field], key_));
        } catch (const DataError& error) {
            throw DataError("row " + std::to_string(page_.rows.size()) + ", " + error.what());
        }
        return true;
    }

    void put_in_row(std::size_t field, Value value) {
        auto& row = page_.rows.back();
        if (row.size() <= field) {
            row.resize(field + 1);
        }
        row[field] = std::move(value);
    }

    // Stores a finished nested value under the current key in the current row.
    bool store(Value value) {
        if (is_annotation(key_)) {
            return true;
        }
        if (shape_ == Shape::entity) {
            entity_.fields.push_back(key_);
            entity_.values.push_back(std::move(value));
            return true;
        }
        put_in_row(current_field(), std::move(value));
        return true;
    }

    [[noreturn]] bool fail(const std::string& message) { throw DataError(message); }

    Shape shape_;
    std::unordered_map<std::string, EdmType> column_types_;
    std::vector<Context> stack_;
    std::string key_;
    json nested_root_;
    std::vector<json*> nested_path_;
    std::vector<std::string> nested_keys_;
    std::unordered_map<std::string, std::size_t> field_index_;
    std::vector<EdmType> field_types_;  // the column type of each page field
    std::size_t row_field_ = 0;         // the page field expected for the next key of a row
    bool saw_value_array_ = false;
    std::string syntax_error_;
    Page page_;
    Entity entity_;
};

[[noreturn]] void throw_body_error(std::string_view what, std::string_view reason, std::string_view body) {
    throw DataError("invalid " + std::string(what) + " response body: " + std::string(reason) +
                    "; the body starts with: " + excerpt(body));
}

void parse(BodyHandler& handler, std::string_view body, std::string_view what) {
    bool complete = false;
    try {
        complete = json::sax_parse(body.begin(), body.end(), &handler);
    } catch (const DataError& error) {
        throw_body_error(what, error.what(), body);
    }
    if (!complete) {
        throw_body_error(what, "not valid JSON (" + excerpt(handler.syntax_error(), 200) + ")", body);
    }
}

}  // namespace

Page read_page(std::string_view body, const std::vector<Column>& columns) {
    BodyHandler handler(BodyHandler::Shape::collection, columns);
    parse(handler, body, "collection");
    if (!handler.saw_value_array()) {
        throw_body_error("collection", "it has no 'value' array of rows", body);
    }
    return handler.take_page();
}

Entity read_entity(std::string_view body, const std::vector<Column>& columns) {
    BodyHandler handler(BodyHandler::Shape::entity, columns);
    parse(handler, body, "entity");
    return handler.take_entity();
}

}  // namespace epicor::odata
