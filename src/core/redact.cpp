#include "core/redact.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>

namespace epicor::detail {
namespace {

char to_lower(char c) noexcept {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lowercase(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), to_lower);
    return result;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Decodes %XX escapes and '+' so "api%2Dkey" and "client+secret" are
// recognised. An invalid escape is kept as written.
std::string percent_decode(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                result.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        result.push_back(c == '+' ? ' ' : c);
    }
    return result;
}

// Lowercases `name` and drops '-', '_', '.' and spaces, so "client_secret",
// "Client-Secret" and "ClientSecret" compare equal.
std::string normalize_name(std::string_view name) {
    std::string result;
    result.reserve(name.size());
    for (const char c : name) {
        if (c != '-' && c != '_' && c != '.' && c != ' ') {
            result.push_back(to_lower(c));
        }
    }
    return result;
}

// Redacts the values of secret fields in "a=1&b=2" text (a URL query or a
// form body).
std::string redact_pairs(std::string_view pairs) {
    std::string result;
    result.reserve(pairs.size());
    std::size_t start = 0;
    while (start <= pairs.size()) {
        std::size_t end = pairs.find('&', start);
        if (end == std::string_view::npos) {
            end = pairs.size();
        }
        const std::string_view pair = pairs.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos &&
            is_secret_name(percent_decode(pair.substr(0, equals)))) {
            result.append(pair.substr(0, equals + 1));
            result.append(redacted_text);
        } else {
            result.append(pair);
        }
        if (end == pairs.size()) {
            break;
        }
        result.push_back('&');
        start = end + 1;
    }
    return result;
}

void redact_json_value(nlohmann::json& value) {
    if (value.is_object()) {
        for (auto& item : value.items()) {
            if (is_secret_name(item.key())) {
                item.value() = std::string(redacted_text);
            } else {
                redact_json_value(item.value());
            }
        }
    } else if (value.is_array()) {
        for (auto& element : value) {
            redact_json_value(element);
        }
    }
}

std::string media_type(std::string_view content_type) {
    const std::size_t semicolon = content_type.find(';');
    std::string_view type = content_type.substr(0, semicolon);
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back())) != 0) {
        type.remove_suffix(1);
    }
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front())) != 0) {
        type.remove_prefix(1);
    }
    return lowercase(type);
}

}  // namespace

bool is_secret_name(std::string_view name) noexcept {
    // Names matched whole after normalize_name().
    static constexpr std::array<std::string_view, 10> exact_names = {
        "code", "sig", "signature", "pwd", "passwd", "pass", "key", "auth", "xapikey", "sessionid"};
    // Names that contain one of these anywhere are secret too, e.g.
    // OAuthClientSecret, ProxyPassword, refresh_token, client_assertion.
    static constexpr std::array<std::string_view, 10> secret_parts = {
        "password", "secret", "token", "apikey", "assertion", "verifier", "cookie",
        "authorization", "credential", "privatekey"};

    std::string normalized;
    try {
        normalized = normalize_name(name);
    } catch (...) {
        return true;  // Out of memory: err on the side of hiding the value.
    }
    for (const std::string_view exact : exact_names) {
        if (normalized == exact) {
            return true;
        }
    }
    for (const std::string_view part : secret_parts) {
        if (normalized.find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::string redact_url(std::string_view url) {
    const std::size_t hash = url.find('#');
    if (hash != std::string_view::npos) {
        url = url.substr(0, hash);
    }

    std::string result;
    std::size_t authority_start = 0;
    const std::size_t scheme_end = url.find("://");
    if (scheme_end != std::string_view::npos) {
        authority_start = scheme_end + 3;
    }
    std::size_t authority_end = url.find_first_of("/?", authority_start);
    if (authority_end == std::string_view::npos) {
        authority_end = url.size();
    }
    const std::string_view authority = url.substr(authority_start, authority_end - authority_start);
    const std::size_t at = authority.rfind('@');

    result.append(url.substr(0, authority_start));
    if (at != std::string_view::npos) {
        result.append(redacted_text);
        result.append(authority.substr(at));
    } else {
        result.append(authority);
    }

    const std::string_view rest = url.substr(authority_end);
    const std::size_t question = rest.find('?');
    if (question == std::string_view::npos) {
        result.append(rest);
        return result;
    }
    result.append(rest.substr(0, question + 1));
    result.append(redact_pairs(rest.substr(question + 1)));
    return result;
}

std::string redact_header_value(std::string_view name, std::string_view value) {
    const std::string lower = lowercase(name);
    if (lower == "authorization" || lower == "proxy-authorization") {
        const std::size_t space = value.find(' ');
        if (space == std::string_view::npos) {
            return std::string(redacted_text);
        }
        return std::string(value.substr(0, space + 1)) + std::string(redacted_text);
    }
    // These headers carry a URL, and a redirect to the sign-in callback puts
    // the authorization code in its query.
    if (lower == "location" || lower == "content-location" || lower == "referer") {
        return redact_url(value);
    }
    // TokenResource.svc takes the login in "username" and "password" headers.
    if (lower == "cookie" || lower == "set-cookie" || lower == "username" || is_secret_name(lower)) {
        return std::string(redacted_text);
    }
    return std::string(value);
}

std::string redact_form_body(std::string_view body) {
    return redact_pairs(body);
}

std::string redact_json_body(std::string_view body) {
    nlohmann::json document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        return "[body of " + std::to_string(body.size()) + " bytes is not valid JSON, not logged]";
    }
    redact_json_value(document);
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string redact_body(std::string_view content_type, std::string_view body) {
    if (body.empty()) {
        return {};
    }
    const std::string type = media_type(content_type);
    if (type == "application/x-www-form-urlencoded") {
        return redact_form_body(body);
    }
    if (type == "application/json" || (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0)) {
        return redact_json_body(body);
    }
    return "[body of " + std::to_string(body.size()) + " bytes of type '" +
           (type.empty() ? std::string("unknown") : type) + "', not logged]";
}

}  // namespace epicor::detail
