// Business-object methods: GetByID, GetBySysRowID, GetList, GetRows and
// UpdateExt, answered as {"returnObj": ..., "parameters": {...}}.

#include "testing/epicor_error_body.hpp"
#include "testing/server_state.hpp"

#include <epicor/testing/json_writer.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <algorithm>
#include <cctype>

namespace epicor::testing {
namespace {

constexpr const char* kBusinessObjectType = "Ice.Common.BusinessObjectException";

// Builds a JSON tree in which every number with a fraction or exponent is
// kept as its source text (a JSON string), so decimals keep every digit.
class DecimalKeepingBuilder {
public:
    using json = nlohmann::json;

    explicit DecimalKeepingBuilder(json& root) : root_(root) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(json::number_integer_t value) { return add(value); }
    bool number_unsigned(json::number_unsigned_t value) { return add(value); }
    bool number_float(json::number_float_t, const json::string_t& text) { return add(text); }
    bool string(json::string_t& value) { return add(value); }
    bool binary(json::binary_t& value) { return add(json::binary(value)); }
    bool start_object(std::size_t) { return open(json::object()); }
    bool key(json::string_t& name) {
        key_ = name;
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    json* place(json value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        parent[key_] = std::move(value);
        return &parent[key_];
    }
    bool add(json value) {
        place(std::move(value));
        return true;
    }
    bool open(json value) {
        stack_.push_back(place(std::move(value)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    json& root_;
    std::vector<json*> stack_;
    std::string key_;
};

nlohmann::json parse_body_keeping_decimals(const std::string& body) {
    nlohmann::json root;
    if (body.empty()) {
        return nlohmann::json::object();
    }
    DecimalKeepingBuilder builder(root);
    if (!nlohmann::json::sax_parse(body, &builder, nlohmann::json::input_format_t::json, false) || !root.is_object()) {
        throw MockError(400, kApiExceptionType, "The request body is not a JSON object of method parameters.");
    }
    return root;
}

// Turns a tableset row back into text parse_row_body() accepts: numbers kept
// as text are restored as numbers unless the field is a decimal (which
// accepts a string) or a string field.
std::string row_text_for(const EntityType& type, nlohmann::json row) {
    for (auto& [name, value] : row.items()) {
        const Field* field = type.find_field(name);
        if (field == nullptr || !value.is_string()) {
            continue;
        }
        if (field->type == FieldType::Double || field->type == FieldType::Int32 || field->type == FieldType::Int64) {
            const auto number = nlohmann::json::parse(value.get<std::string>(), nullptr, false);
            if (!number.is_discarded() && number.is_number()) {
                value = number;
            }
        }
    }
    return row.dump();
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Finds a method parameter by name, ignoring case (Kinetic's parameter
// names are camelCase forms of field names, e.g. custNum for CustNum).
const nlohmann::json* find_parameter(const nlohmann::json& parameters, const std::string& name) {
    const std::string wanted = lower(name);
    for (const auto& [key, value] : parameters.items()) {
        if (lower(key) == wanted) {
            return &value;
        }
    }
    return nullptr;
}

std::size_t size_parameter(const nlohmann::json& parameters, const char* name) {
    const nlohmann::json* value = find_parameter(parameters, name);
    if (value == nullptr || value->is_null()) {
        return 0;
    }
    if (value->is_number_integer() && value->get<long long>() >= 0) {
        return value->get<std::size_t>();
    }
    if (value->is_string()) {
        const std::string& text = value->get_ref<const std::string&>();
        if (!text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
            return static_cast<std::size_t>(std::stoull(text));
        }
    }
    throw MockError(400, kBusinessObjectType, std::string("The parameter ") + name + " must be a non-negative integer.");
}

// Translates the subset of Epicor's SQL-like whereClause that tests use into
// an OData $filter: comparisons (= <> < <= > >=), AND, OR, NOT,
// parentheses, 'strings' and numbers, LIKE 'x%' (startswith), and
// Table.Field names. An empty clause gives an empty filter.
std::string where_clause_to_filter(const std::string& clause) {
    std::string filter;
    std::size_t i = 0;
    while (i < clause.size()) {
        const char c = clause[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '\'') {
            std::size_t end = i + 1;
            while (end < clause.size()) {
                if (clause[end] == '\'' && end + 1 < clause.size() && clause[end + 1] == '\'') {
                    end += 2;
                } else if (clause[end] == '\'') {
                    break;
                } else {
                    ++end;
                }
            }
            if (end >= clause.size()) {
                throw MockError(400, kBusinessObjectType, "The whereClause has an unterminated string: " + clause);
            }
            filter += clause.substr(i, end - i + 1) + " ";
            i = end + 1;
            continue;
        }
        if (c == '(' || c == ')') {
            filter += c;
            filter += ' ';
            ++i;
            continue;
        }
        static const std::pair<const char*, const char*> operators[] = {
            {"<>", "ne"}, {"<=", "le"}, {">=", "ge"}, {"=", "eq"}, {"<", "lt"}, {">", "gt"}};
        bool matched = false;
        for (const auto& [symbol, name] : operators) {
            if (clause.compare(i, std::char_traits<char>::length(symbol), symbol) == 0) {
                filter += std::string(name) + " ";
                i += std::char_traits<char>::length(symbol);
                matched = true;
                break;
            }
        }
        if (matched) {
            continue;
        }
        std::size_t end = i;
        while (end < clause.size() &&
               (std::isalnum(static_cast<unsigned char>(clause[end])) || clause[end] == '_' || clause[end] == '.' ||
                clause[end] == '-')) {
            ++end;
        }
        if (end == i) {
            throw MockError(400, kBusinessObjectType,
                            "The whereClause has an unexpected character '" + std::string(1, c) + "': " + clause);
        }
        std::string word = clause.substr(i, end - i);
        const std::string upper_word = [&] {
            std::string u = word;
            std::transform(u.begin(), u.end(), u.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
            return u;
        }();
        i = end;
        if (upper_word == "AND" || upper_word == "OR" || upper_word == "NOT") {
            filter += lower(word) + " ";
            continue;
        }
        if (upper_word == "LIKE") {
            // field LIKE 'abc%' -> startswith(field,'abc')
            const std::size_t last_space = filter.find_last_of(' ', filter.size() - 2);
            const std::string field = filter.substr(last_space == std::string::npos ? 0 : last_space + 1);
            filter.erase(last_space == std::string::npos ? 0 : last_space + 1);
            while (i < clause.size() && std::isspace(static_cast<unsigned char>(clause[i]))) {
                ++i;
            }
            const std::size_t close = clause.find('\'', i + 1);
            if (i >= clause.size() || clause[i] != '\'' || close == std::string::npos || clause[close - 1] != '%') {
                throw MockError(400, kBusinessObjectType, "LIKE takes a pattern 'prefix%' in this mock: " + clause);
            }
            const std::string prefix = clause.substr(i + 1, close - i - 2);
            std::string trimmed_field = field;
            while (!trimmed_field.empty() && trimmed_field.back() == ' ') {
                trimmed_field.pop_back();
            }
            filter += "startswith(" + trimmed_field + ",'" + prefix + "') ";
            i = close + 1;
            continue;
        }
        const std::size_t dot = word.find('.');
        if (dot != std::string::npos && !std::isdigit(static_cast<unsigned char>(word[0]))) {
            word = word.substr(dot + 1);
        }
        filter += word + " ";
    }
    while (!filter.empty() && filter.back() == ' ') {
        filter.pop_back();
    }
    return filter;
}

struct MethodCall {
    RouteContext& context;
    const ServiceInfo& service;
    nlohmann::json parameters;
};

const EntitySetInfo& primary_set(const ServiceInfo& service) {
    if (service.entity_sets.empty()) {
        throw MockError(404, kApiExceptionType, "The service " + service.name + " has no tables.");
    }
    return service.entity_sets.front();
}

}  // namespace

void MockKineticServer::Impl::route_bo_method(RouteContext& context, const ServiceInfo& service,
                                              const std::string& method) {
    static const std::vector<std::string> read_only{"GetByID", "GetBySysRowID", "GetList", "GetRows"};
    const bool is_read_only = std::find(read_only.begin(), read_only.end(), method) != read_only.end();
    if (!is_read_only && method != "UpdateExt") {
        throw MockError(404, kApiExceptionType,
                        "'" + method + "' is neither an entity set nor a method of " + service.name +
                            ". Names are case-sensitive; this mock serves GetByID, GetBySysRowID, GetList, GetRows and UpdateExt.");
    }

    nlohmann::json parameters = nlohmann::json::object();
    if (context.request.method == "POST") {
        parameters = parse_body_keeping_decimals(context.request.body);
    } else if (context.request.method == "GET" && is_read_only) {
        for (const auto& [name, value] : context.request.params) {
            if (name != "api-key" && name != "Company") {
                parameters[name] = value;
            }
        }
    } else {
        throw MockError(405, kApiExceptionType,
                        method + " takes " + (is_read_only ? "GET or POST" : "POST") + ", not " + context.request.method + ".");
    }

    const EntitySetInfo& primary = primary_set(service);
    const std::shared_ptr<Table> table = data->find_table(service.name, primary.name);
    const EntityType& type = table->type();
    const ODataVersion version = context.version;

    // Rows of the primary table as a tableset member: {"Customer": [...]}.
    const auto tableset_with = [&](const std::vector<Row>& rows, const std::string& suffix) {
        return "{\"" + type.name() + suffix + "\":" + write_rows(type, rows, version) + "}";
    };

    if (method == "GetByID" || method == "GetBySysRowID") {
        std::optional<Row> row;
        if (method == "GetByID") {
            Key key;
            for (const Field* field : type.key_fields()) {
                if (field->name == "Company") {
                    key.emplace_back(context.company);
                    continue;
                }
                const nlohmann::json* value = find_parameter(parameters, field->name);
                if (value == nullptr) {
                    throw MockError(400, kBusinessObjectType, "GetByID needs the parameter " + field->name + ".");
                }
                if (value->is_string() && (field->type == FieldType::Int32 || field->type == FieldType::Int64)) {
                    const auto number = nlohmann::json::parse(value->get<std::string>(), nullptr, false);
                    if (number.is_discarded() || !number.is_number_integer()) {
                        throw MockError(400, kBusinessObjectType, "The parameter " + field->name + " must be an integer.");
                    }
                    key.push_back(number);
                } else {
                    key.push_back(*value);
                }
            }
            row = table->find(key);
        } else {
            const nlohmann::json* id = find_parameter(parameters, "id");
            if (id == nullptr || !id->is_string()) {
                throw MockError(400, kBusinessObjectType, "GetBySysRowID needs the parameter id (a GUID string).");
            }
            QueryOptions query;
            query.filter = std::string(kSysRowId) + " eq " + (version == ODataVersion::v1 ? "guid'" + id->get<std::string>() + "'" : id->get<std::string>());
            query.top = 1;
            const auto result = execute_query(*table, query, QuerySettings{version, 1, 1});
            if (!result.rows.empty()) {
                row = result.rows.front();
            }
        }
        if (!row) {
            throw NotFoundError("Record not found.");
        }
        send_json(context.response, 200,
                  "{\"returnObj\":" + tableset_with({*row}, "") + ",\"parameters\":{}}");
        return;
    }

    if (method == "GetList" || method == "GetRows") {
        const std::string clause_name = method == "GetList" ? "whereClause" : "whereClause" + type.name();
        const nlohmann::json* clause = find_parameter(parameters, clause_name);
        const std::size_t page_size = size_parameter(parameters, "pageSize");
        const std::size_t absolute_page = size_parameter(parameters, "absolutePage");

        QueryOptions query;
        if (clause != nullptr && clause->is_string() && !clause->get<std::string>().empty()) {
            query.filter = where_clause_to_filter(clause->get<std::string>());
        }
        // absolutePage counts from 1; 0 also means the first page.
        const std::size_t page_index = absolute_page > 0 ? absolute_page - 1 : 0;
        QuerySettings settings{version, table->size() + 1, std::nullopt};
        if (page_size > 0) {
            query.skip = page_index * page_size;
            query.top = page_size + 1;  // one extra row tells whether another page exists
        }
        QueryResult result = execute_query(*table, query, settings);
        bool more_page = false;
        if (page_size > 0 && result.rows.size() > page_size) {
            more_page = true;
            result.rows.resize(page_size);
        }
        const std::string parameters_text = nlohmann::json{{"morePage", more_page}}.dump();
        send_json(context.response, 200,
                  "{\"returnObj\":" + tableset_with(result.rows, method == "GetList" ? "List" : "") +
                      ",\"parameters\":" + parameters_text + "}");
        return;
    }

    // UpdateExt: apply RowMod A/U/D per row of each table in ds.
    const nlohmann::json* dataset_parameter = find_parameter(parameters, "ds");
    if (dataset_parameter == nullptr || !dataset_parameter->is_object()) {
        throw MockError(400, kBusinessObjectType, "UpdateExt needs the parameter ds, a tableset object.");
    }
    const nlohmann::json* continue_parameter = find_parameter(parameters, "continueProcessingOnError");
    const bool continue_on_error = continue_parameter != nullptr && continue_parameter->is_boolean() &&
                                   continue_parameter->get<bool>();

    std::string result_tables;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& [table_name, rows] : dataset_parameter->items()) {
        std::shared_ptr<Table> target;
        for (const auto& set : service.entity_sets) {
            if (set.type && set.type->name() == table_name) {
                target = data->find_table(service.name, set.name);
            }
        }
        if (!target) {
            if (rows.is_array() && rows.empty()) {
                continue;
            }
            throw MockError(400, kBusinessObjectType, "The tableset has no table '" + table_name + "' in " + service.name + ".");
        }
        if (!rows.is_array()) {
            throw MockError(400, kBusinessObjectType, "ds." + table_name + " must be an array of rows.");
        }
        std::vector<Row> written;
        for (nlohmann::json row : rows) {
            if (!row.is_object()) {
                throw MockError(400, kBusinessObjectType, "Each row of ds." + table_name + " must be a JSON object.");
            }
            const std::string row_mod = row.contains("RowMod") && row["RowMod"].is_string() ? row["RowMod"].get<std::string>() : "";
            row.erase("RowMod");
            try {
                if (row_mod == "A") {
                    Row parsed = parse_row_body(row_text_for(target->type(), row), target->type());
                    if (target->type().find_field("Company") != nullptr && (!parsed.contains("Company") || parsed["Company"].is_null())) {
                        parsed["Company"] = context.company;
                    }
                    written.push_back(target->insert(std::move(parsed)));
                } else if (row_mod == "U") {
                    const Row parsed = parse_row_body(row_text_for(target->type(), row), target->type());
                    written.push_back(target->update(target->key_of(parsed), parsed));
                } else if (row_mod == "D") {
                    const Row parsed = parse_row_body(row_text_for(target->type(), row), target->type());
                    target->remove(target->key_of(parsed));
                } else if (!row_mod.empty()) {
                    throw ValidationError("RowMod '" + row_mod + "' is invalid; use A, U, D or an empty string.");
                }
            } catch (const MockError& error) {
                if (!continue_on_error) {
                    throw;
                }
                errors.push_back({{"TableName", table_name},
                                  {"ErrorLevel", "Error"},
                                  {"ErrorType", error.error_type()},
                                  {"ErrorText", error.what()},
                                  {"ErrorRowIdent", row.contains(kSysRowId) ? row[kSysRowId] : nlohmann::json("")}});
            }
        }
        if (!result_tables.empty()) {
            result_tables += ",";
        }
        result_tables += "\"" + table_name + "\":" + write_rows(target->type(), written, version);
    }
    const nlohmann::json return_object{{"BOUpdError", errors}};
    send_json(context.response, 200,
              "{\"returnObj\":" + return_object.dump() + ",\"parameters\":{\"ds\":{" + result_tables +
                  "},\"errorsOccurred\":" + (errors.empty() ? "false" : "true") + "}}");
}

}  // namespace epicor::testing
