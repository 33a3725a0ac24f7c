#pragma once

/// \file
/// epicor::EpicorFunction, a function of an Epicor Functions library
/// (`/api/v2/efx/...`, Kinetic REST v2 only).

#include <epicor/entity_set.hpp>
#include <epicor/export.hpp>
#include <epicor/result_set.hpp>
#include <epicor/value.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

namespace detail {
struct ConnectionState;
struct ResponseBody;
}  // namespace detail

/// The response parameters of an Epicor Function call.
///
/// `outputs` is nlohmann::json for convenience, and stores a non-integer
/// number as a double, so a decimal with more significant digits than a
/// double can represent (about 15) loses its last digits there. value() and table()
/// read the response text again and keep every digit.
struct EPICOR_API FunctionResult {
    /// The response parameters as a JSON object; Kinetic omits null outputs.
    /// Decimals may be rounded.
    nlohmann::json outputs = nlohmann::json::object();

    /// Returns the output `name` exactly: a decimal as Decimal, an integer
    /// as int64, a string as a string (dates included), an object or array
    /// as nested JSON (whose numbers are doubles). Returns null when the
    /// function did not send it, which is how Kinetic sends a null output.
    Value value(std::string_view name) const;

    /// Returns the rows of table `table` of a DataSet output `name`
    /// (`{name}.{table}`), exactly, with types inferred (integers as int64,
    /// other numbers as Decimal, strings as strings). Throws DataError when
    /// there is no such table or it is not an array of row objects.
    std::vector<Row> table(std::string_view name, std::string_view table) const;

    /// The response text for the exact accessors; set by EpicorFunction.
    /// Null in a default-constructed result, whose accessors find nothing.
    std::shared_ptr<const detail::ResponseBody> response;
};

/// One Epicor Function. A cheap handle: copies share the connection.
class EPICOR_API EpicorFunction {
public:
    EpicorFunction(std::shared_ptr<detail::ConnectionState> state, std::string library,
                   std::string function, bool staging);

    const std::string& library() const noexcept { return library_; }
    const std::string& function() const noexcept { return function_; }
    /// True for the staging path, which reaches functions not yet published.
    bool staging() const noexcept { return staging_; }

    /// Calls the function with a JSON object of request parameters and
    /// returns its response parameters (a JSON object; Kinetic omits null
    /// outputs). Throws DataError when `parameters` is not an object or
    /// the response is not JSON, NotFoundError when the library or function
    /// is unknown or not published, and the other HttpError subclasses.
    /// Never retried once its body may have reached the server.
    nlohmann::json call(const nlohmann::json& parameters = nlohmann::json::object()) const;

    /// Calls the function like call(), and returns a result whose value()
    /// and table() keep every decimal digit. Throws as call().
    FunctionResult invoke(const nlohmann::json& parameters = nlohmann::json::object()) const;

    /// Calls the function with request parameters given as typed Values, so
    /// a Decimal is sent with every digit. Throws DataError for an empty or
    /// repeated parameter name, and otherwise as call().
    FunctionResult invoke_with_values(const FieldValues& parameters) const;

private:
    FunctionResult send(std::string body) const;
    std::string display_name() const;

    std::shared_ptr<detail::ConnectionState> state_;
    std::string library_;
    std::string function_;
    bool staging_;
};

}  // namespace epicor
