#include <epicor/property_catalog.hpp>

#include "config/text.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

namespace epicor {
namespace {

constexpr std::int64_t kMaxSeconds = 86'400;                  // one day
constexpr std::int64_t kMaxTokenLifetime = 315'360'000;       // ten years, in seconds
constexpr std::int64_t kMaxEpochMilliseconds = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
constexpr std::int64_t kKiB = 1024;

PropertyInfo text(std::string group, std::string name, std::string help) {
    PropertyInfo info;
    info.group = std::move(group);
    info.name = std::move(name);
    info.help = std::move(help);
    return info;
}

PropertyInfo with_type(PropertyInfo info, PropertyType type, std::string default_value = {}) {
    info.type = type;
    info.default_value = std::move(default_value);
    return info;
}

PropertyInfo with_range(PropertyInfo info, std::int64_t min_value, std::int64_t max_value) {
    info.min_value = min_value;
    info.max_value = max_value;
    return info;
}

PropertyInfo with_values(PropertyInfo info, std::vector<std::string> allowed, std::string default_value) {
    info.type = PropertyType::enumeration;
    info.allowed_values = std::move(allowed);
    info.default_value = std::move(default_value);
    return info;
}

PropertyInfo with_aliases(PropertyInfo info, std::vector<std::string> aliases) {
    info.aliases = std::move(aliases);
    return info;
}

PropertyInfo multiline(PropertyInfo info) {
    info.multiline = true;
    return info;
}

PropertyInfo secret(PropertyInfo info) {
    info.sensitive = true;
    return info;
}

void add_connection(std::vector<PropertyInfo>& list) {
    const std::string group = "Connection";
    list.push_back(with_aliases(
        with_type(text(group, "URL",
                       "Base address of the Kinetic server, e.g. `https://acme.epicorsaas.com`. It must be "
                       "an http or https URL with a host. A path is allowed, a query or fragment is not. "
                       "Required."),
                  PropertyType::url),
        {"Server"}));
    list.push_back(with_aliases(
        text(group, "ERPInstance",
             "Name of the Kinetic application on the server, which is the first path segment of "
             "every request, e.g. `SaaS840` or `Kinetic`. It must be one segment, so `/` inside "
             "it, `\\`, `.` and `..` are rejected; a space or other reserved character is "
             "percent-encoded."),
        {"Instance"}));
    list.push_back(text(group, "Service",
                        "Default service for queries, e.g. `Erp.BO.CustomerSvc` or `BaqSvc`. Service "
                        "names are case-sensitive."));
    list.push_back(secret(text(group, "ApiKey",
                               "Kinetic API key, sent in the `x-api-key` header. Kinetic requires it on "
                               "every v2 request unless the administrator turned that off, and accepts it "
                               "on v1. It does not replace the sign-in.")));
    list.push_back(with_values(text(group, "ApiVersion",
                                    "REST API version: `v1` (OData 3) or `v2` (OData 4, which needs "
                                    "`Company`)."),
                               {"v1", "v2"}, "v1"));
    list.push_back(text(group, "Company",
                        "Company ID, e.g. `EPIC06`. Required with `ApiVersion=v2`, where it is part of "
                        "every address. With v1 it is sent in the `CallSettings` header."));
    list.push_back(with_aliases(
        text(group, "Plant",
             "Plant (site) ID sent in the `CallSettings` header, e.g. `MfgSys`. Kinetic accepts an "
             "unknown plant without an error, so check the spelling."),
        {"Site"}));
    list.push_back(with_values(
        text(group, "LicenseType",
             "License type claimed in the `License` header: `Default`, `WebService`, "
             "`WebServiceShared`, `DataCollection`, or a license GUID such as "
             "`00000003-B615-4300-957B-34956697F040`. Empty: no `License` header is sent and the "
             "server picks the license."),
        {"Default", "WebService", "WebServiceShared", "DataCollection"}, ""));
}

void add_authentication(std::vector<PropertyInfo>& list) {
    const std::string group = "Authentication";
    list.push_back(with_values(
        text(group, "AuthScheme",
             "How the library signs in. `Basic` sends `User` and `Password` with each request. "
             "`Token` exchanges them for a bearer token at Epicor's `TokenResource.svc` and renews "
             "it before it expires. `AzureADOpenID` signs in with Azure AD (Microsoft Entra ID), see "
             "the OAuth properties. An API key alone is not a scheme: set `ApiKey` beside any of "
             "them."),
        {"Basic", "Token", "AzureADOpenID"}, "Basic"));
    list.push_back(with_aliases(
        text(group, "User", "Kinetic user name. Required with `AuthScheme` `Basic` and `Token`."),
        {"Username", "UID"}));
    list.push_back(with_aliases(
        secret(text(group, "Password",
                    "Password of `User`. Required with `AuthScheme` `Basic` and `Token`.")),
        {"PWD"}));
    list.push_back(with_aliases(
        with_type(text(group, "AzureTenant",
                       "Azure AD tenant ID or domain for `AzureADOpenID`, e.g. "
                       "`contoso.onmicrosoft.com`. The default `common` fails for an application "
                       "registered for a single tenant, so set it to your tenant."),
                  PropertyType::string, "common"),
        {"Tenant"}));
    list.push_back(with_type(
        text(group, "AzureADAuthority",
             "Scheme and host of the Azure AD sign-in endpoints for `AzureADOpenID`; the library "
             "appends `/{AzureTenant}/oauth2/v2.0/authorize` and `/token`. Change it for a national "
             "cloud (e.g. `https://login.microsoftonline.us`) or a test server. It must be an "
             "`https://` URL, or `http://` to a loopback address, with no query or fragment."),
        PropertyType::url, "https://login.microsoftonline.com"));
}

void add_oauth(std::vector<PropertyInfo>& list) {
    const std::string group = "OAuth";
    list.push_back(with_values(
        text(group, "InitiateOAuth",
             "When the library runs the Azure AD sign-in itself. `OFF`: never; the caller supplies "
             "`OAuthAccessToken` or runs the web-flow procedures. `GETANDREFRESH`: opens the browser "
             "when no token is stored and refreshes a stored one. `REFRESH`: never opens a browser; "
             "exchanges `OAuthVerifier` when it is set, else refreshes the stored token."),
        {"OFF", "GETANDREFRESH", "REFRESH"}, "OFF"));
    list.push_back(text(group, "OAuthClientId",
                        "Application (client) ID of the Azure AD app registration. Required with "
                        "`AzureADOpenID` unless `InitiateOAuth=OFF` and `OAuthAccessToken` is set."));
    list.push_back(secret(text(group, "OAuthClientSecret",
                               "Client secret of the app registration. Set it or `OAuthJWTCert`, not "
                               "both.")));
    list.push_back(secret(text(group, "OAuthAccessToken",
                               "Bearer token to send as is, typically with `InitiateOAuth=OFF`.")));
    list.push_back(secret(text(group, "OAuthRefreshToken",
                               "Refresh token used to obtain a new access token.")));
    list.push_back(secret(text(group, "OAuthVerifier",
                               "Authorization code from the redirect after signing in on another "
                               "machine. With `InitiateOAuth=REFRESH` the library exchanges it for "
                               "tokens and stores them in `OAuthSettingsLocation`.")));
    list.push_back(with_type(
        text(group, "OAuthSettingsLocation",
             "File where tokens are kept, encrypted, between runs, or `memory://` to keep them in "
             "the process only. A relative path is relative to the working directory. The file must "
             "be readable and writable so a refreshed token can be saved."),
        PropertyType::path, "OAuthSettings.txt"));
    list.push_back(with_type(
        text(group, "CallbackURL",
             "Redirect URI registered for the app. The sign-in listens on its host and port for the "
             "browser's redirect. An http or https URL with a host and no fragment."),
        PropertyType::url, "http://localhost:33333"));
    list.push_back(with_type(
        text(group, "Scope",
             "Space-separated scopes requested from Azure AD. `openid` yields the id token and "
             "`offline_access` the refresh token. Add your Kinetic application's API scope to use "
             "`OAuthBearerToken=AccessToken`."),
        PropertyType::string, "openid offline_access"));
    list.push_back(with_range(
        with_type(text(group, "OAuthExpiresIn",
                       "Lifetime of `OAuthAccessToken` in seconds, as issued. With "
                       "`OAuthTokenTimestamp` it sets when the token is refreshed. Empty: unknown."),
                  PropertyType::seconds),
        0, kMaxTokenLifetime));
    list.push_back(with_range(
        with_type(text(group, "OAuthTokenTimestamp",
                       "Time `OAuthAccessToken` was issued, in Unix epoch milliseconds. Empty: "
                       "unknown."),
                  PropertyType::integer),
        0, kMaxEpochMilliseconds));
    list.push_back(with_values(
        text(group, "OAuthBearerToken",
             "Which Azure AD token Kinetic receives as the bearer token: `IdToken` (its audience is "
             "the client ID registered in Kinetic) or `AccessToken` (for a deployment that exposes "
             "an API scope; add that scope to `Scope`)."),
        {"IdToken", "AccessToken"}, "IdToken"));
}

void add_jwt_certificate(std::vector<PropertyInfo>& list) {
    const std::string group = "JWT certificate";
    list.push_back(multiline(secret(text(
        group, "OAuthJWTCert",
        "Certificate and private key that sign the client assertion, instead of "
        "`OAuthClientSecret`: a file path or the PEM or base64 text itself, as `OAuthJWTCertType` "
        "says. Always treated as a secret because it can contain the key itself."))));
    list.push_back(with_values(
        text(group, "OAuthJWTCertType",
             "Kind of `OAuthJWTCert`: `PEMKEY_FILE` (a PEM file with certificate and key), "
             "`PEMKEY_BLOB` (that PEM text), `PFXFILE` (a PKCS#12 file) or `PFXBLOB` (that file in "
             "base64)."),
        {"PEMKEY_FILE", "PEMKEY_BLOB", "PFXFILE", "PFXBLOB"}, "PEMKEY_FILE"));
    list.push_back(secret(text(group, "OAuthJWTCertPassword",
                               "Password of the private key or PKCS#12 file in `OAuthJWTCert`.")));
    list.push_back(with_type(
        text(group, "OAuthJWTCertSubject",
             "Subject of the certificate to use when `OAuthJWTCert` contains several. `*` takes the "
             "first one."),
        PropertyType::string, "*"));
    list.push_back(with_values(
        text(group, "OAuthJWTAlgorithm",
             "Signature algorithm of the client assertion made with `OAuthJWTCert`: `RS256` "
             "(RSASSA-PKCS1-v1_5 with SHA-256, the JWT header carries the certificate's SHA-1 "
             "thumbprint as `x5t`) or `PS256` (RSASSA-PSS with SHA-256 and the SHA-256 thumbprint "
             "as `x5t#S256`). Microsoft's certificate-credentials page now recommends `PS256`, and "
             "its earlier versions describe `RS256`."),
        {"RS256", "PS256"}, "RS256"));
}

void add_tls_and_proxy(std::vector<PropertyInfo>& list) {
    const std::string tls = "TLS";
    list.push_back(multiline(text(tls, "SSLServerCert",
                                  "Certificate to trust for the server in place of the system CA "
                                  "store: the path of a PEM file, or PEM text. Empty: the system "
                                  "store.")));
    list.push_back(with_type(
        text(tls, "SSLInsecureSkipVerify",
             "`true` turns off TLS certificate and host name verification. For tests against a "
             "server with a throwaway certificate only: anyone on the network path can then read "
             "and change the traffic, credentials included."),
        PropertyType::boolean, "false"));
    list.push_back(with_type(
        text(tls, "AllowInsecureHttp",
             "`true` permits an `http://` `URL` to a host other than the loopback interface, which "
             "sends credentials and tokens unencrypted. Without it such a URL is rejected."),
        PropertyType::boolean, "false"));

    const std::string proxy = "Proxy";
    list.push_back(text(proxy, "ProxyServer",
                        "Host name or IP address of an HTTP proxy. Empty: no proxy."));
    list.push_back(with_range(
        with_type(text(proxy, "ProxyPort", "TCP port of `ProxyServer`."), PropertyType::integer, "80"),
        1, 65535));
    list.push_back(text(proxy, "ProxyUser", "User name for the proxy. Needs `ProxyServer`."));
    list.push_back(secret(text(proxy, "ProxyPassword", "Password of `ProxyUser`.")));
    list.push_back(text(proxy, "ProxyExceptions",
                        "Hosts reached without the proxy, separated by `;` or `,`. Enclose the value "
                        "in quotes when it contains `;`."));
}

void add_timeouts_and_retries(std::vector<PropertyInfo>& list) {
    const std::string group = "Timeouts and retries";
    list.push_back(with_range(
        with_type(text(group, "Timeout",
                       "Time limit in seconds for one HTTP request, response body included. `0`: no "
                       "limit."),
                  PropertyType::seconds, "60"),
        0, kMaxSeconds));
    list.push_back(with_range(
        with_type(text(group, "ConnectTimeout",
                       "Time limit in seconds for opening the connection, TLS handshake included."),
                  PropertyType::seconds, "30"),
        1, kMaxSeconds));
    list.push_back(with_range(
        with_type(text(group, "MaxRetries",
                       "Number of retries after the first attempt of an idempotent request that "
                       "failed to connect or got 429, 502, 503 or 504. `0`: no retries."),
                  PropertyType::integer, "3"),
        0, 10));
    list.push_back(with_range(
        with_type(text(group, "RetryTimeout",
                       "Total time in seconds for one request across all its attempts and waits. "
                       "`0`: limited by `MaxRetries` only."),
                  PropertyType::seconds, "120"),
        0, kMaxSeconds));
}

void add_logging(std::vector<PropertyInfo>& list) {
    const std::string group = "Logging";
    list.push_back(with_type(
        text(group, "Logfile", "File the library appends its log to. Empty: no log file."),
        PropertyType::path));
    list.push_back(with_range(
        with_type(text(group, "Verbosity",
                       "Log detail: `1` queries and errors, `2` also requests, `3` also headers and "
                       "bodies, `4` also transport and TLS, `5` everything."),
                  PropertyType::integer, "1"),
        1, 5));
    list.push_back(with_range(
        with_type(text(group, "MaxLogFileSize",
                       "Size at which the log file is closed and a new one started, in bytes or "
                       "with a `KB`, `MB` or `GB` suffix (powers of 1024)."),
                  PropertyType::byte_size, "100 MB"),
        kKiB, kKiB * kKiB * kKiB * kKiB));
    list.push_back(with_range(
        with_type(text(group, "MaxLogFileCount",
                       "Number of full log files kept beside the current one. `-1` or `0`: keep "
                       "all."),
                  PropertyType::integer, "-1"),
        -1, 100'000));
}

void add_miscellaneous(std::vector<PropertyInfo>& list) {
    const std::string group = "Miscellaneous";
    list.push_back(with_range(
        with_type(text(group, "Pagesize",
                       "Rows requested per page (`$top`) while a query streams its result. The "
                       "server may return fewer, and paging still continues."),
                  PropertyType::integer, "100"),
        1, 10'000));
    list.push_back(with_range(
        with_type(text(group, "MaxRows",
                       "Maximum number of rows a query returns. `-1` or `0`: no limit."),
                  PropertyType::integer, "-1"),
        -1, std::numeric_limits<std::int64_t>::max()));
    list.push_back(with_range(
        with_type(text(group, "MaxResponseSize",
                       "Largest response body accepted, after decompression, in bytes or with a "
                       "`KB`, `MB` or `GB` suffix (powers of 1024). A larger response fails with a "
                       "TransportError. The body is held in memory, so this also bounds the memory "
                       "one request can take."),
                  PropertyType::byte_size, "512 MB"),
        kKiB, kKiB * kKiB * kKiB * kKiB));
    list.push_back(multiline(text(group, "Other",
                                  "Extra `name=value` settings for features without a property of "
                                  "their own, kept exactly as written. Enclose the value in quotes "
                                  "when it contains `;`.")));
    list.push_back(with_type(
        text(group, "Readonly",
             "`true` makes the library reject requests that could change data before they are "
             "sent: entity-set writes, every Epicor Function, business-object methods whose "
             "names do not start with `Get` (GetByID, GetList and GetRows are allowed), and "
             "`Connection::send()` with any HTTP method other than GET, HEAD or OPTIONS."),
        PropertyType::boolean, "false"));
}

std::vector<PropertyInfo> build_catalog() {
    std::vector<PropertyInfo> list;
    add_connection(list);
    add_authentication(list);
    add_oauth(list);
    add_jwt_certificate(list);
    add_tls_and_proxy(list);
    add_timeouts_and_retries(list);
    add_logging(list);
    add_miscellaneous(list);
    return list;
}

// Lower-cased canonical names and aliases -> catalog index.
std::unordered_map<std::string, std::size_t> build_index(const std::vector<PropertyInfo>& list) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < list.size(); ++i) {
        index.emplace(config::to_lower_ascii(list[i].name), i);
        for (const auto& alias : list[i].aliases) {
            index.emplace(config::to_lower_ascii(alias), i);
        }
    }
    return index;
}

const std::unordered_map<std::string, std::size_t>& name_index() {
    static const auto index = build_index(PropertyCatalog::all());
    return index;
}

}  // namespace

const std::vector<PropertyInfo>& PropertyCatalog::all() {
    static const std::vector<PropertyInfo> catalog = build_catalog();
    return catalog;
}

const PropertyInfo* PropertyCatalog::find(std::string_view name) {
    const auto& index = name_index();
    const auto found = index.find(config::to_lower_ascii(config::trim(name)));
    return found == index.end() ? nullptr : &all()[found->second];
}

std::optional<std::string> PropertyCatalog::suggest(std::string_view name) {
    // Property names are short, so a much longer input is no misspelling of
    // one, and skipping it keeps the quadratic distance cheap.
    constexpr std::size_t kMaxComparedLength = 64;
    const std::string_view trimmed = config::trim(name);
    if (trimmed.empty() || trimmed.size() > kMaxComparedLength) {
        return std::nullopt;
    }

    // Edits tolerated: 1 for names of up to 3 characters, 2 up to 8, then a
    // third of the length.
    std::size_t allowed = 1;
    if (trimmed.size() > 8) {
        allowed = trimmed.size() / 3;
    } else if (trimmed.size() > 3) {
        allowed = 2;
    }
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    auto consider = [&](const std::string& candidate) {
        // The length difference is a lower bound of the distance.
        const std::size_t length_gap = trimmed.size() > candidate.size() ? trimmed.size() - candidate.size()
                                                                         : candidate.size() - trimmed.size();
        if (length_gap >= best_distance) {
            return;
        }
        const std::size_t distance = config::edit_distance_ignore_case(trimmed, candidate, best_distance - 1);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    };
    for (const auto& info : all()) {
        consider(info.name);
        for (const auto& alias : info.aliases) {
            consider(alias);
        }
    }
    return best;
}

std::string_view to_string(PropertyType type) noexcept {
    switch (type) {
    case PropertyType::string: return "string";
    case PropertyType::enumeration: return "enumeration";
    case PropertyType::integer: return "integer";
    case PropertyType::boolean: return "boolean";
    case PropertyType::seconds: return "seconds";
    case PropertyType::byte_size: return "byte size";
    case PropertyType::path: return "path";
    case PropertyType::url: return "URL";
    }
    return "string";
}

}  // namespace epicor
