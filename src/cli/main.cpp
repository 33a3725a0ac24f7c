// epicor: the command-line tool of the Epicor Kinetic client library. Lists
// services and entity sets, describes columns, queries entity sets and
// BAQs, calls business object methods and Epicor Functions, and runs the
// Azure AD sign-in procedures.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/oauth_commands.hpp"

#include <epicor/error.hpp>
#include <epicor/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <string>

namespace {

using namespace epicor::cli;

constexpr const char* kDescription =
    "Command-line client for the Epicor Kinetic REST API.\n\n"
    "The connection string comes from --connection, else --connection-file, else the\n"
    "EPICOR_CONNECTION environment variable. Prefer the file or the variable:\n"
    "--connection puts the password and API key in your shell history and in the\n"
    "process list.";

// Maps a --format name to the enum's number, which CLI11 then converts, and
// names the accepted values when the name is unknown.
CLI::Validator format_names() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            static const std::map<std::string, OutputFormat> formats{
                {"table", OutputFormat::table}, {"csv", OutputFormat::csv}, {"jsonl", OutputFormat::jsonl}};
            std::string name = text;
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            const auto format = formats.find(name);
            if (format == formats.end()) {
                return "unknown format '" + text + "'; use table, csv or jsonl";
            }
            text = std::to_string(static_cast<int>(format->second));
            return {};
        },
        "");
}

// Accepts a whole number of 0 or more, with a message that shows the
// accepted range in words rather than CLI11's numeric limits.
CLI::Validator row_count() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::int64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [position, error] = std::from_chars(text.data(), end, value);
            if (error != std::errc() || position != end || value < 0) {
                return "'" + text + "' is not a valid row count; use a whole number of 0 or more";
            }
            return {};
        },
        "");
}

void add_output_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("--format,-f", global.format,
                   "Output format: table (aligned, for people), csv (RFC 4180, CRLF) or jsonl (one JSON object "
                   "per row, exact decimals)")
        ->transform(format_names())
        ->type_name("table|csv|jsonl")
        ->default_str("table");
    app.add_option("--output,-o", global.output_path,
                   "Write to FILE instead of stdout; the file appears only when the command succeeds");
    app.add_option("--max-width", global.max_cell_width,
                   "Widest table cell, in terminal columns; longer text is cut and ends in ...")
        ->check(CLI::Range(4, 100000))
        ->capture_default_str();
}

void add_connection_options(CLI::App& app, GlobalOptions& global) {
    auto* text = app.add_option("--connection,-c", global.connection.text,
                                "Connection string, e.g. \"URL=https://host;ERPInstance=Kinetic;...\". "
                                "WARNING: visible in shell history and the process list");
    auto* file = app.add_option("--connection-file", global.connection.file_path,
                                "File that contains the connection string (trailing newlines are ignored)");
    text->excludes(file);
    app.add_flag("--verbose,-v", global.connection.verbosity,
                 "Log more (Verbosity property); repeat up to 5 times. Without --log-file the log goes to stderr");
    app.add_option("--log-file", global.connection.log_file, "Append the log to FILE (Logfile property)");
}

void add_query_options(CLI::App& command, QueryArguments& arguments) {
    command.add_option("--select", arguments.select, "Fields to return, comma-separated, in this order")
        ->delimiter(',');
    command.add_option("--filter", arguments.filter,
                       "OData $filter expression, e.g. \"Country eq 'USA' and CreditLimit gt 1000\"");
    command.add_option("--order-by", arguments.order_by, "Sort order, e.g. \"Name desc, CustNum\"");
    command.add_option("--top", arguments.top, "Return at most N rows")->check(row_count())->type_name("N");
    command.add_option("--skip", arguments.skip, "Skip the first N rows")->check(row_count())->type_name("N");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{kDescription, "epicor"};
    app.set_version_flag("--version", std::string("epicor ") + epicor::version_string);
    app.require_subcommand(1);
    app.fallthrough();
    app.footer(exit_code_help());

    GlobalOptions global;
    add_connection_options(app, global);
    add_output_options(app, global);

    std::function<int()> run;

    auto* services = app.add_subcommand("services", "List the services the server offers");
    services->callback([&] { run = [&] { return run_services(global); }; });

    std::string service;
    auto* entity_sets = app.add_subcommand("entity-sets", "List the entity sets of a service");
    entity_sets->add_option("--service,-s", service, "Service, e.g. Erp.BO.CustomerSvc (default: the Service property)");
    entity_sets->callback([&] { run = [&] { return run_entity_sets(global, service); }; });

    std::string entity_set;
    auto* describe = app.add_subcommand("describe", "Show the columns of an entity set: name, Edm type, nullable, "
                                                    "precision, scale, max length, key");
    describe->add_option("SET", entity_set, "Entity set, e.g. Customers or Erp.BO.CustomerSvc/Customers")->required();
    describe->add_option("--service,-s", service, "Service of the entity set (default: the Service property)");
    describe->callback([&] { run = [&] { return run_describe(global, entity_set, service); }; });

    QueryArguments query_arguments;
    auto* query = app.add_subcommand("query", "Query an entity set");
    query->add_option("SET", query_arguments.target, "Entity set, e.g. Customers or Erp.BO.CustomerSvc/Customers")
        ->required();
    query->add_option("--service,-s", query_arguments.service, "Service of the entity set (default: the Service property)");
    add_query_options(*query, query_arguments);
    query->add_flag("--count", query_arguments.count, "Print the server's total row count on stderr");
    query->callback([&] { run = [&] { return run_query(global, query_arguments); }; });

    auto* baq = app.add_subcommand("baq", "Run a BAQ (Business Activity Query)");
    baq->add_option("ID", query_arguments.target, "BAQ id, e.g. zCustomer01")->required();
    baq->add_option("--param,-p", query_arguments.parameters,
                    "BAQ parameter as NAME=VALUE; repeat a NAME to pass a list parameter");
    add_query_options(*baq, query_arguments);
    baq->callback([&] { run = [&] { return run_baq(global, query_arguments); }; });

    std::vector<std::string> keys;
    std::vector<std::string> select;
    auto* get = app.add_subcommand("get", "Read one row by key");
    get->add_option("SET", entity_set, "Entity set, e.g. Customers or Erp.BO.CustomerSvc/Customers")->required();
    get->add_option("KEY", keys,
                    "Key parts in key order, company first. Digits are sent as a number, other text as a string; "
                    "quote with single quotes to force a string: \"'0042'\"")
        ->required();
    get->add_option("--service,-s", service, "Service of the entity set (default: the Service property)");
    get->add_option("--select", select, "Fields to return, comma-separated")->delimiter(',');
    get->callback([&] { run = [&] { return run_get(global, entity_set, keys, service, select); }; });

    std::string method;
    JsonInput input;
    auto* call = app.add_subcommand("call", "Call a business object method, e.g. Erp.BO.CustomerSvc GetByID");
    call->add_option("SERVICE", service, "Service, e.g. Erp.BO.CustomerSvc")->required();
    call->add_option("METHOD", method, "Method, e.g. GetByID")->required();
    auto* call_input = call->add_option("--input,-i", input.text, "Parameters as a JSON object; - reads stdin");
    call->add_option("--input-file", input.file_path, "File with the parameters as a JSON object; - reads stdin")
        ->excludes(call_input);
    call->callback([&] { run = [&] { return run_call(global, service, method, input); }; });

    std::string library;
    std::string function_name;
    bool staging = false;
    auto* function = app.add_subcommand("function", "Call an Epicor Function (REST v2)");
    function->add_option("LIBRARY", library, "Function library")->required();
    function->add_option("FUNCTION", function_name, "Function name")->required();
    function->add_flag("--staging", staging, "Call the staging version, which reaches functions not yet published");
    auto* function_input = function->add_option("--input,-i", input.text, "Request parameters as a JSON object; - reads stdin");
    function->add_option("--input-file", input.file_path, "File with the request parameters; - reads stdin")
        ->excludes(function_input);
    function->callback([&] { run = [&] { return run_function(global, library, function_name, staging, input); }; });

    auto* properties = app.add_subcommand("properties", "List the connection string properties and their meaning");
    properties->callback([&] { run = [&] { return run_properties(global); }; });

    add_oauth_commands(app, global, run);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kExitUsage;
    }

    install_interrupt_handler();
    try {
        return run();
    } catch (const std::exception& error) {
        std::cerr << "epicor: " << error.what() << '\n';
        return exit_code_for(error);
    }
}
