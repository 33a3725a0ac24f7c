#pragma once

/// \file
/// epicor::ConnectionSettings, the typed and validated form of a connection
/// string. The transport, authentication and client layers read their
/// configuration from it and never from the raw text.
///
///     auto settings = epicor::ConnectionSettings::parse(
///         "URL=https://acme.epicorsaas.com;ERPInstance=SaaS840;ApiVersion=v2;"
///         "Company=EPIC06;User=manager;Password=secret;ApiKey=abc");
///     settings.api_version;  // epicor::ApiVersion::v2
///     settings.timeout;      // std::chrono::seconds{60}
///
/// docs/connection-properties.md describes every property, its default and
/// its allowed values. Each member below names the property it holds.

#include <epicor/api_version.hpp>
#include <epicor/connection_string.hpp>
#include <epicor/export.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor {

/// `AuthScheme`: how requests are signed in.
enum class AuthScheme {
    basic,           ///< `Basic`: `Authorization: Basic base64(User:Password)` on each request.
    token,           ///< `Token`: a bearer token from Epicor's `TokenResource.svc`, from User and Password.
    azure_ad_openid, ///< `AzureADOpenID`: a bearer token from Azure AD (Microsoft Entra ID).
};

/// `InitiateOAuth`: when the library runs the Azure AD sign-in itself.
enum class InitiateOAuth {
    off,              ///< `OFF`: never. The caller sets `OAuthAccessToken` or runs the web-flow procedures.
    get_and_refresh,  ///< `GETANDREFRESH`: browser flow when no token is stored, refresh otherwise.
    refresh,          ///< `REFRESH`: exchange `OAuthVerifier` if set, else refresh the stored token.
};

/// `OAuthBearerToken`: which Azure AD token is sent to Kinetic.
enum class OAuthBearerToken {
    id_token,      ///< `IdToken`: the OpenID Connect id token (audience = client ID).
    access_token,  ///< `AccessToken`: the access token issued for the API scope in `Scope`.
};

/// `OAuthJWTCertType`: the form of `OAuthJWTCert`.
enum class OAuthJwtCertType {
    pem_key_file,  ///< `PEMKEY_FILE`: path of a PEM file with certificate and private key.
    pem_key_blob,  ///< `PEMKEY_BLOB`: that PEM text itself.
    pfx_file,      ///< `PFXFILE`: path of a PKCS#12 file.
    pfx_blob,      ///< `PFXBLOB`: a PKCS#12 file in base64.
};

/// `OAuthJWTAlgorithm`: how the client assertion made with `OAuthJWTCert` is signed.
enum class OAuthJwtAlgorithm {
    rs256,  ///< `RS256`: RSASSA-PKCS1-v1_5 with SHA-256; the header carries `x5t` (SHA-1 thumbprint).
    ps256,  ///< `PS256`: RSASSA-PSS with SHA-256; the header carries `x5t#S256` (SHA-256 thumbprint).
};

/// `LicenseType`: the license claimed in the `License` header.
enum class LicenseType {
    default_license,     ///< `Default`, GUID 00000003-B615-4300-957B-34956697F040.
    web_service,         ///< `WebService`, GUID 00000003-9439-4B30-A6F4-6D2FD4B9FD0F.
    web_service_shared,  ///< `WebServiceShared`, GUID 00000003-231B-4E2B-9B47-13F87EA9A0A3.
    data_collection,     ///< `DataCollection`, GUID 00000003-B8EB-40C4-8897-248CB30C5D47.
    custom,              ///< A GUID written in the connection string.
};

/// Every connection property as a typed value. A default-constructed object
/// contains the catalog defaults (and no URL, so it is not valid by itself).
///
/// Members are public so the other layers can read them directly. Code that
/// changes a member takes on the checks parse() would have made.
///
/// Thread safety: a const object may be read from any number of threads.
struct EPICOR_API ConnectionSettings {
    // --- Connection ---------------------------------------------------------

    /// `URL`: http or https base address with a host and optional path, no
    /// query or fragment, exactly as written (no trailing `/` is added or removed).
    std::string url;
    /// `ERPInstance`: first path segment after the URL, e.g. `SaaS840`. May be empty.
    std::string erp_instance;
    /// `Service`: default service, e.g. `Erp.BO.CustomerSvc`. May be empty.
    std::string service;
    /// `ApiKey` (secret): value of the `x-api-key` header. Empty: no header is sent.
    std::string api_key;
    /// `ApiVersion`: v1 addresses are `/api/v1/{Service}/...` with the company
    /// in the `CallSettings` header, and v2 addresses are
    /// `/api/v2/odata/{Company}/{Service}/...` and usually need `ApiKey`.
    ApiVersion api_version = ApiVersion::v1;
    /// `Company`: company ID, never empty when api_version is v2.
    std::string company;
    /// `Plant`: plant (site) ID for the `CallSettings` header. May be empty.
    std::string plant;
    /// `LicenseType`, or nothing when no `License` header is to be sent.
    std::optional<LicenseType> license_type;
    /// GUID to send as `ClaimedLicense` in the `License` header, in upper case.
    /// Set whenever license_type is set, empty otherwise.
    std::string license_guid;

    // --- Authentication -----------------------------------------------------

    /// `AuthScheme`.
    AuthScheme auth_scheme = AuthScheme::basic;
    /// `User`: never empty with AuthScheme basic or token.
    std::string user;
    /// `Password` (secret): never empty with AuthScheme basic or token.
    std::string password;
    /// `AzureTenant`: tenant ID or domain in the Azure AD endpoint addresses.
    std::string azure_tenant = "common";
    /// `AzureADAuthority`: scheme and host (and optional path) the Azure AD
    /// endpoint addresses start with. https, or http to a loopback host.
    std::string azure_ad_authority = "https://login.microsoftonline.com";

    // --- OAuth (AuthScheme azure_ad_openid) ---------------------------------

    /// `InitiateOAuth`.
    InitiateOAuth initiate_oauth = InitiateOAuth::off;
    /// `OAuthClientId`: never empty with azure_ad_openid unless initiate_oauth is
    /// off and oauth_access_token is set.
    std::string oauth_client_id;
    /// `OAuthClientSecret` (secret). At most one of it and oauth_jwt_cert is set.
    std::string oauth_client_secret;
    /// `OAuthAccessToken` (secret): bearer token to use as is.
    std::string oauth_access_token;
    /// `OAuthRefreshToken` (secret).
    std::string oauth_refresh_token;
    /// `OAuthVerifier` (secret): authorization code to exchange with initiate_oauth refresh.
    std::string oauth_verifier;
    /// `OAuthSettingsLocation`: token file path, or `memory://` for an in-process store.
    std::string oauth_settings_location = "OAuthSettings.txt";
    /// `CallbackURL`: redirect URI. The loopback listener binds its host and port.
    std::string callback_url = "http://localhost:33333";
    /// `Scope`: space-separated scopes for the authorization and token requests.
    std::string scope = "openid offline_access";
    /// `OAuthExpiresIn`: lifetime of oauth_access_token as issued, or nothing when unknown.
    std::optional<std::chrono::seconds> oauth_expires_in;
    /// `OAuthTokenTimestamp`: issue time of oauth_access_token in Unix epoch
    /// milliseconds, or nothing when unknown.
    std::optional<std::int64_t> oauth_token_timestamp_ms;
    /// `OAuthBearerToken`.
    OAuthBearerToken oauth_bearer_token = OAuthBearerToken::id_token;

    // --- JWT certificate ----------------------------------------------------

    /// `OAuthJWTCert` (secret): a path or the text itself, in the form oauth_jwt_cert_type names.
    std::string oauth_jwt_cert;
    /// `OAuthJWTCertType`.
    OAuthJwtCertType oauth_jwt_cert_type = OAuthJwtCertType::pem_key_file;
    /// `OAuthJWTCertPassword` (secret).
    std::string oauth_jwt_cert_password;
    /// `OAuthJWTCertSubject`: `*` takes the first certificate.
    std::string oauth_jwt_cert_subject = "*";
    /// `OAuthJWTAlgorithm`.
    OAuthJwtAlgorithm oauth_jwt_algorithm = OAuthJwtAlgorithm::rs256;

    // --- TLS ----------------------------------------------------------------

    /// `SSLServerCert`: PEM file path or PEM text to trust in place of the
    /// system CA store. Empty: the system store.
    std::string ssl_server_cert;
    /// `SSLInsecureSkipVerify`: true turns off certificate and host name checks.
    bool ssl_insecure_skip_verify = false;
    /// `AllowInsecureHttp`: true permits credentials over http:// to a
    /// non-loopback host. parse() rejects such a URL when this is false, and
    /// the auth layer must still refuse to send credentials in that case.
    bool allow_insecure_http = false;

    // --- Proxy --------------------------------------------------------------

    /// `ProxyServer`: proxy host name or IP address. Empty: no proxy.
    std::string proxy_server;
    /// `ProxyPort`: 1 to 65535.
    int proxy_port = 80;
    /// `ProxyUser`: set only together with proxy_server.
    std::string proxy_user;
    /// `ProxyPassword` (secret): set only together with proxy_user.
    std::string proxy_password;
    /// `ProxyExceptions`: host names, split at `;` and `,`, trimmed, empty items dropped.
    std::vector<std::string> proxy_exceptions;

    // --- Timeouts and retries -----------------------------------------------

    /// `Timeout`: limit for one HTTP request. Zero: no limit.
    std::chrono::seconds timeout{60};
    /// `ConnectTimeout`: limit for connecting and the TLS handshake, at least 1 s.
    std::chrono::seconds connect_timeout{30};
    /// `MaxRetries`: retries after the first attempt, 0 to 10.
    int max_retries = 3;
    /// `RetryTimeout`: limit across all attempts of one request. Zero: no limit.
    std::chrono::seconds retry_timeout{120};

    // --- Logging ------------------------------------------------------------

    /// `Logfile`: log file path. Empty: no log file.
    std::string logfile;
    /// `Verbosity`: 1 to 5.
    int verbosity = 1;
    /// `MaxLogFileSize`: in bytes.
    std::int64_t max_log_file_size = 100 * 1024 * 1024;
    /// `MaxLogFileCount`: full log files kept, or nothing to keep all (written -1 or 0).
    std::optional<int> max_log_file_count;

    // --- Miscellaneous ------------------------------------------------------

    /// `Pagesize`: rows per page, 1 to 10000.
    int pagesize = 100;
    /// `MaxRows`: row limit of a query, or nothing for no limit (written -1 or 0).
    std::optional<std::int64_t> max_rows;
    /// `MaxResponseSize`: largest response body accepted, in bytes.
    std::int64_t max_response_size = 512LL * 1024 * 1024;
    /// `Other`: extra `name=value` settings, kept exactly as written.
    std::string other;
    /// `Readonly`: true makes the client reject, before sending, requests
    /// that could change data. The property's help text lists them.
    bool readonly = false;

    // --- Construction and output --------------------------------------------

    /// Parses and validates a connection string. Names are matched against
    /// the catalog's canonical names and aliases, and an empty value leaves
    /// the property at its default.
    ///
    /// Throws epicor::ConfigError listing every problem at once: syntax
    /// errors (see ConnectionString::parse), unknown names (with the nearest
    /// known name), values of the wrong type or out of range, and missing or
    /// conflicting properties. No message contains the value of a sensitive
    /// property.
    static ConnectionSettings parse(std::string_view connection_string);

    /// Validates already parsed name/value pairs. Throws as parse() does.
    static ConnectionSettings from(const ConnectionString& connection_string);

    /// Writes a connection string that parse() reads back to equal settings:
    /// canonical names in catalog order, values quoted where needed, and
    /// properties at their default left out.
    ///
    /// WARNING: the result contains every secret. Use to_redacted_string()
    /// for anything a person or a log may read.
    std::string to_string() const;

    /// Like to_string(), with the value of every sensitive property that is
    /// set replaced by `********`.
    std::string to_redacted_string() const;

    /// Returns the base address of every request: url and erp_instance
    /// joined by exactly one `/`, without a trailing `/`.
    std::string base_url() const;
};

/// Compares every property, secrets included.
EPICOR_API bool operator==(const ConnectionSettings& left, const ConnectionSettings& right);
inline bool operator!=(const ConnectionSettings& left, const ConnectionSettings& right) {
    return !(left == right);
}

/// Returns the canonical spelling of an enumeration value as a connection
/// string writes it, e.g. "AzureADOpenID". LicenseType::custom returns
/// "Custom", which is no valid LicenseType value: write license_guid instead.
EPICOR_API std::string_view to_string(ApiVersion value) noexcept;
EPICOR_API std::string_view to_string(AuthScheme value) noexcept;
EPICOR_API std::string_view to_string(InitiateOAuth value) noexcept;
EPICOR_API std::string_view to_string(OAuthBearerToken value) noexcept;
EPICOR_API std::string_view to_string(OAuthJwtCertType value) noexcept;
EPICOR_API std::string_view to_string(OAuthJwtAlgorithm value) noexcept;
EPICOR_API std::string_view to_string(LicenseType value) noexcept;

}  // namespace epicor
