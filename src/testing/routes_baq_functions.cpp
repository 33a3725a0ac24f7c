// BAQ rows (v1 /api/v1/BaqSvc/{id}/, v2 /api/v2/odata/{Company}/BaqSvc/{id}/Data)
// and Epicor Functions (/api/v2/efx/...).

#include "testing/epicor_error_body.hpp"
#include "testing/server_state.hpp"

#include <epicor/testing/csdl.hpp>
#include <epicor/testing/json_writer.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

namespace epicor::testing {

void MockKineticServer::Impl::route_baq(RouteContext& context) {
    const auto& segments = context.segments;
    if (context.request.method != "GET") {
        throw MockError(405, kApiExceptionType, "BAQ rows take GET only.");
    }
    if (segments.size() < 2) {
        throw MockError(404, kApiExceptionType, "Name a BAQ: BaqSvc/{BaqID}/.");
    }
    const std::string& baq_id = segments[1];
    const bool v1_shape = context.version == ODataVersion::v1 && segments.size() == 2;
    const bool v2_shape = context.version == ODataVersion::v2 && segments.size() == 3 && segments[2] == "Data";
    if (!v1_shape && !v2_shape) {
        throw MockError(404, kApiExceptionType,
                        context.version == ODataVersion::v1 ? "BAQ rows are at /api/v1/BaqSvc/{BaqID}/."
                                                            : "BAQ rows are at /api/v2/odata/{Company}/BaqSvc/{BaqID}/Data.");
    }
    if (data->find_baq(baq_id) == nullptr) {
        throw MockError(404, kApiExceptionType, "The BAQ '" + baq_id + "' was not found. BAQ ids are case-sensitive.");
    }

    BaqArguments arguments;
    for (const auto& [name, value] : context.request.params) {
        if (name.empty() || name[0] == '$' || name == "api-key" || name == "Company") {
            continue;
        }
        arguments[name].push_back(value);
    }
    const std::shared_ptr<Table> rows = data->run_baq(baq_id, arguments);

    const QueryOptions query = parse_query_options(query_parameters(context.request), context.version);
    QuerySettings settings;
    settings.version = context.version;
    settings.default_page_size = options.page_cap;
    settings.max_page_size = options.max_page_size;
    const QueryResult result = execute_query(*rows, query, settings);

    const std::string context_url = context.api_root + "/BaqSvc/" + baq_id + "/$metadata#" +
                                    (context.version == ODataVersion::v1 ? "Results" : "Data");
    send_json(context.response, 200, write_collection(result, context.version, context_url));
}

void MockKineticServer::Impl::route_function(RouteContext& context, const std::string& library,
                                             const std::string& function, bool staging) {
    authenticate(context, true);
    if (context.request.method != "POST") {
        throw MockError(405, kApiExceptionType, "Epicor Functions take POST only.");
    }

    RegisteredFunction registered;
    {
        std::lock_guard<std::mutex> lock(functions_mutex);
        const auto found = functions.find(library + "/" + function);
        if (found == functions.end() || (!found->second.published && !staging)) {
            throw MockError(404, kApiExceptionType,
                            "The function " + library + "/" + function +
                                " was not found or is not published. Names are case-sensitive; call an unpublished "
                                "function under /api/v2/efx/staging/.");
        }
        registered = found->second;
    }

    nlohmann::json input = nlohmann::json::object();
    if (!context.request.body.empty()) {
        input = nlohmann::json::parse(context.request.body, nullptr, false);
        if (input.is_discarded() || !input.is_object()) {
            throw MockError(400, kApiExceptionType, "The request body of an Epicor Function must be a JSON object.");
        }
    }

    nlohmann::json output = registered.handler(input);
    if (output.is_null()) {
        output = nlohmann::json::object();
    }
    if (!output.is_object()) {
        throw MockError(500, "Ice.Common.EpicorServerException",
                        "The handler of " + library + "/" + function + " returned " + output.type_name() +
                            "; it must return a JSON object of response parameters.");
    }
    for (auto it = output.begin(); it != output.end();) {
        it = it->is_null() ? output.erase(it) : std::next(it);
    }
    send_json(context.response, 200, output.dump());
}

}  // namespace epicor::testing
