#include "client/connection_state.hpp"
#include "client/json_body.hpp"

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

MethodResult Service::call(std::string_view method, const nlohmann::json& parameters) const {
    if (!parameters.is_object()) {
        throw DataError("the parameters of " + name_ + "/" + std::string(method) +
                        " must be a JSON object such as {\"custNum\": 12}, not a " +
                        parameters.type_name());
    }
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.method(name_, method);
    request.body = parameters.dump();
    request.idempotent = false;
    const HttpResponse response = state_->send(std::move(request));

    nlohmann::json body =
        detail::parse_json_body(response.body, "the method " + name_ + "/" + std::string(method));
    MethodResult result;
    if (body.is_object()) {
        if (auto found = body.find("returnObj"); found != body.end()) {
            result.return_value = std::move(*found);
        }
        if (auto found = body.find("parameters"); found != body.end() && found->is_object()) {
            result.parameters = std::move(*found);
        }
    } else if (!body.is_null()) {
        result.return_value = std::move(body);
    }
    return result;
}

}  // namespace epicor
