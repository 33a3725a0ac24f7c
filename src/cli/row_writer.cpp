#include "cli/row_writer.hpp"

#include "cli/text_width.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace epicor::cli {
namespace {

std::string json_string(const std::string& text) {
    // Invalid UTF-8 is replaced by U+FFFD instead of failing the export.
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_numeric(const Value& value) {
    const ValueType type = value.type();
    return type == ValueType::int64 || type == ValueType::decimal || type == ValueType::float64;
}

// Replaces control characters so one cell stays on one line.
std::string printable_cell(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned>(byte));
            out += escaped;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

class TableWriter final : public RowWriter {
public:
    TableWriter(OutputSink& sink, TableOptions options) : sink_(sink), options_(options) {}

    void begin(const std::vector<std::string>& columns) override {
        header_.clear();
        for (const auto& name : columns) {
            header_.push_back(truncate_to_width(printable_cell(name), options_.max_cell_width));
        }
        widths_.assign(columns.size(), 0);
        right_aligned_.assign(columns.size(), false);
        for (std::size_t i = 0; i < header_.size(); ++i) {
            widths_[i] = display_width(header_[i]);
        }
    }

    void row(const std::vector<Value>& values) override {
        std::vector<Cell> cells;
        cells.reserve(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            Cell cell;
            cell.text = values[i].is_null()
                            ? std::string(kTableNull)
                            : truncate_to_width(printable_cell(values[i].to_string()), options_.max_cell_width);
            cell.width = display_width(cell.text);
            if (i >= widths_.size()) {
                widths_.resize(i + 1, 0);
                right_aligned_.resize(i + 1, false);
                header_.resize(i + 1);
            }
            widths_[i] = std::max(widths_[i], cell.width);
            if (is_numeric(values[i])) {
                right_aligned_[i] = true;
            }
            cells.push_back(std::move(cell));
        }
        rows_.push_back(std::move(cells));
    }

    void finish() override {
        std::vector<Cell> header_cells;
        for (const auto& name : header_) {
            header_cells.push_back(Cell{name, display_width(name)});
        }
        write_line(header_cells, false);

        std::string rule;
        for (std::size_t i = 0; i < widths_.size(); ++i) {
            if (i > 0) {
                rule += "  ";
            }
            rule.append(widths_[i], '-');
        }
        sink_.write(rule);
        sink_.write('\n');

        for (const auto& cells : rows_) {
            write_line(cells, true);
        }
        if (options_.row_count_footer) {
            sink_.write("(" + std::to_string(rows_.size()) + (rows_.size() == 1 ? " row)\n" : " rows)\n"));
        }
        rows_.clear();
    }

private:
    struct Cell {
        std::string text;
        std::size_t width = 0;
    };

    void write_line(const std::vector<Cell>& cells, bool align_numbers) {
        std::string line;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) {
                line += "  ";
            }
            const std::size_t padding = widths_[i] - cells[i].width;
            const bool last = i + 1 == cells.size();
            if (align_numbers && right_aligned_[i]) {
                line.append(padding, ' ');
                line += cells[i].text;
            } else {
                line += cells[i].text;
                if (!last) {
                    line.append(padding, ' ');
                }
            }
        }
        line.push_back('\n');
        sink_.write(line);
    }

    OutputSink& sink_;
    TableOptions options_;
    std::vector<std::string> header_;
    std::vector<std::size_t> widths_;
    std::vector<bool> right_aligned_;
    std::vector<std::vector<Cell>> rows_;
};

class CsvWriter final : public RowWriter {
public:
    explicit CsvWriter(OutputSink& sink) : sink_(sink) {}

    void begin(const std::vector<std::string>& columns) override {
        std::string line;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) {
                line.push_back(',');
            }
            line += csv_field(Value(columns[i]));
        }
        line += "\r\n";
        sink_.write(line);
    }

    void row(const std::vector<Value>& values) override {
        line_.clear();
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) {
                line_.push_back(',');
            }
            line_ += csv_field(values[i]);
        }
        line_ += "\r\n";
        sink_.write(line_);
    }

    void finish() override { sink_.flush(); }

private:
    OutputSink& sink_;
    std::string line_;
};

class JsonLinesWriter final : public RowWriter {
public:
    explicit JsonLinesWriter(OutputSink& sink) : sink_(sink) {}

    void begin(const std::vector<std::string>& columns) override {
        keys_.clear();
        for (const auto& name : columns) {
            keys_.push_back(json_string(name) + ":");
        }
    }

    void row(const std::vector<Value>& values) override {
        line_.clear();
        line_.push_back('{');
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) {
                line_.push_back(',');
            }
            line_ += i < keys_.size() ? keys_[i] : json_string("column" + std::to_string(i + 1)) + ":";
            line_ += json_text(values[i]);
        }
        line_ += "}\n";
        sink_.write(line_);
    }

    void finish() override { sink_.flush(); }

private:
    OutputSink& sink_;
    std::vector<std::string> keys_;
    std::string line_;
};

}  // namespace

std::string csv_field(const Value& value) {
    if (value.is_null()) {
        return {};
    }
    const std::string text = value.to_string();
    // An empty string is written as "" so that it differs from null.
    const bool needs_quotes =
        text.empty() || text.find_first_of(",\"\r\n") != std::string::npos;
    if (!needs_quotes) {
        return text;
    }
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string json_text(const Value& value) {
    switch (value.type()) {
    case ValueType::null:
        return "null";
    case ValueType::boolean:
        return value.get<bool>() ? "true" : "false";
    case ValueType::int64:
        return std::to_string(value.get<std::int64_t>());
    case ValueType::decimal:
        // Decimal::to_string() writes plain notation with every digit, which
        // is a valid JSON number.
        return value.get<Decimal>().to_string();
    case ValueType::float64: {
        const double number = value.get<double>();
        // JSON has no NaN or infinity; write them as strings.
        if (!std::isfinite(number)) {
            return json_string(value.to_string());
        }
        return value.to_string();
    }
    case ValueType::json:
        return value.get<nlohmann::json>().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    case ValueType::string:
    case ValueType::date_time:
    case ValueType::guid:
    case ValueType::binary:
        break;
    }
    return json_string(value.to_string());
}

std::unique_ptr<RowWriter> make_row_writer(OutputFormat format, OutputSink& sink,
                                           TableOptions table_options) {
    switch (format) {
    case OutputFormat::csv:
        return std::make_unique<CsvWriter>(sink);
    case OutputFormat::jsonl:
        return std::make_unique<JsonLinesWriter>(sink);
    case OutputFormat::table:
        break;
    }
    return std::make_unique<TableWriter>(sink, table_options);
}

}  // namespace epicor::cli
