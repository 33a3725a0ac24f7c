#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include "testing/value_compare.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>
#include <utility>

namespace epicor::testing {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Splits on commas; items are trimmed.
std::vector<std::string_view> split_list(std::string_view text) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        items.push_back(trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) {
            return items;
        }
        start = comma + 1;
    }
}

std::size_t parse_count_option(const std::string& name, const std::string& value) {
    std::size_t parsed = 0;
    const char* end = value.data() + value.size();
    const auto result = std::from_chars(value.data(), end, parsed);
    if (value.empty() || result.ec != std::errc() || result.ptr != end) {
        throw QueryError("invalid " + name + " '" + value + "': expected a non-negative integer such as " + name + "=100");
    }
    return parsed;
}

// Direction in which key order serves the query, when it does.
enum class KeyOrder { None, Ascending, Descending };

KeyOrder key_order_of(const std::vector<OrderItem>& order, const EntityType& type) {
    if (order.empty()) {
        return KeyOrder::Ascending;
    }
    if (order.size() != type.keys().size()) {
        return KeyOrder::None;
    }
    const bool descending = order.front().descending;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i].field != type.keys()[i] || order[i].descending != descending) {
            return KeyOrder::None;
        }
    }
    return descending ? KeyOrder::Descending : KeyOrder::Ascending;
}

// Returns the rows of `child` that belong to `parent` under `navigation`.
std::vector<Row> child_rows(const Table& child, const Navigation& navigation, const Row& parent) {
    std::vector<Row> rows;
    const std::size_t size = child.size();
    for (std::size_t position = 0; position < size; ++position) {
        Row candidate;
        try {
            candidate = child.row_at(position);
        } catch (const std::out_of_range&) {
            break;  // The child table shrank while being read.
        }
        bool belongs = true;
        for (const auto& [parent_field, child_field] : navigation.key_mapping) {
            const Field* field = child.type().find_field(child_field);
            const auto parent_value = parent.find(parent_field);
            const auto child_value = candidate.find(child_field);
            if (field == nullptr || parent_value == parent.end() || child_value == candidate.end() ||
                parent_value->is_null() || detail::compare_stored(*field, *parent_value, *child_value) != 0) {
                belongs = false;
                break;
            }
        }
        if (belongs) {
            rows.push_back(std::move(candidate));
        }
    }
    return rows;
}

struct ExpandTarget {
    const Navigation* navigation = nullptr;
    std::shared_ptr<const Table> table;
};

Row shape_row(Row row, const std::vector<std::string>* select, const std::vector<ExpandTarget>& expand) {
    Row shaped;
    if (select != nullptr) {
        shaped = Row::object();
        for (const std::string& name : *select) {
            const auto member = row.find(name);
            shaped[name] = member == row.end() ? nlohmann::json(nullptr) : *member;
        }
    } else {
        shaped = std::move(row);
    }
    for (const ExpandTarget& target : expand) {
        // Children are matched on the full row, so a $select without the key still expands.
        const Row& parent = select != nullptr ? row : shaped;
        nlohmann::json children = nlohmann::json::array();
        for (Row& child : child_rows(*target.table, *target.navigation, parent)) {
            children.push_back(std::move(child));
        }
        shaped[target.navigation->name] = std::move(children);
    }
    return shaped;
}

}  // namespace

QueryOptions parse_query_options(const std::multimap<std::string, std::string>& parameters, ODataVersion version) {
    QueryOptions options;
    std::set<std::string> seen;
    for (const auto& [name, value] : parameters) {
        if (name.empty() || name.front() != '$') {
            continue;
        }
        if (!seen.insert(name).second) {
            throw QueryError("query option " + name + " is given more than once; give it once");
        }
        if (name == "$select") {
            options.select = value;
        } else if (name == "$filter") {
            options.filter = value;
        } else if (name == "$orderby") {
            options.orderby = value;
        } else if (name == "$expand") {
            options.expand = value;
        } else if (name == "$top") {
            options.top = parse_count_option(name, value);
        } else if (name == "$skip") {
            options.skip = parse_count_option(name, value);
        } else if (name == "$format") {
            if (value != "json" && value != "application/json") {
                throw QueryError("$format '" + value + "' is not supported; the mock server answers in JSON ($format=json)");
            }
        } else if (name == "$inlinecount") {
            if (version == ODataVersion::v2) {
                throw QueryError("$inlinecount is an OData v1 option; in v2 write $count=true");
            }
            if (value != "allpages" && value != "none") {
                throw QueryError("invalid $inlinecount '" + value + "': expected allpages or none");
            }
            options.count = value == "allpages";
        } else if (name == "$count") {
            if (version == ODataVersion::v1) {
                throw QueryError("$count is an OData v2 option; in v1 write $inlinecount=allpages");
            }
            if (value != "true" && value != "false") {
                throw QueryError("invalid $count '" + value + "': expected true or false");
            }
            options.count = value == "true";
        } else {
            throw QueryError("unknown query option " + name + "; supported: $select, $filter, $orderby, $top, $skip, "
                             "$expand, $format, " + std::string(version == ODataVersion::v1 ? "$inlinecount" : "$count") +
                             " (names are case-sensitive)");
        }
    }
    return options;
}

std::vector<OrderItem> parse_orderby(std::string_view text, const EntityType& type) {
    std::vector<OrderItem> order;
    for (const std::string_view item : split_list(text)) {
        if (item.empty()) {
            throw QueryError("invalid $orderby '" + std::string(text) + "': an item is empty; list fields as Name desc,CustNum");
        }
        const auto space = item.find_first_of(" \t");
        const std::string_view name = item.substr(0, space);
        const std::string_view direction = space == std::string_view::npos ? std::string_view{} : trim(item.substr(space));
        if (type.find_field(name) == nullptr) {
            throw QueryError("invalid $orderby: unknown field '" + std::string(name) + "' of " + type.name() +
                             "; field names are case-sensitive");
        }
        if (!direction.empty() && direction != "asc" && direction != "desc") {
            throw QueryError("invalid $orderby: direction '" + std::string(direction) + "' after " + std::string(name) +
                             " must be asc or desc");
        }
        order.push_back(OrderItem{std::string(name), direction == "desc"});
    }
    return order;
}

std::vector<std::string> parse_select(std::string_view text, const EntityType& type) {
    std::vector<std::string> fields;
    for (const std::string_view item : split_list(text)) {
        if (item.empty()) {
            throw QueryError("invalid $select '" + std::string(text) + "': an item is empty; list fields as CustNum,Name");
        }
        if (item == "*") {
            for (const Field& field : type.fields()) {
                fields.push_back(field.name);
            }
            continue;
        }
        if (type.find_navigation(item) != nullptr) {
            continue;  // v1 clients name expanded navigations in $select too.
        }
        if (type.find_field(item) == nullptr) {
            throw QueryError("invalid $select: unknown field '" + std::string(item) + "' of " + type.name() +
                             "; field names are case-sensitive");
        }
        if (std::find(fields.begin(), fields.end(), item) == fields.end()) {
            fields.emplace_back(item);
        }
    }
    return fields;
}

std::vector<std::string> parse_expand(std::string_view text, const EntityType& type) {
    std::vector<std::string> navigations;
    for (const std::string_view item : split_list(text)) {
        if (item.find_first_of("(/") != std::string_view::npos) {
            throw QueryError("invalid $expand '" + std::string(item) +
                             "': nested options and paths are not supported; expand one child collection by name");
        }
        if (item.empty()) {
            throw QueryError("invalid $expand '" + std::string(text) + "': an item is empty");
        }
        if (type.find_navigation(item) == nullptr) {
            std::string known;
            for (const Navigation& navigation : type.navigations()) {
                known += (known.empty() ? "" : ", ") + navigation.name;
            }
            throw QueryError("invalid $expand: " + type.name() + " has no child collection '" + std::string(item) +
                             "'" + (known.empty() ? std::string("; it has none") : "; it has " + known));
        }
        if (std::find(navigations.begin(), navigations.end(), item) == navigations.end()) {
            navigations.emplace_back(item);
        }
    }
    return navigations;
}

QueryResult execute_query(const Table& table, const QueryOptions& options, const QuerySettings& settings,
                          const ChildTableResolver& children) {
    const EntityType& type = table.type();
    QueryResult result;
    result.type = table.type_ptr();

    // Parse every option before touching a row, so a bad query fails fast.
    std::optional<Filter> filter;
    if (options.filter) {
        filter = Filter::parse(*options.filter, type, settings.version);
    }
    const std::vector<OrderItem> order = options.orderby ? parse_orderby(*options.orderby, type) : std::vector<OrderItem>{};
    std::optional<std::vector<std::string>> select;
    if (options.select) {
        select = parse_select(*options.select, type);
    }
    std::vector<ExpandTarget> expand;
    if (options.expand) {
        for (const std::string& name : parse_expand(*options.expand, type)) {
            const Navigation* navigation = type.find_navigation(name);
            std::shared_ptr<const Table> child = children ? children(navigation->target_entity_set) : nullptr;
            if (!child) {
                throw NotFoundError("$expand=" + name + " needs entity set " + navigation->target_entity_set +
                                    ", which this service does not have");
            }
            result.expanded_types[name] = child->type_ptr();
            expand.push_back(ExpandTarget{navigation, std::move(child)});
        }
    }

    const std::size_t skip = options.skip.value_or(0);
    std::size_t limit = options.top.value_or(settings.default_page_size);
    bool capped = !options.top.has_value();
    if (settings.max_page_size && limit > *settings.max_page_size) {
        limit = *settings.max_page_size;
        capped = true;
    }

    // Pick the positions (in key order) of the page's rows.
    std::vector<std::size_t> page;
    std::size_t matched = 0;
    const std::size_t size = table.size();
    const KeyOrder key_order = key_order_of(order, type);

    if (key_order != KeyOrder::None && !filter) {
        // Direct indexing: skipped rows cost nothing.
        matched = size;
        for (std::size_t i = skip; i < size && page.size() < limit; ++i) {
            page.push_back(key_order == KeyOrder::Ascending ? i : size - 1 - i);
        }
    } else if (key_order != KeyOrder::None) {
        // Filter while walking in key order; stop early unless counting.
        for (std::size_t i = 0; i < size; ++i) {
            const std::size_t position = key_order == KeyOrder::Ascending ? i : size - 1 - i;
            Row row;
            try {
                row = table.row_at(position);
            } catch (const std::out_of_range&) {
                break;
            }
            if (!filter->matches(row)) {
                continue;
            }
            if (matched >= skip && page.size() < limit) {
                page.push_back(position);
            }
            ++matched;
            if (!options.count && page.size() == limit && matched > skip + limit) {
                break;  // One extra match shows whether a next page exists.
            }
        }
    } else {
        // Sort the matching rows by the $orderby fields, then by position
        // (which is key order), so equal values keep a stable order.
        std::vector<const Field*> order_fields;
        for (const OrderItem& item : order) {
            order_fields.push_back(type.find_field(item.field));
        }
        struct Candidate {
            std::vector<nlohmann::json> values;
            std::size_t position;
        };
        std::vector<Candidate> candidates;
        for (std::size_t position = 0; position < size; ++position) {
            Row row;
            try {
                row = table.row_at(position);
            } catch (const std::out_of_range&) {
                break;
            }
            if (filter && !filter->matches(row)) {
                continue;
            }
            Candidate candidate{{}, position};
            candidate.values.reserve(order.size());
            for (const OrderItem& item : order) {
                const auto member = row.find(item.field);
                candidate.values.push_back(member == row.end() ? nlohmann::json(nullptr) : *member);
            }
            candidates.push_back(std::move(candidate));
        }
        matched = candidates.size();

        const auto before = [&](const Candidate& a, const Candidate& b) {
            for (std::size_t i = 0; i < order.size(); ++i) {
                int c = detail::compare_stored(*order_fields[i], a.values[i], b.values[i]);
                if (order[i].descending) {
                    c = -c;
                }
                if (c != 0) {
                    return c < 0;
                }
            }
            return a.position < b.position;
        };
        const std::size_t end = skip >= candidates.size() ? candidates.size()
                                                           : std::min(candidates.size(), skip + std::min(limit, candidates.size()));
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(end), candidates.end(), before);
        for (std::size_t i = skip; i < end && page.size() < limit; ++i) {
            page.push_back(candidates[i].position);
        }
    }

    if (options.count) {
        result.count = matched;
    }
    if (capped && matched > skip + page.size() && page.size() == limit) {
        result.next_skip = skip + page.size();
    }

    result.rows.reserve(page.size());
    for (const std::size_t position : page) {
        Row row;
        try {
            row = table.row_at(position);
        } catch (const std::out_of_range&) {
            break;  // The table shrank between choosing and reading the page.
        }
        result.rows.push_back(shape_row(std::move(row), select ? &*select : nullptr, expand));
    }
    return result;
}

}  // namespace epicor::testing
