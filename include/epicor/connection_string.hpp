#pragma once

/// \file
/// The connection-string grammar: `Name=Value;Name=Value;...`, as ODBC
/// drivers and CData's connectors accept it. This layer only splits the text
/// into name/value pairs. epicor::ConnectionSettings (connection_settings.hpp)
/// checks the names and values against the property catalog.
///
/// Grammar:
/// - Pairs are separated by `;`. Empty segments and a trailing `;` are ignored.
/// - Names are trimmed and compare case-insensitively (ASCII). A repeated name
///   keeps its last value and the position of its first occurrence.
/// - A value is trimmed unless it is quoted. A value that starts with `"` or
///   `'` runs to the matching quote, and a doubled quote inside is one quote
///   character. A value that starts with `{` runs to the matching `}`, and
///   `}}` inside is one `}`. Quoted values can contain `;` and `=`.
/// - An unquoted value runs to the next `;`. It may contain `=`.
/// - The whole text must be valid UTF-8. Names must not contain control
///   characters.
///
/// Parsing runs in time linear in the length of the text.

#include <epicor/export.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace epicor {

/// The quoting of a value in the connection string it came from.
enum class ValueQuoting {
    none,           ///< Unquoted and trimmed.
    double_quotes,  ///< `"..."` with `""` for one quote.
    single_quotes,  ///< `'...'` with `''` for one quote.
    braces,         ///< ODBC style `{...}` with `}}` for one closing brace.
};

/// An ordered list of name/value pairs read from a connection string.
class EPICOR_API ConnectionString {
public:
    /// One property as written.
    struct Entry {
        std::string name;        ///< Trimmed name, spelled as in the last occurrence.
        std::string value;       ///< Value with quotes removed and escapes undone.
        std::size_t position{};  ///< Byte offset of the name's first occurrence in the text.
        ValueQuoting quoting = ValueQuoting::none;
    };

    ConnectionString() = default;

    /// Parses `text`.
    ///
    /// Throws epicor::ConfigError listing every syntax problem found, each
    /// with its byte position: an unbalanced quote or brace, text after a
    /// closing quote, `=` without a name, a name without `=`, a control
    /// character in a name, or invalid UTF-8. An unbalanced quote or brace
    /// ends the scan, because the rest of the text belongs to that value.
    /// Messages never contain a value.
    static ConnectionString parse(std::string_view text);

    /// Returns the entries in order of first appearance.
    const std::vector<Entry>& entries() const noexcept { return entries_; }

    /// Returns the entry named `name` (case-insensitive), or nullptr.
    const Entry* find(std::string_view name) const;

    /// Returns the value of `name` (case-insensitive), or nothing when absent.
    std::optional<std::string> get(std::string_view name) const;

    bool contains(std::string_view name) const { return find(name) != nullptr; }
    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }

    /// Sets `name` to `value`: replaces the value of an existing entry of that
    /// name (case-insensitive) or appends a new entry.
    void set(std::string_view name, std::string value);

    /// Removes the entry named `name`; returns false when there was none.
    bool erase(std::string_view name);

    /// Writes the entries back as a connection string that parses to the same
    /// entries. Values are quoted only when needed (see quote_value()).
    ///
    /// WARNING: the result contains every value, secrets included. Use
    /// to_redacted_string() for anything a person or a log may read.
    std::string to_string() const;

    /// Like to_string(), but replaces with `********` the value of every
    /// property the catalog marks sensitive and of every name the catalog does
    /// not know, since an unknown name may be a misspelt secret.
    std::string to_redacted_string() const;

    /// Returns `value` as it must be written after `Name=`: unchanged when it
    /// can be read back as is, otherwise in double quotes with each `"`
    /// doubled. Quoting is needed for a `;`, leading or trailing whitespace,
    /// or a leading quote or brace.
    static std::string quote_value(std::string_view value);

private:
    std::vector<Entry> entries_;
    std::unordered_map<std::string, std::size_t> index_;  // lower-case name -> entries_ index
};

}  // namespace epicor
