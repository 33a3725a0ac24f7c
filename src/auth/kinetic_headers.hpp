#pragma once

/// \file
/// The Kinetic-specific headers every request carries besides the login:
/// x-api-key, CallSettings (company and plant) and License.

#include <epicor/http.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace epicor::auth {

/// Returns the ClaimedLicense GUID for a LicenseType name (Default,
/// WebService, WebServiceShared, DataCollection; case-insensitive), or the
/// value itself when it already is a GUID. Returns nothing for any other
/// value.
std::optional<std::string> license_guid(std::string_view license_type);

/// Values for the Kinetic headers. Empty fields are not sent.
struct KineticHeaderValues {
    std::string api_key;
    std::string company;
    std::string plant;
    /// ClaimedLicense GUID; see license_guid().
    std::string license_guid;
    /// v1 takes the company from CallSettings; v2 takes it from the path
    /// and gets CallSettings only when a plant is set.
    bool api_v2 = false;
};

/// Sets x-api-key, CallSettings and License on `request`, replacing fields
/// of the same names, and Accept: application/json unless the request
/// already has an Accept field.
void apply_kinetic_headers(const KineticHeaderValues& values, HttpRequest& request);

/// Returns the CallSettings JSON text for `values`, or an empty string when
/// no CallSettings header is needed.
std::string call_settings_json(const KineticHeaderValues& values);

}  // namespace epicor::auth
