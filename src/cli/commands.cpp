#include "cli/commands.hpp"

#include "cli/exit_codes.hpp"
#include "cli/file_reading.hpp"
#include "cli/interrupt.hpp"
#include "cli/output_sink.hpp"
#include "cli/progress.hpp"
#include "cli/usage_error.hpp"

#include <epicor/connection.hpp>
#include <epicor/error.hpp>
#include <epicor/property_catalog.hpp>

#include <cerrno>
#include <charconv>
#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

namespace epicor::cli {
namespace {

Connection open_connection(const GlobalOptions& global) {
    ConnectOptions options;
    // Without --log-file, --verbose sends the log to stderr.
    if (global.connection.verbosity > 0 && global.connection.log_file.empty()) {
        options.log_callback = [](const LogRecord& record) {
            std::cerr << "epicor: [" << static_cast<int>(record.level) << "] " << record.message << '\n';
        };
    }
    return connect(resolve_connection_string(global.connection), std::move(options));
}

TableOptions table_options(const GlobalOptions& global) {
    TableOptions options;
    options.max_cell_width = global.max_cell_width;
    return options;
}

// Resolves "Service/Set" or "Set" with --service into a service and set name.
std::pair<Service, std::string> resolve_entity_set(const Connection& connection, const std::string& target,
                                                   const std::string& service) {
    const auto slash = target.find('/');
    if (slash != std::string::npos) {
        if (!service.empty()) {
            throw UsageError("--service", "the entity set '" + target +
                                              "' already names a service; drop --service or the 'Service/' prefix");
        }
        return {connection.service(target.substr(0, slash)), target.substr(slash + 1)};
    }
    return {service.empty() ? connection.service() : connection.service(service), target};
}

std::vector<std::string> column_names(const std::vector<Column>& columns) {
    std::vector<std::string> names;
    names.reserve(columns.size());
    for (const auto& column : columns) {
        names.push_back(column.name);
    }
    return names;
}

// Writes a list of names as a one-column result.
int write_name_list(const GlobalOptions& global, const std::string& heading, const std::vector<std::string>& names) {
    OutputSink sink(global.output_path);
    auto writer = make_row_writer(global.format, sink, table_options(global));
    writer->begin({heading});
    for (const auto& name : names) {
        writer->row({Value(name)});
    }
    writer->finish();
    sink.commit();
    return kExitSuccess;
}

// Streams every row of `result` to the output, with a progress line on a
// terminal and a check for Ctrl-C between rows.
int write_result(const GlobalOptions& global, ResultSet& result, bool print_count) {
    OutputSink sink(global.output_path);
    auto writer = make_row_writer(global.format, sink, table_options(global));
    writer->begin(column_names(result.columns()));
    if (print_count) {
        const auto total = result.total_count();
        std::cerr << "Total count: " << (total ? std::to_string(*total) : std::string("not sent by the server"))
                  << '\n';
    }

    ProgressLine progress(ProgressLine::stderr_is_terminal());
    std::uint64_t rows = 0;
    while (result.next()) {
        writer->row(result.row().values());
        ++rows;
        progress.update(rows);
        if (interrupt_requested()) {
            throw CancelledError("interrupted after " + std::to_string(rows) + " rows" +
                                 (global.output_path.empty() ? std::string()
                                                             : "; '" + global.output_path + "' was not written"));
        }
    }
    progress.finish();
    writer->finish();
    sink.commit();
    return kExitSuccess;
}

void apply_query_options(Query& query, const QueryArguments& arguments) {
    if (!arguments.select.empty()) {
        query.select(arguments.select);
    }
    if (!arguments.filter.empty()) {
        query.filter(arguments.filter);
    }
    for (const auto& item : parse_order_by(arguments.order_by)) {
        if (item.descending) {
            query.order_by_descending(item.field);
        } else {
            query.order_by(item.field);
        }
    }
    if (arguments.top >= 0) {
        query.top(arguments.top);
    }
    if (arguments.skip >= 0) {
        query.skip(arguments.skip);
    }
    if (arguments.count) {
        query.count();
    }
}

// Adds NAME=VALUE BAQ parameters; a name given several times becomes a
// list parameter.
void apply_baq_parameters(Query& query, const std::vector<std::string>& parameters) {
    std::vector<std::pair<std::string, std::vector<Value>>> grouped;
    for (const auto& parameter : parameters) {
        const auto equals = parameter.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw UsageError("--param", "the BAQ parameter '" + parameter +
                                            "' is not NAME=VALUE; write for example --param CustID=ADDISON");
        }
        std::string name = parameter.substr(0, equals);
        Value value(parameter.substr(equals + 1));
        auto existing = std::find_if(grouped.begin(), grouped.end(),
                                     [&](const auto& entry) { return entry.first == name; });
        if (existing == grouped.end()) {
            grouped.push_back({std::move(name), {std::move(value)}});
        } else {
            existing->second.push_back(std::move(value));
        }
    }
    for (auto& [name, values] : grouped) {
        if (values.size() == 1) {
            query.parameter(name, std::move(values.front()));
        } else {
            query.parameter(name, std::move(values));
        }
    }
}

nlohmann::json read_json_input(const JsonInput& input) {
    std::string text;
    std::string origin;
    if (input.text == "-" || input.file_path == "-") {
        origin = "standard input";
        try {
            text = read_standard_input();
        } catch (const std::system_error& error) {
            throw UsageError(input.file_path == "-" ? "--input-file" : "--input",
                             "cannot read standard input: " + error.code().message());
        }
    } else if (!input.file_path.empty()) {
        try {
            text = read_whole_file(input.file_path);
        } catch (const std::system_error& error) {
            throw UsageError("--input-file", "cannot read the input file '" + input.file_path + "': " +
                                                 error.code().message() + "; pass the path of a readable file");
        }
        origin = "the input file '" + input.file_path + "'";
    } else {
        text = input.text;
        origin = "--input";
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return nlohmann::json::object();
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw UsageError(input.file_path.empty() ? "--input" : "--input-file",
                         "the JSON in " + origin + " is invalid (" + error.what() +
                             "); pass a JSON object such as {\"custNum\": 12}");
    }
}

int write_json(const GlobalOptions& global, const nlohmann::json& document) {
    OutputSink sink(global.output_path);
    const int indent = global.format == OutputFormat::jsonl ? -1 : 2;
    sink.write(document.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
    sink.write('\n');
    sink.commit();
    return kExitSuccess;
}

Value optional_int(const std::optional<int>& number) {
    return number ? Value(*number) : Value();
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

}  // namespace

Value parse_key_part(const std::string& text) {
    if (text.empty()) {
        throw UsageError("KEY", "a key part is empty; pass each part of the key as its own argument, "
                                "and write an empty string as ''");
    }
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
        return Value(text.substr(1, text.size() - 2));
    }
    std::int64_t number = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const auto [position, error] = std::from_chars(begin, end, number);
    if (error == std::errc() && position == end && text.front() != '+') {
        return Value(number);
    }
    return Value(text);
}

std::vector<OrderItem> parse_order_by(const std::string& text) {
    std::vector<OrderItem> items;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        std::stringstream words(item);
        std::string field;
        std::string direction;
        std::string extra;
        words >> field >> direction >> extra;
        if (field.empty()) {
            continue;
        }
        if (!extra.empty() || (!direction.empty() && direction != "asc" && direction != "desc")) {
            throw UsageError("--order-by", "the item '" + item +
                                           "' is invalid; write FIELD, FIELD asc or FIELD desc, separated by commas");
        }
        items.push_back(OrderItem{field, direction == "desc"});
    }
    return items;
}

int run_services(const GlobalOptions& global) {
    const Connection connection = open_connection(global);
    return write_name_list(global, "Service", connection.services());
}

int run_entity_sets(const GlobalOptions& global, const std::string& service) {
    const Connection connection = open_connection(global);
    const Service target = service.empty() ? connection.service() : connection.service(service);
    return write_name_list(global, "EntitySet", target.entity_sets());
}

int run_describe(const GlobalOptions& global, const std::string& entity_set, const std::string& service) {
    const Connection connection = open_connection(global);
    const auto [target_service, name] = resolve_entity_set(connection, entity_set, service);
    const std::vector<Column> columns = target_service.columns(name);

    OutputSink sink(global.output_path);
    auto writer = make_row_writer(global.format, sink, table_options(global));
    writer->begin({"Name", "Type", "Nullable", "Precision", "Scale", "MaxLength", "Key"});
    for (const auto& column : columns) {
        writer->row({Value(column.name), Value(column.type_name), Value(column.nullable),
                     optional_int(column.precision), optional_int(column.scale), optional_int(column.max_length),
                     Value(column.is_key)});
    }
    writer->finish();
    sink.commit();
    return kExitSuccess;
}

int run_query(const GlobalOptions& global, const QueryArguments& arguments) {
    const Connection connection = open_connection(global);
    const auto [service, name] = resolve_entity_set(connection, arguments.target, arguments.service);
    Query query = service.entity_set(name).query();
    apply_query_options(query, arguments);
    ResultSet result = query.execute();
    return write_result(global, result, arguments.count);
}

int run_baq(const GlobalOptions& global, const QueryArguments& arguments) {
    const Connection connection = open_connection(global);
    Query query = connection.baq(arguments.target).query();
    apply_query_options(query, arguments);
    apply_baq_parameters(query, arguments.parameters);
    ResultSet result = query.execute();
    return write_result(global, result, arguments.count);
}

int run_get(const GlobalOptions& global, const std::string& entity_set, const std::vector<std::string>& keys,
            const std::string& service, const std::vector<std::string>& select) {
    EntityKey key;
    for (const auto& part : keys) {
        key.push_back(parse_key_part(part));
    }
    const Connection connection = open_connection(global);
    const auto [target_service, name] = resolve_entity_set(connection, entity_set, service);
    const Row row = target_service.entity_set(name).get(key, select);

    OutputSink sink(global.output_path);
    auto writer = make_row_writer(global.format, sink, table_options(global));
    writer->begin(column_names(row.columns()));
    writer->row(row.values());
    writer->finish();
    sink.commit();
    return kExitSuccess;
}

int run_call(const GlobalOptions& global, const std::string& service, const std::string& method,
             const JsonInput& input) {
    const nlohmann::json parameters = read_json_input(input);
    const Connection connection = open_connection(global);
    const MethodResult result = connection.service(service).call(method, parameters);
    nlohmann::json document = nlohmann::json::object();
    document["returnObj"] = result.return_value;
    document["parameters"] = result.parameters;
    return write_json(global, document);
}

int run_function(const GlobalOptions& global, const std::string& library, const std::string& function,
                 bool staging, const JsonInput& input) {
    const nlohmann::json parameters = read_json_input(input);
    const Connection connection = open_connection(global);
    return write_json(global, connection.function(library, function, staging).call(parameters));
}

int run_properties(const GlobalOptions& global) {
    OutputSink sink(global.output_path);
    auto writer = make_row_writer(global.format, sink, table_options(global));
    writer->begin({"Name", "Aliases", "Group", "Type", "Default", "AllowedValues", "Sensitive", "Help"});
    for (const PropertyInfo& property : PropertyCatalog::all()) {
        writer->row({Value(property.name), Value(join(property.aliases, ", ")), Value(property.group),
                     Value(std::string(to_string(property.type))), Value(property.default_value),
                     Value(join(property.allowed_values, ", ")), Value(property.sensitive), Value(property.help)});
    }
    writer->finish();
    sink.commit();
    return kExitSuccess;
}

}  // namespace epicor::cli
