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
    /// `base_url` is `https://host/ERPInstance`; a trailing `/` is ignored.
    /// Throws ConfigError ("Company") when `version` is v2 and `company` is
    /// empty, and ConfigError ("URL") when `base_url` is not http(s).
    Address(std::string base_url, ApiVersion version, std::string company);

    /// v1 `{base}/api/v1/`, v2 `{base}/api/v2/odata/{Company}/`.
    std::string service_list() const;
    /// The service document listing entity sets, ending in `/`.
    std::string service_document(std::string_view service) const;
    /// `.../{Service}/$metadata`.
    std::string metadata(std::string_view service) const;
    /// `.../{Service}/{EntitySet}`.
    std::string entity_set(std::string_view service, std::string_view entity_set) const;
    /// `.../{Service}/{EntitySet}('EPIC06',12)`. Throws DataError on an empty key.
    std::string entity(std::string_view service, std::string_view entity_set,
                       const std::vector<Value>& key) const;
    /// `.../{Service}/{Method}`, a business object method.
    std::string method(std::string_view service, std::string_view method) const;
    /// BAQ rows: v1 `{base}/api/v1/BaqSvc/{BaqID}/`, v2
    /// `{base}/api/v2/odata/{Company}/BaqSvc/{BaqID}/Data`.
    std::string baq(std::string_view baq_id) const;
    /// Epicor Function (v2 only): `{base}/api/v2/efx/{Company}/{Library}/{Function}`,
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
