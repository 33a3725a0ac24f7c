#pragma once

/// \file
/// The result of a business object method call, such as
/// `Erp.BO.CustomerSvc/GetByID`.

#include <nlohmann/json.hpp>

namespace epicor {

/// What a business object method returned. Kinetic answers
/// `{"returnObj": ..., "parameters": {...}}`.
///
/// NOTE: the JSON here is parsed with nlohmann::json, so a decimal with more
/// digits than a double holds loses its last digits. Entity-set and BAQ
/// queries keep every digit.
struct MethodResult {
    /// `returnObj`: the method's return value (a tableset for GetByID), or
    /// null for a method that returns nothing.
    nlohmann::json return_value;
    /// `parameters`: the by-reference and out parameters, such as `ds` or
    /// `morePage`; an empty object when there are none.
    nlohmann::json parameters = nlohmann::json::object();
};

}  // namespace epicor
