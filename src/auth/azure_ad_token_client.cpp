#include "auth/azure_ad_token_client.hpp"

#include <epicor/error.hpp>

#include <cctype>

namespace epicor::azure {
namespace {

constexpr std::string_view kAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

bool is_unreserved(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

std::string tenant_base(const AzureAdEndpoints& endpoints) {
    std::string base = endpoints.authority;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base + "/" + endpoints.tenant + "/oauth2/v2.0/";
}

}  // namespace

std::string AzureAdEndpoints::authorize_url() const {
    return tenant_base(*this) + "authorize";
}

std::string AzureAdEndpoints::token_url() const {
    return tenant_base(*this) + "token";
}

std::string percent_encode(std::string_view text) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c)) {
            out.push_back(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0Fu]);
        }
    }
    return out;
}

void append_form_field(std::string& form, std::string_view name, std::string_view value) {
    if (!form.empty()) {
        form.push_back('&');
    }
    form += percent_encode(name);
    form.push_back('=');
    form += percent_encode(value);
}

std::string url_host(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    std::string_view rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    const auto at = rest.rfind('@');
    if (at != std::string_view::npos) {
        rest.remove_prefix(at + 1);
    }
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        return std::string(rest.substr(1, close == std::string_view::npos ? rest.npos : close - 1));
    }
    return std::string(rest.substr(0, rest.find(':')));
}

bool is_loopback_host(std::string_view host) {
    std::string lower;
    for (char c : host) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (lower == "localhost" || lower == "::1") {
        return true;
    }
    // 127.0.0.0/8 in dotted-quad form only; other spellings are not loopback here.
    if (lower.rfind("127.", 0) != 0) {
        return false;
    }
    int dots = 0;
    for (char c : lower) {
        if (c == '.') {
            ++dots;
        } else if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return dots == 3;
}

void validate_endpoints(const AzureAdEndpoints& endpoints) {
    if (endpoints.tenant.empty()) {
        throw AuthError("AzureTenant is empty; give the directory (tenant) id or domain of the "
                        "app registration, or \"common\"");
    }
    for (char c : endpoints.tenant) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') {
            throw AuthError("invalid AzureTenant " + endpoints.tenant +
                            ": use the tenant id (a GUID), a domain such as "
                            "contoso.onmicrosoft.com, or \"common\"");
        }
    }

    const std::string& authority = endpoints.authority;
    const bool https = authority.rfind("https://", 0) == 0;
    const bool http = authority.rfind("http://", 0) == 0;
    if (!https && !(http && is_loopback_host(url_host(authority)))) {
        throw AuthError("invalid Azure AD authority URL " + authority +
                        ": it must start with https:// (plain http is allowed only for a "
                        "loopback test server)");
    }
}

std::string build_authorization_url(const AzureAdEndpoints& endpoints,
                                    std::string_view client_id,
                                    const AuthorizationRequest& request) {
    if (client_id.empty()) {
        throw AuthError("OAuthClientId is empty; set it to the application (client) id of the "
                        "Azure AD app registration");
    }
    validate_endpoints(endpoints);

    std::string query;
    append_form_field(query, "client_id", client_id);
    append_form_field(query, "response_type", "code");
    append_form_field(query, "redirect_uri", request.redirect_uri);
    append_form_field(query, "response_mode", "query");
    append_form_field(query, "scope", request.scope);
    append_form_field(query, "state", request.state);
    if (!request.code_challenge.empty()) {
        append_form_field(query, "code_challenge", request.code_challenge);
        append_form_field(query, "code_challenge_method", "S256");
    }
    if (!request.prompt.empty()) {
        append_form_field(query, "prompt", request.prompt);
    }
    return endpoints.authorize_url() + "?" + query;
}

AzureAdTokenClient::AzureAdTokenClient(AzureAdEndpoints endpoints, ClientCredential credential,
                                       std::shared_ptr<Transport> transport, Clock clock,
                                       std::shared_ptr<Logger> logger)
    : endpoints_(std::move(endpoints)),
      credential_(std::move(credential)),
      transport_(std::move(transport)),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })),
      logger_(logger ? std::move(logger) : default_logger()) {
    validate_endpoints(endpoints_);
    if (credential_.client_id.empty()) {
        throw AuthError("OAuthClientId is empty; set it to the application (client) id of the "
                        "Azure AD app registration");
    }
    if (!transport_) {
        throw AuthError("the Azure AD token client needs an HTTP transport");
    }
}

TokenResponse AzureAdTokenClient::redeem_authorization_code(std::string_view code,
                                                            std::string_view redirect_uri,
                                                            std::string_view code_verifier,
                                                            std::string_view scope) const {
    if (code.empty()) {
        throw AuthError("the authorization code (OAuthVerifier) is empty; copy the code "
                        "parameter from the redirect URL");
    }
    std::string form;
    append_form_field(form, "grant_type", "authorization_code");
    append_form_field(form, "code", code);
    append_form_field(form, "redirect_uri", redirect_uri);
    if (!code_verifier.empty()) {
        append_form_field(form, "code_verifier", code_verifier);
    }
    if (!scope.empty()) {
        append_form_field(form, "scope", scope);
    }
    return post(std::move(form));
}

TokenResponse AzureAdTokenClient::redeem_refresh_token(std::string_view refresh_token,
                                                       std::string_view scope) const {
    if (refresh_token.empty()) {
        throw AuthError("no refresh token is available: authorize again with `epicor login` or "
                        "the GetOAuthAuthorizationURL and GetOAuthAccessToken procedures",
                        "invalid_grant");
    }
    std::string form;
    append_form_field(form, "grant_type", "refresh_token");
    append_form_field(form, "refresh_token", refresh_token);
    if (!scope.empty()) {
        append_form_field(form, "scope", scope);
    }
    return post(std::move(form));
}

TokenResponse AzureAdTokenClient::post(std::string form) const {
    const std::string token_url = endpoints_.token_url();
    append_form_field(form, "client_id", credential_.client_id);
    if (credential_.certificate) {
        append_form_field(form, "client_assertion_type", kAssertionType);
        append_form_field(form, "client_assertion",
                          make_client_assertion(*credential_.certificate, credential_.algorithm,
                                                credential_.client_id, token_url, clock_()));
    } else if (!credential_.client_secret.empty()) {
        append_form_field(form, "client_secret", credential_.client_secret);
    }

    HttpRequest request;
    request.method = "POST";
    request.url = token_url;
    request.headers.set("Content-Type", "application/x-www-form-urlencoded");
    request.headers.set("Accept", "application/json");
    request.body = std::move(form);
    // A code or a rotating refresh token is single-use, so the request must not
    // be replayed once its body may have reached Azure AD.
    request.idempotent = false;

    const HttpResponse response = transport_->send(request);
    logger_->log(LogLevel::content, [&] {
        return "Azure AD token response: HTTP " + std::to_string(response.status) + " " +
               sanitize_token_body(response.body);
    });
    try {
        return parse_token_response(response, token_url);
    } catch (const AuthError& error) {
        logger_->error(error.what());
        throw;
    }
}

}  // namespace epicor::azure
