#include <epicor/query_options.hpp>

#include "odata/percent_encoding.hpp"

#include <epicor/error.hpp>

#include <string>

namespace epicor {
namespace {

bool is_kept_in_query(unsigned char c) noexcept {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '-': case '.': case '_': case '~':
    case '\'': case '(': case ')': case '*': case ',': case ':': case '/': case '$': case '@': case '!':
        return true;
    default:
        return false;
    }
}

void append_option(std::string& query, std::string_view name, std::string_view value) {
    if (!query.empty()) {
        query += '&';
    }
    query += percent_encode_query(name);
    query += '=';
    query += percent_encode_query(value);
}

std::string join(const std::vector<std::string>& items, std::string_view option) {
    std::string text;
    for (const auto& item : items) {
        if (item.empty()) {
            throw DataError("an empty name in " + std::string(option) + "; remove it or give the property name");
        }
        if (!text.empty()) {
            text += ',';
        }
        text += item;
    }
    return text;
}

// BAQ parameters are plain text in the query string, not OData literals.
std::string format_parameter_value(const Value& value, const std::string& name) {
    switch (value.type()) {
    case ValueType::null: return {};
    case ValueType::binary:
    case ValueType::json:
        throw DataError("BAQ parameter '" + name + "' has a " + std::string(to_string(value.type())) +
                        " value, which has no text form; pass a string, number, date, GUID or bool");
    default: return value.to_string();
    }
}

void check_count(const std::optional<std::int64_t>& count, const char* option) {
    if (count && *count < 0) {
        throw DataError(std::string(option) + " is " + std::to_string(*count) + "; it must be 0 or more");
    }
}

}  // namespace

std::string percent_encode_query(std::string_view text) {
    return odata::percent_encode(text, is_kept_in_query);
}

std::string format_query_string(const QueryOptions& options, ApiVersion version) {
    check_count(options.top, "$top");
    check_count(options.skip, "$skip");

    std::string query;
    if (!options.select.empty()) {
        append_option(query, "$select", join(options.select, "$select"));
    }
    if (options.filter) {
        append_option(query, "$filter", options.filter->to_string(version));
    }
    if (!options.order_by.empty()) {
        std::string order;
        for (const auto& item : options.order_by) {
            if (item.field.empty()) {
                throw DataError("an empty field name in $orderby; give the property to sort by");
            }
            if (!order.empty()) {
                order += ',';
            }
            order += item.field;
            if (item.descending) {
                order += " desc";
            }
        }
        append_option(query, "$orderby", order);
    }
    if (options.top) {
        append_option(query, "$top", std::to_string(*options.top));
    }
    if (options.skip) {
        append_option(query, "$skip", std::to_string(*options.skip));
    }
    if (!options.expand.empty()) {
        append_option(query, "$expand", join(options.expand, "$expand"));
    }
    if (options.count) {
        if (version == ApiVersion::v1) {
            append_option(query, "$inlinecount", "allpages");
        } else {
            append_option(query, "$count", "true");
        }
    }
    for (const auto& parameter : options.parameters) {
        if (parameter.name.empty()) {
            throw DataError("a BAQ parameter has an empty name; use the parameter name defined in the BAQ");
        }
        for (const auto& value : parameter.values) {
            append_option(query, parameter.name, format_parameter_value(value, parameter.name));
        }
    }
    return query;
}

}  // namespace epicor
