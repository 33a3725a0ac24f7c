#pragma once

/// \file
/// The `$metadata` document (CSDL XML) and the service document of a mock
/// service, for both API versions.

#include <epicor/testing/export.hpp>
#include <epicor/testing/schema.hpp>

#include <string>
#include <string_view>

namespace epicor::testing {

/// Returns the CSDL of `service`.
///
/// v1: EDMX 1.0 with `DataServiceVersion` 3.0 (OData 3), DateTime fields as
/// `Edm.DateTime`, navigation properties with an `Association` and
/// `AssociationSet` per navigation. v2: EDMX 4.0 (OData 4), DateTime fields
/// as `Edm.DateTimeOffset`, navigation properties with
/// `NavigationPropertyBinding`. Both: the schema namespace is the service
/// name, keys in key order, `Nullable="false"` on non-nullable fields,
/// `MaxLength`, and `Precision`/`Scale` on decimals.
EPICOR_TESTING_API std::string write_metadata(const ServiceInfo& service, ODataVersion version);

/// Returns the JSON service document listing the service's entity sets:
/// v1 `{"odata.metadata":METADATA_URL,"value":[{"name":"Customers","url":"Customers"}]}`,
/// v2 `{"@odata.context":METADATA_URL,"value":[{"name":"Customers","kind":"EntitySet","url":"Customers"}]}`.
EPICOR_TESTING_API std::string write_service_document(const ServiceInfo& service,
                                                      ODataVersion version,
                                                      std::string_view metadata_url);

}  // namespace epicor::testing
