#pragma once

/// \file
/// epicor::EpicorFunction, a function of an Epicor Functions library
/// (`/api/v2/efx/...`, Kinetic REST v2 only).

#include <epicor/export.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace epicor {

namespace detail {
struct ConnectionState;
}

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

private:
    std::shared_ptr<detail::ConnectionState> state_;
    std::string library_;
    std::string function_;
    bool staging_;
};

}  // namespace epicor
