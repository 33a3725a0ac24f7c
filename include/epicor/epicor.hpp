#pragma once

/// \file
/// Umbrella header: includes every public header of the library.

#include <epicor/api_version.hpp>
#include <epicor/authenticator.hpp>
#include <epicor/baq.hpp>
#include <epicor/business_object.hpp>
#include <epicor/cancellation.hpp>
#include <epicor/column.hpp>
#include <epicor/connection.hpp>
#include <epicor/connection_settings.hpp>
#include <epicor/connection_string.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/date_time.hpp>
#include <epicor/decimal.hpp>
#include <epicor/entity_set.hpp>
#include <epicor/epicor_function.hpp>
#include <epicor/error.hpp>
#include <epicor/filter.hpp>
#include <epicor/guid.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>
#include <epicor/oauth.hpp>
#include <epicor/property_catalog.hpp>
#include <epicor/query.hpp>
#include <epicor/query_options.hpp>
#include <epicor/result_set.hpp>
#include <epicor/retry_policy.hpp>
#include <epicor/service.hpp>
#include <epicor/session.hpp>
#include <epicor/token_store.hpp>
#include <epicor/transport_factory.hpp>
#include <epicor/value.hpp>
#include <epicor/version.hpp>
