#pragma once

/// \file
/// The result of a business object method call, such as
/// `Erp.BO.CustomerSvc/GetByID`.
///
///     const epicor::MethodResult result =
///         conn.service("Erp.BO.CustomerSvc").call("GetByID", {{"custNum", 1}});
///     for (const epicor::Row& customer : result.table("Customer")) {
///         const epicor::Decimal limit = customer.get<epicor::Decimal>("CreditLimit");  // exact
///     }

#include <epicor/export.hpp>
#include <epicor/result_set.hpp>
#include <epicor/value.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace epicor {

namespace detail {
struct ResponseBody;
}

/// What a business object method returned. Kinetic answers
/// `{"returnObj": ..., "parameters": {...}}`.
///
/// Two ways to read it:
/// - `return_value` and `parameters` are nlohmann::json for convenience.
///   nlohmann::json stores a non-integer number as a double, so a decimal
///   with more significant digits than a double can represent (about 15) loses its
///   last digits there.
/// - table(), parameter_table() and parameter() read the response text
///   again and keep every digit: decimals come back as epicor::Decimal.
///   Use them for money and quantities.
struct EPICOR_API MethodResult {
    /// `returnObj`: the method's return value (a tableset for GetByID), or
    /// null for a method that returns nothing. Decimals may be rounded.
    nlohmann::json return_value;
    /// `parameters`: the by-reference and out parameters, such as `ds` or
    /// `morePage`; an empty object when there are none. Decimals may be
    /// rounded.
    nlohmann::json parameters = nlohmann::json::object();

    /// Returns the rows of the table `name` of the returned tableset
    /// (`returnObj.{name}`, e.g. "Customer" for GetByID or "CustomerList"
    /// for GetList), exactly. Column types come from the service's
    /// `$metadata` when it declares the entity type `{name}Row`. Otherwise
    /// they are inferred: integers as int64, other numbers as Decimal, and
    /// strings (dates included) as strings. Throws DataError when the
    /// tableset has no such table (names are case-sensitive), when it is
    /// not an array of row objects, or when a value does not fit its
    /// declared type.
    std::vector<Row> table(std::string_view name) const;

    /// Returns the rows of the table `table` of the tableset parameter
    /// `parameter` (`parameters.{parameter}.{table}`, e.g. "ds" and
    /// "Customer" after UpdateExt), exactly. Types and throws as table().
    std::vector<Row> parameter_table(std::string_view parameter, std::string_view table) const;

    /// Returns the out parameter `name` exactly: a decimal as Decimal, an
    /// integer as int64, a string as a string, an object or array as
    /// nested JSON (whose numbers are doubles). Returns null when the
    /// response has no such parameter.
    Value parameter(std::string_view name) const;

    /// Returns `returnObj` exactly when it is a single value (a number,
    /// string or bool), as parameter() does. Returns null when there is
    /// none, and nested JSON for a tableset: read those with table().
    Value return_scalar() const;

    /// The response text and what the exact accessors need to type it; set
    /// by Service::call(). Null in a default-constructed result, whose exact
    /// accessors then find nothing.
    std::shared_ptr<const detail::ResponseBody> response;
};

}  // namespace epicor
