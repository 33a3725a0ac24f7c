#include "auth/kinetic_headers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace epicor::auth {
namespace {

struct LicenseEntry {
    std::string_view name;
    std::string_view guid;
};

// ClaimedLicense GUIDs as Kinetic clients send them in the License header.
constexpr std::array<LicenseEntry, 4> license_table{{
    {"Default", "00000003-B615-4300-957B-34956697F040"},
    {"WebService", "00000003-9439-4B30-A6F4-6D2FD4B9FD0F"},
    {"WebServiceShared", "00000003-231B-4E2B-9B47-13F87EA9A0A3"},
    {"DataCollection", "00000003-B8EB-40C4-8897-248CB30C5D47"},
}};

bool equals_ignore_case(std::string_view left, std::string_view right) {
    return left.size() == right.size() &&
           std::equal(left.begin(), left.end(), right.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

bool is_guid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? text[i] != '-'
                          : std::isxdigit(static_cast<unsigned char>(text[i])) == 0) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> license_guid(std::string_view license_type) {
    for (const auto& entry : license_table) {
        if (equals_ignore_case(entry.name, license_type)) {
            return std::string(entry.guid);
        }
    }
    if (is_guid(license_type)) {
        return std::string(license_type);
    }
    return std::nullopt;
}

std::string call_settings_json(const KineticHeaderValues& values) {
    nlohmann::json settings = nlohmann::json::object();
    if (!values.api_v2 && !values.company.empty()) {
        settings["Company"] = values.company;
    }
    if (!values.plant.empty()) {
        if (values.api_v2 && !values.company.empty()) {
            settings["Company"] = values.company;
        }
        settings["Plant"] = values.plant;
    }
    return settings.empty() ? std::string{} : settings.dump();
}

void apply_kinetic_headers(const KineticHeaderValues& values, HttpRequest& request) {
    if (!request.headers.contains("Accept")) {
        request.headers.set("Accept", "application/json");
    }
    if (!values.api_key.empty()) {
        request.headers.set("x-api-key", values.api_key);
    }
    const std::string call_settings = call_settings_json(values);
    if (!call_settings.empty()) {
        request.headers.set("CallSettings", call_settings);
    }
    if (!values.license_guid.empty()) {
        nlohmann::json license = {{"ClaimedLicense", values.license_guid}};
        request.headers.set("License", license.dump());
    }
}

}  // namespace epicor::auth
