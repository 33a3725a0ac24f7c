#pragma once

// The epicor subcommands. Each returns the process exit code on success and
// throws epicor::Error (mapped to an exit code by main) on failure.

#include "cli/connection_source.hpp"
#include "cli/row_writer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace epicor::cli {

// Options every subcommand accepts.
struct GlobalOptions {
    ConnectionSource connection;
    OutputFormat format = OutputFormat::table;
    std::string output_path;  // empty: stdout
    std::size_t max_cell_width = 60;
};

// Arguments of `query` and `baq`.
struct QueryArguments {
    std::string target;   // entity set name, SERVICE/SET, or BAQ id
    std::string service;  // --service; empty means the Service property
    std::vector<std::string> select;
    std::string filter;
    std::string order_by;  // "Name desc, CustNum"
    std::int64_t top = -1;   // -1: no --top
    std::int64_t skip = -1;  // -1: no --skip
    bool count = false;
    std::vector<std::string> parameters;  // NAME=VALUE, for BAQs
};

// The source of a JSON request body: `--input TEXT`, `--input-file F`, or
// stdin when either is "-". An empty body means `{}`.
struct JsonInput {
    std::string text;
    std::string file_path;
};

int run_services(const GlobalOptions& global);
int run_entity_sets(const GlobalOptions& global, const std::string& service);
int run_describe(const GlobalOptions& global, const std::string& entity_set, const std::string& service);
int run_query(const GlobalOptions& global, const QueryArguments& arguments);
int run_baq(const GlobalOptions& global, const QueryArguments& arguments);
int run_get(const GlobalOptions& global, const std::string& entity_set, const std::vector<std::string>& keys,
            const std::string& service, const std::vector<std::string>& select);
int run_call(const GlobalOptions& global, const std::string& service, const std::string& method,
             const JsonInput& input);
int run_function(const GlobalOptions& global, const std::string& library, const std::string& function,
                 bool staging, const JsonInput& input);
int run_properties(const GlobalOptions& global);

// Converts one key part typed on the command line. An optional minus sign
// and digits that fit int64 give an integer. Text in single quotes gives the
// string between them, so '0042' stays the string 0042. Anything else is a
// string as written. Throws UsageError for an empty part.
Value parse_key_part(const std::string& text);

// Splits "Name desc, CustNum" into $orderby items. Throws UsageError naming
// the item when it has more than a field and a direction.
struct OrderItem {
    std::string field;
    bool descending = false;
};
std::vector<OrderItem> parse_order_by(const std::string& text);

}  // namespace epicor::cli
