#include "client/connection_state.hpp"
#include "client/json_body.hpp"
#include "client/read_only.hpp"
#include "client/response_body.hpp"

#include "odata/page_reader.hpp"

#include <epicor/error.hpp>
#include <epicor/service.hpp>

#include <utility>

namespace epicor {
namespace detail {

// Reads the names from a service document or service list: a collection of
// `{"name": ..., "url": ...}` objects in both OData versions.
std::vector<std::string> read_names(const std::string& body) {
    const odata::Page page = odata::read_page(body);
    std::optional<std::size_t> name_field;
    std::optional<std::size_t> url_field;
    for (std::size_t i = 0; i < page.fields.size(); ++i) {
        if (page.fields[i] == "name") {
            name_field = i;
        } else if (page.fields[i] == "url") {
            url_field = i;
        }
    }
    std::vector<std::string> names;
    for (const auto& row : page.rows) {
        for (const auto field : {name_field, url_field}) {
            if (field && *field < row.size() && row[*field].type() == ValueType::string) {
                names.push_back(row[*field].get<std::string>());
                break;
            }
        }
    }
    return names;
}

}  // namespace detail

Service::Service(std::shared_ptr<detail::ConnectionState> state, std::string name)
    : state_(std::move(state)), name_(std::move(name)) {}

std::vector<std::string> Service::entity_sets() const {
    HttpRequest request;
    request.url = state_->address.service_document(name_);
    const HttpResponse response = state_->send(std::move(request));
    return detail::read_names(response.body);
}

EntitySet Service::entity_set(std::string name) const {
    return EntitySet(state_, name_, std::move(name));
}

std::vector<Column> Service::columns(std::string_view entity_set) const {
    return EntitySet(state_, name_, std::string(entity_set)).columns();
}

namespace {

// Returns the declared columns of a tableset table: Kinetic names the entity
// type of table Customer "CustomerRow". Without `$metadata` the types are
// inferred, so a failed read is logged and not thrown.
std::vector<Column> tableset_columns(detail::ConnectionState& state, const std::string& service,
                                     const std::string& table) {
    try {
        const auto metadata = state.metadata(service);
        if (const auto* type = metadata->find_entity_type(table + "Row")) {
            return type->columns;
        }
        if (const auto* type = metadata->find_entity_type(table)) {
            return type->columns;
        }
    } catch (const SessionExpiredError&) {
        throw;  // the caller must learn that its session ended
    } catch (const HttpError& error) {
        state.logger->warning("$metadata of " + service +
                              " is unavailable, so the column types of table " + table +
                              " are inferred: " + error.what());
    } catch (const DataError& error) {
        state.logger->warning("$metadata of " + service +
                              " could not be read, so the column types of table " + table +
                              " are inferred: " + error.what());
    }
    return {};
}

}  // namespace

MethodResult Service::call(std::string_view method, const nlohmann::json& parameters) const {
    if (!parameters.is_object()) {
        throw DataError("the parameters of " + name_ + "/" + std::string(method) +
                        " must be a JSON object such as {\"custNum\": 12}, not a value of type " +
                        parameters.type_name());
    }
    return send_method(method, parameters.dump());
}

MethodResult Service::call_with_values(std::string_view method,
                                       const FieldValues& parameters) const {
    return send_method(method, detail::to_json_object(parameters));
}

MethodResult Service::send_method(std::string_view method, std::string body) const {
    if (!detail::is_read_only_method(method)) {
        detail::require_writable(state_->config, "the method " + name_ + "/" + std::string(method));
    }
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.method(name_, method);
    request.body = std::move(body);
    request.idempotent = false;
    HttpResponse response = state_->send(std::move(request));

    const std::string call_name = "the method " + name_ + "/" + std::string(method);
    nlohmann::json parsed = detail::parse_json_body(response.body, call_name);
    MethodResult result;
    if (parsed.is_object()) {
        // The underlying map is searched rather than the json object, which
        // avoids a GCC 12 -Wnull-dereference false positive in Release builds.
        auto& fields = parsed.get_ref<nlohmann::json::object_t&>();
        if (auto found = fields.find("returnObj"); found != fields.end()) {
            result.return_value = std::move(found->second);
        }
        if (auto found = fields.find("parameters"); found != fields.end() && found->second.is_object()) {
            result.parameters = std::move(found->second);
        }
    } else if (!parsed.is_null()) {
        result.return_value = std::move(parsed);
    }

    auto exact = std::make_shared<detail::ResponseBody>();
    exact->text = std::move(response.body);
    exact->call_name = call_name;
    exact->table_columns = [state = state_, service = name_](const std::string& table) {
        return tableset_columns(*state, service, table);
    };
    result.response = std::move(exact);
    return result;
}

}  // namespace epicor
