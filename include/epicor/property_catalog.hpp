#pragma once

/// \file
/// The catalog of connection properties. It is the single description that
/// drives parsing, validation, redaction, `--help` output and the property
/// reference in docs/connection-properties.md.

#include <epicor/export.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

/// The kind of value a property takes, which decides how it is checked.
enum class PropertyType {
    string,       ///< Any text without control characters.
    enumeration,  ///< One of PropertyInfo::allowed_values, compared case-insensitively.
    integer,      ///< A decimal integer within [min_value, max_value].
    boolean,      ///< true/false, yes/no, on/off or 1/0, case-insensitive.
    seconds,      ///< A whole number of seconds within [min_value, max_value].
    byte_size,    ///< A size in bytes, optionally with a KB, MB or GB suffix (powers of 1024).
    path,         ///< A file path.
    url,          ///< An absolute http or https URL.
};

/// The description of one connection property.
struct PropertyInfo {
    std::string name;                         ///< Canonical name, e.g. `OAuthClientId`.
    std::vector<std::string> aliases;         ///< Other accepted names.
    std::string group;                        ///< Section in the reference, e.g. `Authentication`.
    PropertyType type = PropertyType::string;
    std::string default_value;                ///< As written in a connection string; empty when none.
    std::vector<std::string> allowed_values;  ///< Canonical spellings for enumeration properties.
    std::int64_t min_value = 0;               ///< Lower bound for integer, seconds and byte_size.
    std::int64_t max_value = 0;               ///< Upper bound for integer, seconds and byte_size.
    bool sensitive = false;                   ///< The value is a secret: never logged or echoed.
    bool multiline = false;                   ///< The value may contain CR and LF, e.g. PEM text.
    std::string help;                         ///< One paragraph of Markdown for users.
};

/// Read-only access to the property catalog.
class EPICOR_API PropertyCatalog {
public:
    /// Returns every property, grouped, in the order of the reference.
    static const std::vector<PropertyInfo>& all();

    /// Returns the property whose canonical name or alias equals `name`
    /// (case-insensitive, surrounding whitespace ignored), or nullptr.
    static const PropertyInfo* find(std::string_view name);

    /// Returns the canonical name or alias nearest to `name` by edit distance
    /// (case-insensitive), or nothing when no name is close enough to be a
    /// plausible misspelling. Tolerated edits: 1 for names of up to 3
    /// characters, 2 for up to 8, a third of the length beyond that.
    static std::optional<std::string> suggest(std::string_view name);

    /// Renders the catalog as the Markdown property reference that
    /// docs/connection-properties.md contains.
    static std::string to_markdown();
};

/// Returns the name of `type` as the reference writes it, e.g. "seconds".
EPICOR_API std::string_view to_string(PropertyType type) noexcept;

}  // namespace epicor
