#pragma once

// The Authenticator behind AuthScheme=AzureADOpenID, and the translation of
// ConnectionSettings into the pieces it and the web-flow procedures use.

#include "auth/azure_ad_token_client.hpp"

#include <epicor/authenticator.hpp>
#include <epicor/connection_settings.hpp>
#include <epicor/log.hpp>
#include <epicor/oauth.hpp>
#include <epicor/token_store.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>

namespace epicor::azure {

using TimePoint = std::chrono::system_clock::time_point;

/// Scopes every request carries so Azure AD returns an id token and a
/// refresh token.
inline constexpr std::string_view kBaseScope = "openid offline_access profile";

/// Returns kBaseScope followed by each scope of `scope` not already in it.
std::string effective_scope(std::string_view scope);

/// Returns the authority: `options.authority`, else the AzureADAuthority
/// property when it differs from its default, else `AzureADAuthority=URL`
/// in the `Other` property, else Azure AD's public cloud.
std::string authority_from(const ConnectionSettings& settings, const AzureAdOptions& options);

/// Returns the endpoints for AzureTenant at the authority.
AzureAdEndpoints endpoints_from(const ConnectionSettings& settings, const AzureAdOptions& options);

/// Builds the client credential from OAuthClientId and OAuthClientSecret or
/// OAuthJWTCert (signed with OAuthJWTAlgorithm); with neither, the app is a
/// public client. Throws
/// ConfigError when OAuthClientId is missing, and AuthError when the
/// certificate cannot be loaded.
ClientCredential credential_from(const ConnectionSettings& settings);

/// Opens `options.token_store`, else OAuthSettingsLocation with a key
/// derived from the certificate's private key or the client secret (for a
/// public client, from the client id only).
std::shared_ptr<TokenStore> token_store_from(const ConnectionSettings& settings,
                                             const AzureAdOptions& options,
                                             const ClientCredential& credential);

/// Returns the token to send to Kinetic as the bearer: the id token or the
/// access token. Throws AuthError when the id token is wanted but missing.
std::string select_bearer(const OAuthTokens& tokens, OAuthBearerToken kind);

/// Returns when the bearer stops being valid: the access token's expiry,
/// or for an id token the earlier of that and `issued_at` plus the id
/// token's lifetime (`exp` minus `iat`).
TimePoint bearer_expiry(const OAuthTokens& tokens, OAuthBearerToken kind);

/// Converts a token response received at `now` for `client`. A response
/// without a refresh token keeps `previous_refresh_token`.
OAuthTokens to_oauth_tokens(const TokenResponse& response, const std::string& previous_refresh_token,
                            const AzureAdTokenClient& client, std::string scope, TimePoint now);

/// The Authenticator for AuthScheme=AzureADOpenID. Thread-safe: a token is
/// fetched or refreshed by one thread while the others wait for it.
class AzureAdAuthenticator final : public Authenticator {
public:
    /// Settings of the authenticator besides the token client and store.
    struct Config {
        InitiateOAuth initiate = InitiateOAuth::off;
        OAuthBearerToken bearer = OAuthBearerToken::id_token;
        bool allow_insecure_http = false;
        std::string scope;         ///< Effective scope of token requests.
        std::string callback_url;  ///< CallbackURL for the browser flow.
        std::string prompt;
        std::string access_token;   ///< OAuthAccessToken.
        std::string refresh_token;  ///< OAuthRefreshToken.
        std::string verifier;       ///< OAuthVerifier.
        std::optional<TimePoint> access_token_expires_at;  ///< From OAuthExpiresIn and OAuthTokenTimestamp.
        std::string settings_location;  ///< For messages.
        std::chrono::seconds refresh_margin{300};
        std::chrono::seconds browser_timeout{300};
        std::function<TimePoint()> clock;
        std::function<void(const std::string&)> open_browser;
    };

    /// `client` and `store` may be null only with InitiateOAuth=OFF.
    AzureAdAuthenticator(Config config, std::shared_ptr<const AzureAdTokenClient> client,
                         std::shared_ptr<TokenStore> store, std::shared_ptr<Logger> logger);

    /// Sets `Authorization: Bearer ...`, fetching or refreshing the token
    /// first when needed. Throws AuthError when the request URL is plain
    /// http to a non-loopback host (unless AllowInsecureHttp) or no token
    /// can be obtained.
    void authenticate(HttpRequest& request) override;
    /// Renews the token once, unless another thread already replaced the
    /// one this thread sent. Returns false with InitiateOAuth=OFF. Throws
    /// AuthError when the renewal fails (for example a revoked refresh token).
    bool on_unauthorized(const HttpResponse& response) override;
    const char* scheme() const noexcept override { return "AzureADOpenID"; }

private:
    struct CurrentToken {
        std::string bearer;
        std::string refresh_token;
        TimePoint refresh_at{};  ///< Expiry minus the refresh margin.
    };

    TimePoint now() const { return config_.clock(); }
    bool is_fresh(TimePoint at) const { return !current_.bearer.empty() && at < current_.refresh_at; }
    bool usable(const OAuthTokens& tokens, TimePoint at) const;

    // Each of these runs with mutex_ held exclusively.
    void obtain_token();
    void use_static_token();
    void adopt(const OAuthTokens& tokens);
    void refresh_with(const std::string& refresh_token);
    void redeem_verifier();
    void run_browser_flow();
    void save(const TokenResponse& response, const std::string& previous_refresh_token);

    Config config_;
    std::shared_ptr<const AzureAdTokenClient> client_;
    std::shared_ptr<TokenStore> store_;
    std::shared_ptr<Logger> logger_;

    mutable std::shared_mutex mutex_;
    CurrentToken current_;
    std::string rejected_bearer_;  ///< The bearer the server answered 401 to.
    std::uint64_t generation_ = 0;  ///< Bumped whenever current_ changes.
};

}  // namespace epicor::azure
