#include "client/connection_state.hpp"
#include "client/json_body.hpp"
#include "client/read_only.hpp"
#include "client/response_body.hpp"

#include <epicor/epicor_function.hpp>
#include <epicor/error.hpp>

#include <utility>

namespace epicor {

EpicorFunction::EpicorFunction(std::shared_ptr<detail::ConnectionState> state, std::string library,
                               std::string function, bool staging)
    : state_(std::move(state)),
      library_(std::move(library)),
      function_(std::move(function)),
      staging_(staging) {
    // Throws ConfigError naming ApiVersion on v1, before any request.
    static_cast<void>(state_->address.function(library_, function_, staging_));
}

std::string EpicorFunction::display_name() const { return library_ + "/" + function_; }

nlohmann::json EpicorFunction::call(const nlohmann::json& parameters) const {
    return invoke(parameters).outputs;
}

FunctionResult EpicorFunction::invoke(const nlohmann::json& parameters) const {
    if (!parameters.is_object()) {
        throw DataError("the parameters of the Epicor Function " + display_name() +
                        " must be a JSON object, not a value of type " + parameters.type_name());
    }
    return send(parameters.dump());
}

FunctionResult EpicorFunction::invoke_with_values(const FieldValues& parameters) const {
    return send(detail::to_json_object(parameters));
}

FunctionResult EpicorFunction::send(std::string body) const {
    // A function can run any code on the server, so none counts as read-only.
    detail::require_writable(state_->config, "the Epicor Function " + display_name());
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.function(library_, function_, staging_);
    request.body = std::move(body);
    request.idempotent = false;
    HttpResponse response = state_->send(std::move(request));

    const std::string call_name = "the Epicor Function " + display_name();
    nlohmann::json parsed = detail::parse_json_body(response.body, call_name);
    FunctionResult result;
    if (!parsed.is_null()) {
        result.outputs = std::move(parsed);
    }
    auto exact = std::make_shared<detail::ResponseBody>();
    exact->text = std::move(response.body);
    exact->call_name = call_name;
    result.response = std::move(exact);
    return result;
}

namespace {

const detail::ResponseBody& response_of(const FunctionResult& result) {
    static const detail::ResponseBody empty{"", "the Epicor Function call", nullptr};
    return result.response ? *result.response : empty;
}

}  // namespace

Value FunctionResult::value(std::string_view name) const {
    return detail::read_value_at(response_of(*this), {std::string(name)});
}

std::vector<Row> FunctionResult::table(std::string_view name, std::string_view table) const {
    return detail::read_table_at(response_of(*this), {std::string(name), std::string(table)},
                                 std::string(table));
}

}  // namespace epicor
