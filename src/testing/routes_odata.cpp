// OData routes on entity sets: query with paging, one entity by key,
// create, update and delete.

#include "testing/epicor_error_body.hpp"
#include "testing/server_state.hpp"

#include <epicor/testing/json_writer.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <optional>
#include <string>
#include <vector>

namespace epicor::testing {
namespace {

std::string context_url(const RouteContext& context, const std::string& service, const std::string& set,
                        bool single) {
    std::string url = context.api_root + "/" + service + "/$metadata#" + set;
    if (single) {
        url += context.version == ODataVersion::v1 ? "/@Element" : "/$entity";
    }
    return url;
}

// Rebuilds the query string for the next page: every parameter as received
// except $skip (set to `next_skip`) and $top (reduced by the rows sent).
std::string next_link(const RouteContext& context, const std::string& base, std::size_t next_skip,
                      const QueryOptions& options, std::size_t rows_sent) {
    std::string query;
    const auto append = [&query](const std::string& name, const std::string& value) {
        query += query.empty() ? "?" : "&";
        // Option names keep their `$`, which encode_query_param would escape.
        std::string encoded_name = httplib::detail::encode_query_param(name);
        if (encoded_name.rfind("%24", 0) == 0) {
            encoded_name.replace(0, 3, "$");
        }
        query += encoded_name + "=" + httplib::detail::encode_query_param(value);
    };
    for (const auto& [name, value] : context.request.params) {
        if (name != "$skip" && name != "$top") {
            append(name, value);
        }
    }
    if (options.top) {
        if (*options.top <= rows_sent) {
            return {};
        }
        append("$top", std::to_string(*options.top - rows_sent));
    }
    append("$skip", std::to_string(next_skip));
    return base + query;
}

QuerySettings settings_for(const MockServerOptions& options, ODataVersion version) {
    QuerySettings settings;
    settings.version = version;
    settings.default_page_size = options.page_cap;
    settings.max_page_size = options.max_page_size;
    return settings;
}

}  // namespace

void MockKineticServer::Impl::route_entity_set(RouteContext& context, const ServiceInfo& service,
                                               const std::string& set_segment) {
    const std::size_t open = set_segment.find('(');
    const std::string set_name = set_segment.substr(0, open);
    const std::shared_ptr<Table> table = data->find_table(service.name, set_name);
    if (!table) {
        throw MockError(404, kApiExceptionType, "The entity set '" + set_name + "' was not found in " + service.name + ".");
    }
    const EntityType& type = table->type();
    const std::string& method = context.request.method;

    if (open == std::string::npos) {
        if (method == "GET") {
            const QueryOptions query = parse_query_options(query_parameters(context.request), context.version);
            const auto resolver = [this, &service](const std::string& child) -> std::shared_ptr<const Table> {
                return data->find_table(service.name, child);
            };
            const QueryResult result = execute_query(*table, query, settings_for(options, context.version), resolver);
            std::string link;
            if (options.emit_next_link && result.next_skip) {
                link = next_link(context, context.api_root + "/" + service.name + "/" + set_name, *result.next_skip,
                                 query, result.rows.size());
            }
            send_json(context.response, 200,
                      write_collection(result, context.version, context_url(context, service.name, set_name, false), link));
            return;
        }
        if (method == "POST") {
            Row row = parse_row_body(context.request.body, type);
            if (type.find_field("Company") != nullptr && (!row.contains("Company") || row["Company"].is_null())) {
                row["Company"] = context.company;
            }
            const Row stored = table->insert(std::move(row));
            const Key key = table->key_of(stored);
            context.response.set_header("Location", context.api_root + "/" + service.name + "/" + set_name + "(" +
                                                        format_key_predicate(type, key, context.version) + ")");
            send_json(context.response, 201,
                      write_entity(type, stored, context.version, context_url(context, service.name, set_name, true)));
            return;
        }
        throw MockError(405, kApiExceptionType, "The entity set " + set_name + " takes GET or POST; " + method +
                                                    " needs a key, e.g. " + set_name + "('EPIC06',1).");
    }

    if (set_segment.back() != ')') {
        throw MockError(400, kApiExceptionType, "The key predicate in '" + set_segment + "' has no closing parenthesis.");
    }
    const std::string predicate = set_segment.substr(open + 1, set_segment.size() - open - 2);
    const Key key = parse_key_predicate(predicate, type, context.version);

    if (method == "GET") {
        // $select is checked before the lookup, as for collections, so an
        // unknown field is a 400 whether or not the key exists.
        const auto parameters = query_parameters(context.request);
        const auto select = parameters.find("$select");
        std::optional<std::vector<std::string>> selected;
        if (select != parameters.end()) {
            selected = parse_select(select->second, type);
        }

        const auto row = table->find(key);
        if (!row) {
            throw NotFoundError("Record not found: " + set_name + "(" + predicate + ").");
        }
        const std::string context_address = context_url(context, service.name, set_name, true);
        if (!selected) {
            send_json(context.response, 200, write_entity(type, *row, context.version, context_address));
            return;
        }
        Row shaped = Row::object();
        for (const std::string& name : *selected) {
            const auto member = row->find(name);
            shaped[name] = member == row->end() ? nlohmann::json(nullptr) : *member;
        }
        send_json(context.response, 200, write_entity(type, shaped, context.version, context_address));
        return;
    }
    if (method == "PATCH" || method == "PUT") {
        const Row changes = parse_row_body(context.request.body, type);
        table->update(key, changes);
        context.response.status = 204;
        return;
    }
    if (method == "DELETE") {
        table->remove(key);
        context.response.status = 204;
        return;
    }
    throw MockError(405, kApiExceptionType, "An entity takes GET, PATCH, PUT or DELETE, not " + method + ".");
}

}  // namespace epicor::testing
