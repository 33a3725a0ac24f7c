#pragma once

// The one rule that `Readonly=true` applies: which requests may change
// data. Entity-set writes, business-object methods, Epicor Functions and
// Connection::send() all ask here before they send anything.

#include "client/client_config.hpp"

#include <epicor/http.hpp>

#include <string>
#include <string_view>

namespace epicor::detail {

/// Returns true for a business-object method that only reads, by Kinetic's
/// naming convention: "Get" followed by an upper-case letter or nothing,
/// such as GetByID, GetList, GetRows, GetBySysRowID or GetNewCustomer (a
/// GetNew method returns an unsaved row). Every other method may write.
/// NOTE: the rule trusts the name; a customised Get method that writes is
/// still let through.
bool is_read_only_method(std::string_view method) noexcept;

/// Returns true when `request` may change data: any HTTP method other than
/// GET, HEAD and OPTIONS, or an X-HTTP-Method or X-HTTP-Method-Override
/// header that names such a method.
bool may_change_data(const HttpRequest& request);

/// Throws ConfigError naming Readonly when `config.readonly` is set.
/// `operation` names what was rejected, e.g. "the method Erp.BO.CustomerSvc/UpdateExt".
void require_writable(const ClientConfig& config, const std::string& operation);

}  // namespace epicor::detail
