// Renders the property catalog as the Markdown reference in
// docs/connection-properties.md.

#include <epicor/property_catalog.hpp>

#include <string>

namespace epicor {
namespace {

constexpr std::string_view kIntroduction =
    "# Connection properties\n"
    "\n"
    "<!-- Generated from the property catalog (src/config/property_catalog.cpp) by\n"
    "     scripts/gen-property-docs.sh. Edit the catalog, then run the script. -->\n"
    "\n"
    "A connection string is a list of `Name=Value` pairs separated by `;`, for example\n"
    "\n"
    "    URL=https://acme.epicorsaas.com;ERPInstance=SaaS840;ApiVersion=v2;Company=EPIC06;\n"
    "    User=manager;Password={se;cret};ApiKey=...\n"
    "\n"
    "- Names are case-insensitive and surrounding whitespace is ignored. A name may\n"
    "  appear more than once, and the last value wins. Setting one property under\n"
    "  two names, such as `User` and its alias `UID`, is an error.\n"
    "- An empty value, as in `Timeout=;`, leaves the property at its default.\n"
    "- Values are trimmed unless quoted. Enclose a value in `\"...\"`, `'...'` or\n"
    "  `{...}` when it contains `;` or starts or ends with whitespace. Inside, write\n"
    "  `\"\"`, `''` or `}}` for one `\"`, `'` or `}`.\n"
    "- Empty segments and a trailing `;` are ignored. The text must be UTF-8.\n"
    "- Enumeration values are case-insensitive. Booleans accept `true`/`false`,\n"
    "  `yes`/`no`, `on`/`off` and `1`/`0`.\n"
    "- An unknown name is an error, with the nearest known name as a suggestion.\n"
    "  Every problem in a connection string is reported at once.\n"
    "- Values of sensitive properties never appear in error messages, and the\n"
    "  redacted form of a connection string replaces them with `********`.\n";

std::string code(const std::string& text) {
    return "`" + text + "`";
}

std::string join_code(const std::vector<std::string>& items) {
    std::string result;
    for (const auto& item : items) {
        if (!result.empty()) {
            result += ", ";
        }
        result += code(item);
    }
    return result;
}

std::string describe_type(const PropertyInfo& info) {
    std::string type(to_string(info.type));
    switch (info.type) {
    case PropertyType::integer:
    case PropertyType::seconds:
    case PropertyType::byte_size:
        type += ", " + std::to_string(info.min_value) + " to " + std::to_string(info.max_value);
        break;
    default:
        break;
    }
    return type;
}

std::string describe_default(const PropertyInfo& info) {
    return info.default_value.empty() ? "none" : code(info.default_value);
}

void render_summary(std::string& out, const std::vector<PropertyInfo>& catalog) {
    out += "\n## Summary\n\n";
    out += "| Property | Group | Type | Default |\n";
    out += "|---|---|---|---|\n";
    for (const auto& info : catalog) {
        out += "| " + code(info.name) + " | " + info.group + " | " + std::string(to_string(info.type)) +
               " | " + describe_default(info) + " |\n";
    }
}

void render_property(std::string& out, const PropertyInfo& info) {
    out += "\n### " + info.name + "\n\n";
    out += info.help + "\n\n";
    out += "- Type: " + describe_type(info) + "\n";
    if (!info.allowed_values.empty()) {
        out += "- Allowed values: " + join_code(info.allowed_values) + "\n";
    }
    out += "- Default: " + describe_default(info) + "\n";
    if (!info.aliases.empty()) {
        out += "- Aliases: " + join_code(info.aliases) + "\n";
    }
    if (info.multiline) {
        out += "- Line breaks: allowed, e.g. for PEM text.\n";
    }
    if (info.sensitive) {
        out += "- Sensitive: error messages never show the value, and redacted output replaces it with `********`.\n";
    }
}

}  // namespace

std::string PropertyCatalog::to_markdown() {
    const auto& catalog = all();
    std::string out(kIntroduction);
    render_summary(out, catalog);

    std::string current_group;
    for (const auto& info : catalog) {
        if (info.group != current_group) {
            current_group = info.group;
            out += "\n## " + current_group + "\n";
        }
        render_property(out, info);
    }
    return out;
}

}  // namespace epicor
