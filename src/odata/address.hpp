#pragma once

// Kinetic REST addresses for API v1 (OData 3) and v2 (OData 4). Every name
// passed in becomes one percent-encoded path segment, so a service, entity
// set, BAQ or function name can never add a segment or a query.

#include <epicor/api_version.hpp>
#include <epicor/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace epicor::odata {

class Address {
public:
    /// Takes `base_url` as `https://host/ERPInstance`, ignoring a trailing
    /// `/`. Throws ConfigError for "Company" when `version` is v2 and
    /// `company` is empty, and for "URL" when `base_url` is not an http or
    /// https URL or has a query or fragment.
    Address(std::string base_url, ApiVersion version, std::string company);

    /// Returns the service list: v1 `{base}/api/v1/`, v2 `{base}/api/v2/odata/{Company}/`.
    std::string service_list() const;
    /// Returns the service document that lists entity sets, ending in `/`.
    std::string service_document(std::string_view service) const;
    /// Returns `.../{Service}/$metadata`.
    std::string metadata(std::string_view service) const;
    /// Returns `.../{Service}/{EntitySet}`.
    std::string entity_set(std::string_view service, std::string_view entity_set) const;
    /// Returns `.../{Service}/{EntitySet}('EPIC06',12)`. Throws DataError when
    /// the key is empty or has a null part.
    std::string entity(std::string_view service, std::string_view entity_set,
                       const std::vector<Value>& key) const;
    /// Returns `.../{Service}/{Method}`, a business object method.
    std::string method(std::string_view service, std::string_view method) const;
    /// Returns the BAQ rows address: v1 `{base}/api/v1/BaqSvc/{BaqID}/`, v2
    /// `{base}/api/v2/odata/{Company}/BaqSvc/{BaqID}/Data`.
    std::string baq(std::string_view baq_id) const;
    /// Returns an Epicor Function address (v2 only): `{base}/api/v2/efx/{Company}/{Library}/{Function}`,
    /// or `{base}/api/v2/efx/staging/{Company}/...` for an unpublished one.
    /// Throws ConfigError ("ApiVersion") on v1, which has no functions.
    std::string function(std::string_view library, std::string_view function,
                         bool staging = false) const;

    ApiVersion version() const noexcept { return version_; }
    const std::string& company() const noexcept { return company_; }
    const std::string& base_url() const noexcept { return base_url_; }

private:
    std::string service_root(std::string_view service) const;

    std::string base_url_;
    ApiVersion version_;
    std::string company_;
};

/// Percent-encodes one path segment (RFC 3986 `segment`): unreserved
/// characters and `'()*,;=:@!$&+` stay, everything else (`/`, `?`, `#`,
/// `%`, space, non-ASCII bytes) becomes `%XX`. Throws DataError for an
/// empty segment, `.` or `..`, which would change the path.
std::string encode_path_segment(std::string_view name);

}  // namespace epicor::odata
