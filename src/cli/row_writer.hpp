#pragma once

// Writers that format rows as an aligned table, CSV or JSON Lines.

#include "cli/output_sink.hpp"

#include <epicor/value.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace epicor::cli {

enum class OutputFormat {
    table,  // aligned columns for people; buffers every row to measure widths
    csv,    // RFC 4180: CRLF line ends, fields quoted when needed, null as an empty field
    jsonl,  // one JSON object per row; decimals keep the digits the server sent
};

// Text shown for null in table output.
inline constexpr const char* kTableNull = "NULL";

// Receives the column names once, then rows of values in column order.
class RowWriter {
public:
    virtual ~RowWriter() = default;

    virtual void begin(const std::vector<std::string>& columns) = 0;
    // Throws epicor::Error when a write to the sink fails.
    virtual void row(const std::vector<Value>& values) = 0;
    // Writes what is still buffered (the whole table, for the table format).
    virtual void finish() = 0;
};

struct TableOptions {
    // Cells wider than this many display columns are cut and end in "…".
    std::size_t max_cell_width = 60;
    // Prints "(N rows)" after the table.
    bool row_count_footer = true;
};

std::unique_ptr<RowWriter> make_row_writer(OutputFormat format, OutputSink& sink,
                                           TableOptions table_options = {});

// Formats one value as a CSV field (without the separator).
std::string csv_field(const Value& value);

// Formats one value as JSON text: a Decimal as a JSON number with exactly
// its digits, a date, GUID or binary as a JSON string, nested JSON as is.
std::string json_text(const Value& value);

}  // namespace epicor::cli
