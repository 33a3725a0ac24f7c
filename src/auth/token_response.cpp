#include "auth/token_response.hpp"

#include <epicor/error.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>

namespace epicor::azure {
namespace {

using nlohmann::json;

const char* const kSecretFields[] = {
    "access_token", "id_token", "refresh_token", "code", "client_secret",
    "client_assertion", "code_verifier", "assertion", "password"};

std::string first_line(std::string_view text) {
    const auto end = text.find_first_of("\r\n");
    return std::string(text.substr(0, end));
}

std::optional<std::int64_t> read_expires_in(const json& value) {
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.empty() || text.size() > 18) {
            return std::nullopt;
        }
        std::int64_t number = 0;
        for (char c : text) {
            if (!std::isdigit(static_cast<unsigned char>(c))) {
                return std::nullopt;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
    return std::nullopt;
}

std::string string_field(const json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_string()) {
        return {};
    }
    return it->get<std::string>();
}

[[noreturn]] void throw_oauth_error(const json& body, int status, std::string_view token_url) {
    const std::string error = string_field(body, "error");
    const std::string description = first_line(string_field(body, "error_description"));
    const std::string aadsts = find_aadsts_code(description);

    std::string message = "Azure AD token request to " + std::string(token_url) +
                          " failed with HTTP " + std::to_string(status) + ": " + error;
    if (!description.empty()) {
        message += " (" + description + ")";
    }
    if (error == "invalid_grant") {
        message += ". The authorization code or refresh token is expired, revoked or already "
                   "used: authorize again with `epicor login` or the GetOAuthAuthorizationURL "
                   "and GetOAuthAccessToken procedures";
    } else if (error == "invalid_client" || error == "unauthorized_client") {
        message += ". Check OAuthClientId, OAuthClientSecret or OAuthJWTCert against the app "
                   "registration in AzureTenant";
    } else {
        message += ". Check AzureTenant, OAuthClientId, CallbackURL and Scope";
    }
    throw AuthError(message, error, aadsts);
}

}  // namespace

std::string find_aadsts_code(std::string_view text) {
    constexpr std::string_view kPrefix = "AADSTS";
    for (std::size_t at = text.find(kPrefix); at != std::string_view::npos;
         at = text.find(kPrefix, at + 1)) {
        std::size_t end = at + kPrefix.size();
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) {
            ++end;
        }
        if (end > at + kPrefix.size()) {
            return std::string(text.substr(at, end - at));
        }
    }
    return {};
}

TokenResponse parse_token_response(const HttpResponse& response, std::string_view token_url) {
    const json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
        const auto content_type = response.headers.get("Content-Type").value_or("none");
        throw AuthError("Azure AD token endpoint " + std::string(token_url) + " returned HTTP " +
                        std::to_string(response.status) + " with a body that is not a JSON "
                        "object (Content-Type " + content_type + ", " +
                        std::to_string(response.body.size()) + " bytes). A proxy or a wrong "
                        "authority URL may have answered; check AzureTenant and the proxy "
                        "settings");
    }

    if (body.contains("error") || !response.ok()) {
        throw_oauth_error(body, response.status, token_url);
    }

    TokenResponse tokens;
    tokens.access_token = string_field(body, "access_token");
    tokens.id_token = string_field(body, "id_token");
    tokens.refresh_token = string_field(body, "refresh_token");
    tokens.token_type = string_field(body, "token_type");
    if (tokens.access_token.empty()) {
        throw AuthError("Azure AD token endpoint " + std::string(token_url) +
                        " returned no access_token; check Scope and the app registration");
    }

    const auto expires = body.find("expires_in");
    if (expires == body.end()) {
        throw AuthError("Azure AD token endpoint " + std::string(token_url) +
                        " returned no expires_in; the response is not an Azure AD token "
                        "response, check the authority URL");
    }
    const auto seconds = read_expires_in(*expires);
    if (!seconds || *seconds < 1 || *seconds > kMaxExpiresIn.count()) {
        throw AuthError("Azure AD token endpoint " + std::string(token_url) +
                        " returned an invalid expires_in " + expires->dump().substr(0, 40) +
                        "; expected whole seconds between 1 and " +
                        std::to_string(kMaxExpiresIn.count()));
    }
    tokens.expires_in = std::chrono::seconds(*seconds);

    if (!tokens.token_type.empty()) {
        std::string lower;
        for (char c : tokens.token_type) {
            lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        if (lower != "bearer") {
            throw AuthError("Azure AD token endpoint " + std::string(token_url) +
                            " returned token_type " + tokens.token_type +
                            "; only Bearer tokens are supported");
        }
    }
    return tokens;
}

std::string sanitize_token_body(std::string_view body) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return "<" + std::to_string(body.size()) + " bytes, not JSON>";
    }
    for (const char* field : kSecretFields) {
        if (parsed.contains(field)) {
            parsed[field] = "***";
        }
    }
    return parsed.dump();
}

}  // namespace epicor::azure
