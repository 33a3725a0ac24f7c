#include "client/connection_state.hpp"
#include "client/json_body.hpp"

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

nlohmann::json EpicorFunction::call(const nlohmann::json& parameters) const {
    const std::string name = library_ + "/" + function_;
    if (!parameters.is_object()) {
        throw DataError("the parameters of the Epicor Function " + name +
                        " must be a JSON object, not a " + parameters.type_name());
    }
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.function(library_, function_, staging_);
    request.body = parameters.dump();
    request.idempotent = false;
    const HttpResponse response = state_->send(std::move(request));

    nlohmann::json body = detail::parse_json_body(response.body, "the Epicor Function " + name);
    return body.is_null() ? nlohmann::json::object() : body;
}

}  // namespace epicor
