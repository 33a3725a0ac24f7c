#pragma once

/// \file
/// Azure AD (Microsoft Entra ID) sign-in, `AuthScheme=AzureADOpenID`: the
/// authenticator that a Connection uses, and the web-flow procedures
/// (`GetOAuthAuthorizationURL`, `GetOAuthAccessToken`,
/// `RefreshOAuthAccessToken`) for programs that run the browser part
/// themselves.
///
///     auto settings = epicor::ConnectionSettings::parse(
///         "URL=https://acme.example;ERPInstance=Kinetic;AuthScheme=AzureADOpenID;"
///         "AzureTenant=contoso.onmicrosoft.com;OAuthClientId=...;"
///         "OAuthClientSecret=...;InitiateOAuth=GETANDREFRESH");
///     auto auth = epicor::make_azure_ad_authenticator(settings, transport);
///
/// docs/azure-ad.md describes the flows.

#include <epicor/authenticator.hpp>
#include <epicor/connection_settings.hpp>
#include <epicor/export.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>
#include <epicor/token_store.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace epicor {

/// Azure AD's public cloud authority.
inline constexpr const char* kAzureAdDefaultAuthority = "https://login.microsoftonline.com";

/// Settings of the Azure AD sign-in that are not connection properties.
/// The defaults suit a program; tests replace the authority, the clock and
/// the browser.
struct AzureAdOptions {
    /// Scheme and host of the identity provider; the endpoints are
    /// `{authority}/{AzureTenant}/oauth2/v2.0/{authorize,token}`. Empty
    /// means the `AzureADAuthority` property, or `AzureADAuthority=URL` in
    /// the `Other` property when the former is at its default
    /// (kAzureAdDefaultAuthority). Must be https, or http to a loopback host.
    std::string authority;
    /// Store of the tokens between runs. Null opens
    /// `OAuthSettingsLocation` with a key derived from the client secret or
    /// the certificate's private key.
    std::shared_ptr<TokenStore> token_store;
    /// Receives progress and errors; null means default_logger(). Tokens,
    /// codes, secrets and verifiers are never logged.
    std::shared_ptr<Logger> logger;
    /// Opens the authorization URL; empty means the system browser (the
    /// BROWSER environment variable, else xdg-open, else open).
    std::function<void(const std::string& url)> open_browser;
    /// How long the browser flow waits for the redirect.
    std::chrono::seconds browser_timeout{300};
    /// How long before expiry a token is refreshed.
    std::chrono::seconds refresh_margin{300};
    /// `prompt` of the authorization request in the browser flow, e.g.
    /// "select_account"; empty sends none.
    std::string prompt;
    /// The current time; empty means the system clock. For tests.
    std::function<std::chrono::system_clock::time_point()> clock;
};

/// Builds the authenticator for `AuthScheme=AzureADOpenID`. Nothing is sent
/// until the first authenticate(): then, by `InitiateOAuth`,
///
/// - `OFF`: `OAuthAccessToken` is sent as is (and rejected once
///   `OAuthExpiresIn` after `OAuthTokenTimestamp` has passed, when both are set);
/// - `REFRESH`: stored tokens are used and refreshed; with none stored,
///   `OAuthVerifier` is exchanged (without PKCE), else `OAuthRefreshToken`;
/// - `GETANDREFRESH`: as `REFRESH`, and with nothing stored the browser flow
///   runs (PKCE, loopback listener on `CallbackURL`).
///
/// The bearer token is the id token or the access token, by
/// `OAuthBearerToken`. It is refreshed `refresh_margin` before it expires and
/// once after a 401; a rotated refresh token replaces the stored one.
/// Without OAuthClientSecret and OAuthJWTCert the app is treated as a public
/// client (registered in Azure AD as a desktop or mobile app).
/// Throws ConfigError naming the property when a required one is missing,
/// and AuthError when the client certificate cannot be loaded.
EPICOR_API std::unique_ptr<Authenticator> make_azure_ad_authenticator(
    const ConnectionSettings& settings, std::shared_ptr<Transport> transport,
    AzureAdOptions options = {});

/// `AuthMode` of the web-flow procedures.
enum class OAuthAuthMode {
    /// `APP`: the tokens are also saved in `OAuthSettingsLocation`, so a
    /// later connection with InitiateOAuth=REFRESH or GETANDREFRESH uses them.
    app,
    /// `WEB`: the tokens are only returned, for a web application that keeps
    /// each user's tokens itself; the store is not touched.
    web,
};

/// Inputs of get_oauth_authorization_url().
struct OAuthAuthorizationUrlRequest {
    /// Accepted for parity with the procedure's inputs; the URL is the same
    /// in both modes.
    OAuthAuthMode auth_mode = OAuthAuthMode::app;
    std::string callback_url;  ///< Empty means `CallbackURL`.
    std::string scope;         ///< `Scope` or its alias `Permissions`; empty means `Scope`.
    std::string state;         ///< Empty generates a random one.
    std::string prompt;        ///< e.g. "consent"; empty sends none.
};

/// Output of get_oauth_authorization_url().
struct OAuthAuthorizationUrl {
    std::string url;    ///< `URL`: open it in a browser.
    std::string state;  ///< The state in the URL; compare it with the redirect's.
};

/// Returns the authorization URL to open in a browser. The redirect to
/// `CallbackURL` then carries `code` (the verifier for
/// get_oauth_access_token()) and `state`. No PKCE challenge is sent, because
/// the code may be exchanged by another process. The state is also
/// remembered in this process for an hour (the 64 most recent), so
/// get_oauth_access_token() can check the redirect's `state` against it.
/// Throws ConfigError when `OAuthClientId` is missing and AuthError for an
/// invalid AzureTenant or authority.
EPICOR_API OAuthAuthorizationUrl get_oauth_authorization_url(
    const ConnectionSettings& settings, const OAuthAuthorizationUrlRequest& request,
    const AzureAdOptions& options = {});

/// Inputs of get_oauth_access_token().
struct OAuthAccessTokenRequest {
    OAuthAuthMode auth_mode = OAuthAuthMode::app;
    std::string verifier;      ///< `Verifier`: the `code` from the redirect. Required.
    std::string callback_url;  ///< Must equal the one in the authorization URL; empty means `CallbackURL`.
    std::string scope;         ///< `Permissions`; empty means `Scope`.
    /// `State`: the `state` parameter of the redirect. Empty skips the check
    /// (the caller compared it already). When set, it must equal
    /// `issued_state`, or, when that is empty, a state that
    /// get_oauth_authorization_url() issued in this process; a state is
    /// accepted once.
    std::string state;
    /// The state get_oauth_authorization_url() returned, for a program that
    /// built the URL in another process and kept its state. Needs `state`.
    std::string issued_state;
};

/// Outputs of get_oauth_access_token() and refresh_oauth_access_token().
struct OAuthTokenResult {
    /// `OAuthAccessToken`: the token to send to Kinetic, chosen by
    /// `OAuthBearerToken` (the id token by default). Pass it back as
    /// `OAuthAccessToken` with `InitiateOAuth=OFF`.
    std::string oauth_access_token;
    std::string oauth_refresh_token;  ///< `OAuthRefreshToken`; empty without offline_access.
    std::chrono::seconds expires_in{0};  ///< `ExpiresIn`.
    std::string access_token;  ///< The raw access token.
    std::string id_token;      ///< The raw id token; empty without openid.
};

/// Exchanges an authorization code for tokens (`GetOAuthAccessToken`).
/// With OAuthAuthMode::app the tokens are also saved in the token store
/// (`OAuthSettingsLocation`, or AzureAdOptions::token_store); with
/// OAuthAuthMode::web they are only returned. Throws AuthError before any
/// request when `state` does not match, because the redirect may be forged
/// or stale. Throws AuthError with the OAuth error and AADSTS code when
/// Azure AD rejects the code, TransportError when it cannot be reached, and
/// ConfigError when a required input or property is missing.
EPICOR_API OAuthTokenResult get_oauth_access_token(const ConnectionSettings& settings,
                                                   const OAuthAccessTokenRequest& request,
                                                   std::shared_ptr<Transport> transport,
                                                   const AzureAdOptions& options = {});

/// Inputs of refresh_oauth_access_token().
struct OAuthRefreshTokenRequest {
    /// `app` also saves the new tokens in the token store, replacing a
    /// rotated-out refresh token there; `web` only returns them.
    OAuthAuthMode auth_mode = OAuthAuthMode::app;
    std::string refresh_token;  ///< `OAuthRefreshToken`; empty means the property.
    std::string scope;          ///< `Permissions`; empty means `Scope`.
};

/// Redeems a refresh token for new tokens (`RefreshOAuthAccessToken`). With
/// OAuthAuthMode::app the tokens are saved as get_oauth_access_token() saves
/// them. Throws AuthError whose oauth_error() is "invalid_grant" when the
/// refresh token is expired or revoked (authorize again), and as
/// get_oauth_access_token() otherwise.
EPICOR_API OAuthTokenResult refresh_oauth_access_token(const ConnectionSettings& settings,
                                                       const OAuthRefreshTokenRequest& request,
                                                       std::shared_ptr<Transport> transport,
                                                       const AzureAdOptions& options = {});

/// Redeems a refresh token in OAuthAuthMode::web: the tokens are only
/// returned, nothing is saved. An empty `refresh_token` means
/// `OAuthRefreshToken`. Throws as the overload above.
EPICOR_API OAuthTokenResult refresh_oauth_access_token(const ConnectionSettings& settings,
                                                       const std::string& refresh_token,
                                                       std::shared_ptr<Transport> transport,
                                                       const AzureAdOptions& options = {});

}  // namespace epicor
