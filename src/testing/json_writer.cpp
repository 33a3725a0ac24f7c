#include <epicor/testing/json_writer.hpp>
#include <epicor/testing/mock_error.hpp>

#include "testing/value_compare.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace epicor::testing {
namespace {

void append_string(std::string& out, std::string_view text) {
    // nlohmann's dump escapes control characters and quotes and keeps UTF-8.
    out += nlohmann::json(std::string(text)).dump();
}

[[noreturn]] void fail_value(const Field& field, const nlohmann::json& value, const std::string& problem) {
    throw std::invalid_argument("cannot write field " + field.name + " value " + value.dump() + ": " + problem);
}

// Writes the digits of a stored decimal as a JSON number: drops a leading
// '+', and gives a bare ".5"-style fraction its leading zero.
void append_decimal(std::string& out, const std::string& text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    // JSON forbids leading zeros such as 007; drop them but keep one before '.'.
    std::string sign;
    if (!digits.empty() && digits.front() == '-') {
        sign = "-";
        digits.remove_prefix(1);
    }
    while (digits.size() > 1 && digits.front() == '0' && digits[1] != '.') {
        digits.remove_prefix(1);
    }
    out += sign;
    out += digits;
}

}  // namespace

void write_value(std::string& out, const Field& field, const nlohmann::json& value, ODataVersion version) {
    if (value.is_null()) {
        out += "null";
        return;
    }
    if (auto problem = detail::stored_value_problem(field, value)) {
        // Length limits are a write-time rule; an over-long stored string still serializes.
        if (!(field.type == FieldType::String && value.is_string())) {
            fail_value(field, value, *problem);
        }
    }

    switch (field.type) {
    case FieldType::String:
    case FieldType::Guid:
    case FieldType::DateTimeOffset:
        append_string(out, value.get_ref<const std::string&>());
        return;
    case FieldType::DateTime:
        // v1 Edm.DateTime carries no offset; v2 shows the same value as Edm.DateTimeOffset in UTC.
        append_string(out, version == ODataVersion::v1 ? value.get_ref<const std::string&>()
                                                       : value.get_ref<const std::string&>() + "Z");
        return;
    case FieldType::Int32:
    case FieldType::Int64:
    case FieldType::Boolean:
        out += value.dump();
        return;
    case FieldType::Double: {
        const double number = value.get<double>();
        if (!std::isfinite(number)) {
            out += "null";  // JSON has no NaN or infinity.
            return;
        }
        out += value.dump();
        return;
    }
    case FieldType::Decimal:
        append_decimal(out, value.get_ref<const std::string&>());
        return;
    }
}

namespace {

void append_row(std::string& out, const EntityType& type, const Row& row, ODataVersion version,
                const ExpandedTypes& expanded, bool& first) {
    for (const Field& field : type.fields()) {
        const auto member = row.find(field.name);
        if (member == row.end()) {
            continue;
        }
        out += first ? "" : ",";
        first = false;
        append_string(out, field.name);
        out += ':';
        write_value(out, field, *member, version);
    }
    for (const Navigation& navigation : type.navigations()) {
        const auto member = row.find(navigation.name);
        const auto child_type = expanded.find(navigation.name);
        if (member == row.end() || child_type == expanded.end() || !member->is_array()) {
            continue;
        }
        out += first ? "" : ",";
        first = false;
        append_string(out, navigation.name);
        out += ":[";
        bool first_child = true;
        for (const Row& child : *member) {
            out += first_child ? "{" : ",{";
            first_child = false;
            bool first_field = true;
            append_row(out, *child_type->second, child, version, {}, first_field);
            out += '}';
        }
        out += ']';
    }
}

}  // namespace

std::string write_row(const EntityType& type, const Row& row, ODataVersion version, const ExpandedTypes& expanded) {
    std::string out = "{";
    bool first = true;
    append_row(out, type, row, version, expanded, first);
    out += '}';
    return out;
}

std::string write_rows(const EntityType& type, const std::vector<Row>& rows, ODataVersion version,
                       const ExpandedTypes& expanded) {
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out += i == 0 ? "{" : ",{";
        bool first = true;
        append_row(out, type, rows[i], version, expanded, first);
        out += '}';
    }
    out += ']';
    return out;
}

std::string write_collection(const QueryResult& result, ODataVersion version, std::string_view context_url,
                             std::string_view next_link) {
    if (!result.type) {
        throw std::invalid_argument("write_collection() needs a QueryResult with its row type set");
    }
    const bool v1 = version == ODataVersion::v1;
    std::string out = "{";
    append_string(out, v1 ? "odata.metadata" : "@odata.context");
    out += ':';
    append_string(out, context_url);
    if (result.count) {
        out += ',';
        append_string(out, v1 ? "odata.count" : "@odata.count");
        out += ':';
        // OData 3 JSON writes the count as a string; OData 4 as a number.
        out += v1 ? "\"" + std::to_string(*result.count) + "\"" : std::to_string(*result.count);
    }
    out += ",\"value\":";
    out += write_rows(*result.type, result.rows, version, result.expanded_types);
    if (!next_link.empty()) {
        out += ',';
        append_string(out, v1 ? "odata.nextLink" : "@odata.nextLink");
        out += ':';
        append_string(out, next_link);
    }
    out += '}';
    return out;
}

std::string write_entity(const EntityType& type, const Row& row, ODataVersion version, std::string_view context_url) {
    std::string out = "{";
    append_string(out, version == ODataVersion::v1 ? "odata.metadata" : "@odata.context");
    out += ':';
    append_string(out, context_url);
    bool first = false;
    append_row(out, type, row, version, {}, first);
    out += '}';
    return out;
}

// ---------------------------------------------------------------------------
// Reading bodies

namespace {

// Builds a JSON value like nlohmann's DOM parser but stores every
// non-integer number as its source text, so no decimal digit is lost.
class ExactNumberSax : public nlohmann::json_sax<nlohmann::json> {
public:
    bool null() override { return add(nullptr); }
    bool boolean(bool value) override { return add(value); }
    bool number_integer(number_integer_t value) override { return add(value); }
    bool number_unsigned(number_unsigned_t value) override { return add(value); }
    bool number_float(number_float_t /*value*/, const string_t& text) override {
        return add(nlohmann::json{{kRawNumberTag, text}});
    }
    bool string(string_t& value) override { return add(value); }
    bool binary(binary_t& value) override { return add(nlohmann::json::binary(value)); }

    bool start_object(std::size_t /*elements*/) override { return open(nlohmann::json::object()); }
    bool key(string_t& value) override {
        key_ = value;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*elements*/) override { return open(nlohmann::json::array()); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) override {
        error_ = "invalid JSON at byte " + std::to_string(position) + ": " + error.what();
        return false;
    }

    nlohmann::json result;
    std::string error_;
    static constexpr const char* kRawNumberTag = "\x01raw-number";

private:
    bool add(nlohmann::json value) {
        if (stack_.empty()) {
            result = std::move(value);
        } else if (stack_.back()->is_object()) {
            (*stack_.back())[key_] = std::move(value);
        } else {
            stack_.back()->push_back(std::move(value));
        }
        return true;
    }

    bool open(nlohmann::json container) {
        if (stack_.size() >= kMaxDepth) {
            error_ = "the JSON nests deeper than " + std::to_string(kMaxDepth) + " levels";
            return false;
        }
        nlohmann::json* slot = nullptr;
        if (stack_.empty()) {
            result = std::move(container);
            slot = &result;
        } else if (stack_.back()->is_object()) {
            slot = &((*stack_.back())[key_] = std::move(container));
        } else {
            stack_.back()->push_back(std::move(container));
            slot = &stack_.back()->back();
        }
        stack_.push_back(slot);
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    static constexpr std::size_t kMaxDepth = 64;
    std::vector<nlohmann::json*> stack_;
    std::string key_;
};

bool is_raw_number(const nlohmann::json& value) {
    return value.is_object() && value.size() == 1 && value.contains(ExactNumberSax::kRawNumberTag);
}

const std::string& raw_number_text(const nlohmann::json& value) {
    return value.at(ExactNumberSax::kRawNumberTag).get_ref<const std::string&>();
}

// Converts a parsed member to the stored form of `field`.
nlohmann::json to_stored(const Field& field, const nlohmann::json& value) {
    const auto fail = [&](const std::string& expected) -> nlohmann::json {
        const std::string shown = is_raw_number(value) ? raw_number_text(value) : value.dump();
        throw ValidationError("field " + field.name + " expects " + expected + ", but the body gives " + shown);
    };
    if (value.is_null()) {
        return nullptr;
    }

    switch (field.type) {
    case FieldType::Decimal: {
        std::string text;
        if (is_raw_number(value)) {
            text = raw_number_text(value);
        } else if (value.is_number_integer()) {
            text = value.dump();
        } else if (value.is_string()) {
            text = value.get<std::string>();
        }
        if (text.find_first_of("eE") != std::string::npos || !detail::is_decimal_text(text)) {
            return fail("a decimal number such as 12.50");
        }
        return text;
    }
    case FieldType::Double:
        if (is_raw_number(value)) {
            return std::stod(raw_number_text(value));
        }
        if (value.is_number()) {
            return value.get<double>();
        }
        return fail("a number");
    case FieldType::Int32:
    case FieldType::Int64:
        if (is_raw_number(value)) {
            return fail("an integer");
        }
        return value;
    default:
        if (is_raw_number(value)) {
            return fail("a " + std::string(field_type_name(field.type)) + " value");
        }
        return value;
    }
}

}  // namespace

Row parse_row_body(std::string_view body, const EntityType& type) {
    ExactNumberSax sax;
    const bool parsed = nlohmann::json::sax_parse(body.begin(), body.end(), &sax);
    if (!parsed) {
        throw ValidationError("the request body is not valid JSON (" + sax.error_ + "); send a JSON object of fields");
    }
    if (!sax.result.is_object()) {
        throw ValidationError("the request body must be a JSON object of fields, but it is " +
                              std::string(sax.result.type_name()));
    }

    Row row = Row::object();
    for (const auto& [name, value] : sax.result.items()) {
        if (name.rfind("odata.", 0) == 0 || name.rfind("@odata.", 0) == 0) {
            continue;
        }
        const Field* field = type.find_field(name);
        if (field == nullptr) {
            throw ValidationError("field " + name + " is not a field of " + type.name() + " (names are case-sensitive)");
        }
        nlohmann::json stored = to_stored(*field, value);
        if (auto problem = detail::stored_value_problem(*field, stored)) {
            throw ValidationError("field " + name + " has an invalid value: " + *problem);
        }
        row[name] = std::move(stored);
    }
    return row;
}

}  // namespace epicor::testing
