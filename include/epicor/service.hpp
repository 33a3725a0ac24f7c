#pragma once

/// \file
/// epicor::Service, one Kinetic service such as `Erp.BO.CustomerSvc`: its
/// entity sets, its `$metadata`, and its business object methods.

#include <epicor/business_object.hpp>
#include <epicor/column.hpp>
#include <epicor/entity_set.hpp>
#include <epicor/export.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

/// One Kinetic service. A cheap handle: copies share the connection.
class EPICOR_API Service {
public:
    Service(std::shared_ptr<detail::ConnectionState> state, std::string name);

    const std::string& name() const noexcept { return name_; }

    /// Returns the entity set names from the service document
    /// (`GET .../{Service}/`). Throws NotFoundError for an unknown service
    /// (names are case-sensitive) and the other HttpError subclasses,
    /// TransportError or DataError of a failed request.
    std::vector<std::string> entity_sets() const;

    /// Returns a handle to an entity set. Sends nothing.
    EntitySet entity_set(std::string name) const;

    /// Returns the columns of an entity set from `$metadata`, which is read
    /// once per connection and service. Throws as EntitySet::columns().
    std::vector<Column> columns(std::string_view entity_set) const;

    /// Calls a business object method (`POST .../{Service}/{Method}`) with a
    /// JSON object of parameters, e.g. `{{"custNum", 12}}`, and returns
    /// `returnObj` and `parameters` apart. Throws DataError when
    /// `parameters` is not an object or the response is not JSON, and the
    /// HttpError that matches an error status. The call is never retried once
    /// its body may have reached the server.
    MethodResult call(std::string_view method,
                      const nlohmann::json& parameters = nlohmann::json::object()) const;

    /// Calls a business object method like call(), with parameters given as
    /// typed Values so a Decimal is sent with every digit, e.g.
    /// `{{"ipCreditLimit", Decimal::parse("12345678901234567890123456.78")}}`.
    /// Throws DataError for an empty or repeated parameter name, and
    /// otherwise as call().
    MethodResult call_with_values(std::string_view method, const FieldValues& parameters) const;

private:
    MethodResult send_method(std::string_view method, std::string body) const;

    std::shared_ptr<detail::ConnectionState> state_;
    std::string name_;
};

}  // namespace epicor
