#pragma once

/// \file
/// The Kinetic REST API version, which also fixes the OData dialect.

namespace epicor {

/// Kinetic REST API version: `v1` speaks OData 3 (JSON light, `odata.*`
/// annotations, typed literals such as `datetime'...'`), `v2` speaks OData 4
/// (`@odata.*` annotations, bare date-time and GUID literals, the company in
/// the path).
enum class ApiVersion {
    v1,
    v2,
};

}  // namespace epicor
