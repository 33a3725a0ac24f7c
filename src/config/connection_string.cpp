#include <epicor/connection_string.hpp>

#include <epicor/error.hpp>
#include <epicor/property_catalog.hpp>

#include "config/text.hpp"

#include <algorithm>
#include <utility>

namespace epicor {
namespace {

using config::shorten_for_message;

constexpr std::string_view kWholeString = "connection string";
constexpr std::string_view kRedacted = "********";

// Splits the text into entries and records every syntax problem. Positions in
// messages are byte offsets from 0.
class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    void run() {
        while (i_ < text_.size()) {
            if (config::is_ascii_space(text_[i_]) || text_[i_] == ';') {
                ++i_;
                continue;
            }
            if (!parse_pair()) {
                return;  // An unterminated value swallowed the rest of the text.
            }
        }
    }

    std::vector<ConfigProblem> problems;
    std::vector<ConnectionString::Entry> pairs;

private:
    // Parses one `Name=Value` starting at i_. Returns false when the scan
    // must stop.
    bool parse_pair() {
        const std::size_t name_start = i_;
        const std::size_t separator = text_.find_first_of("=;", i_);
        if (separator == std::string_view::npos || text_[separator] == ';') {
            problems.push_back({std::string(kWholeString),
                                "text without '=' at position " + std::to_string(name_start) +
                                    "; write Name=Value, and quote a value that contains ';'"});
            i_ = separator == std::string_view::npos ? text_.size() : separator + 1;
            return true;
        }

        const std::string_view name = config::trim(text_.substr(name_start, separator - name_start));
        bool name_valid = true;
        if (name.empty()) {
            problems.push_back({std::string(kWholeString),
                                "'=' without a name at position " + std::to_string(separator) +
                                    "; write Name=Value"});
            name_valid = false;
        } else {
            for (std::size_t k = 0; k < name.size(); ++k) {
                if (config::is_control(name[k])) {
                    const std::size_t at = static_cast<std::size_t>(name.data() - text_.data()) + k;
                    problems.push_back({std::string(kWholeString),
                                        "control character in a property name at position " +
                                            std::to_string(at) + "; remove it"});
                    name_valid = false;
                    break;
                }
            }
        }

        i_ = separator + 1;
        while (i_ < text_.size() && config::is_ascii_space(text_[i_])) {
            ++i_;
        }

        ConnectionString::Entry entry;
        entry.name = std::string(name);
        entry.position = static_cast<std::size_t>(name.data() - text_.data());
        const std::string display_name = name_valid ? shorten_for_message(name) : std::string(kWholeString);
        if (!parse_value(entry, display_name)) {
            return false;
        }
        if (name_valid) {
            pairs.push_back(std::move(entry));
        }
        return true;
    }

    bool parse_value(ConnectionString::Entry& entry, const std::string& display_name) {
        if (i_ < text_.size() && (text_[i_] == '"' || text_[i_] == '\'')) {
            const char quote = text_[i_];
            entry.quoting = quote == '"' ? ValueQuoting::double_quotes : ValueQuoting::single_quotes;
            return parse_enclosed(entry, display_name, quote, quote);
        }
        if (i_ < text_.size() && text_[i_] == '{') {
            entry.quoting = ValueQuoting::braces;
            return parse_enclosed(entry, display_name, '{', '}');
        }

        const std::size_t end = std::min(text_.find(';', i_), text_.size());
        entry.value = std::string(config::trim(text_.substr(i_, end - i_)));
        i_ = end;
        return true;
    }

    // Reads a value enclosed in `open`...`close`, where a doubled `close` is
    // one literal `close`.
    bool parse_enclosed(ConnectionString::Entry& entry, const std::string& display_name, char open,
                        char close) {
        const std::size_t start = i_;
        std::size_t k = i_ + 1;
        for (;;) {
            const std::size_t found = text_.find(close, k);
            if (found == std::string_view::npos) {
                const std::string opening = open == '{' ? "brace '{'" : std::string("quote ") + open;
                problems.push_back(
                    {display_name, "the value starting at position " + std::to_string(start) +
                                       " has no closing " + close + " for its opening " + opening +
                                       "; add the closing " + close + " and write a " + close +
                                       " inside the value as " + close + close});
                return false;
            }
            entry.value.append(text_.substr(k, found - k));
            if (found + 1 < text_.size() && text_[found + 1] == close) {
                entry.value.push_back(close);
                k = found + 2;
                continue;
            }
            i_ = found + 1;
            break;
        }

        while (i_ < text_.size() && config::is_ascii_space(text_[i_])) {
            ++i_;
        }
        if (i_ < text_.size() && text_[i_] != ';') {
            problems.push_back({display_name, "unexpected text at position " + std::to_string(i_) +
                                                  " after the closing " + close +
                                                  "; end the value with ';' after the closing " +
                                                  close + ", or enclose the whole value"});
            const std::size_t next = text_.find(';', i_);
            i_ = next == std::string_view::npos ? text_.size() : next;
        }
        return true;
    }

    std::string_view text_;
    std::size_t i_ = 0;
};

void check_name_for_set(std::string_view name) {
    const std::string_view trimmed = config::trim(name);
    bool valid = !trimmed.empty() && trimmed.size() == name.size();
    for (const char c : name) {
        if (c == '=' || c == ';' || config::is_control(c)) {
            valid = false;
        }
    }
    if (!valid || config::find_invalid_utf8(name) != std::string_view::npos) {
        throw ConfigError(std::string(kWholeString),
                          "invalid property name \"" + shorten_for_message(name) +
                              "\"; a name must be non-empty valid UTF-8 without '=', ';', control "
                              "characters, or leading or trailing whitespace");
    }
}

}  // namespace

ConnectionString ConnectionString::parse(std::string_view text) {
    const std::size_t invalid = config::find_invalid_utf8(text);
    if (invalid != std::string_view::npos) {
        throw ConfigError(std::string(kWholeString),
                          "invalid UTF-8 at byte position " + std::to_string(invalid) +
                              "; save or pass the connection string as UTF-8");
    }

    Parser parser(text);
    parser.run();
    if (!parser.problems.empty()) {
        throw ConfigError(std::move(parser.problems));
    }

    ConnectionString result;
    for (auto& entry : parser.pairs) {
        const std::string key = config::to_lower_ascii(entry.name);
        const auto found = result.index_.find(key);
        if (found == result.index_.end()) {
            result.index_.emplace(key, result.entries_.size());
            result.entries_.push_back(std::move(entry));
        } else {
            Entry& existing = result.entries_[found->second];
            existing.name = std::move(entry.name);
            existing.value = std::move(entry.value);
            existing.quoting = entry.quoting;
        }
    }
    return result;
}

const ConnectionString::Entry* ConnectionString::find(std::string_view name) const {
    const auto found = index_.find(config::to_lower_ascii(config::trim(name)));
    return found == index_.end() ? nullptr : &entries_[found->second];
}

std::optional<std::string> ConnectionString::get(std::string_view name) const {
    const Entry* entry = find(name);
    if (entry == nullptr) {
        return std::nullopt;
    }
    return entry->value;
}

void ConnectionString::set(std::string_view name, std::string value) {
    check_name_for_set(name);
    const std::string key = config::to_lower_ascii(name);
    const auto found = index_.find(key);
    if (found != index_.end()) {
        entries_[found->second].value = std::move(value);
        entries_[found->second].quoting = ValueQuoting::none;
        return;
    }
    Entry entry;
    entry.name = std::string(name);
    entry.value = std::move(value);
    index_.emplace(key, entries_.size());
    entries_.push_back(std::move(entry));
}

bool ConnectionString::erase(std::string_view name) {
    const auto found = index_.find(config::to_lower_ascii(config::trim(name)));
    if (found == index_.end()) {
        return false;
    }
    const std::size_t removed = found->second;
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(removed));
    index_.erase(found);
    for (auto& slot : index_) {
        if (slot.second > removed) {
            --slot.second;
        }
    }
    return true;
}

std::string ConnectionString::to_string() const {
    std::string text;
    for (const auto& entry : entries_) {
        if (!text.empty()) {
            text += ';';
        }
        text += entry.name;
        text += '=';
        text += quote_value(entry.value);
    }
    return text;
}

std::string ConnectionString::to_redacted_string() const {
    std::string text;
    for (const auto& entry : entries_) {
        if (!text.empty()) {
            text += ';';
        }
        const PropertyInfo* info = PropertyCatalog::find(entry.name);
        text += entry.name;
        text += '=';
        if (info == nullptr || info->sensitive) {
            text += kRedacted;
        } else {
            text += quote_value(entry.value);
        }
    }
    return text;
}

std::string ConnectionString::quote_value(std::string_view value) {
    bool needs_quotes = value.find(';') != std::string_view::npos;
    if (!value.empty()) {
        const char first = value.front();
        needs_quotes = needs_quotes || first == '"' || first == '\'' || first == '{' ||
                       config::is_ascii_space(first) || config::is_ascii_space(value.back());
    }
    if (!needs_quotes) {
        return std::string(value);
    }

    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    quoted += '"';
    return quoted;
}

}  // namespace epicor
