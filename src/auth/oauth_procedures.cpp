// The web-flow procedures GetOAuthAuthorizationURL, GetOAuthAccessToken and
// RefreshOAuthAccessToken, for programs that show the browser themselves.

#include "auth/azure_ad_authenticator.hpp"
#include "auth/pkce.hpp"

#include <epicor/error.hpp>
#include <epicor/oauth.hpp>

#include <chrono>
#include <utility>

namespace epicor {
namespace {

using azure::TimePoint;

TimePoint current_time(const AzureAdOptions& options) {
    return options.clock ? options.clock() : std::chrono::system_clock::now();
}

azure::AzureAdTokenClient make_client(const ConnectionSettings& settings,
                                      std::shared_ptr<Transport> transport,
                                      const AzureAdOptions& options) {
    return azure::AzureAdTokenClient(azure::endpoints_from(settings, options),
                                     azure::credential_from(settings), std::move(transport),
                                     options.clock, options.logger);
}

OAuthTokenResult to_result(const OAuthTokens& tokens, OAuthBearerToken bearer,
                           std::chrono::seconds expires_in) {
    OAuthTokenResult result;
    result.oauth_access_token = azure::select_bearer(tokens, bearer);
    result.oauth_refresh_token = tokens.refresh_token;
    result.expires_in = expires_in;
    result.access_token = tokens.access_token;
    result.id_token = tokens.id_token;
    return result;
}

void save_for_app_mode(const ConnectionSettings& settings, const AzureAdOptions& options,
                       const azure::AzureAdTokenClient& client, const OAuthTokens& tokens) {
    auto store = azure::token_store_from(settings, options, client.credential());
    store->update([&](const std::optional<OAuthTokens>&) { return tokens; });
}

}  // namespace

OAuthAuthorizationUrl get_oauth_authorization_url(const ConnectionSettings& settings,
                                                  const OAuthAuthorizationUrlRequest& request,
                                                  const AzureAdOptions& options) {
    if (settings.oauth_client_id.empty()) {
        throw ConfigError("OAuthClientId",
                          "GetOAuthAuthorizationURL needs OAuthClientId, the application "
                          "(client) id of the Azure AD app registration");
    }
    azure::AuthorizationRequest authorization;
    authorization.redirect_uri =
        request.callback_url.empty() ? settings.callback_url : request.callback_url;
    authorization.scope =
        azure::effective_scope(request.scope.empty() ? settings.scope : request.scope);
    authorization.state = request.state.empty() ? azure::make_state() : request.state;
    authorization.prompt = request.prompt;

    OAuthAuthorizationUrl result;
    result.url = azure::build_authorization_url(azure::endpoints_from(settings, options),
                                                settings.oauth_client_id, authorization);
    result.state = authorization.state;
    return result;
}

OAuthTokenResult get_oauth_access_token(const ConnectionSettings& settings,
                                        const OAuthAccessTokenRequest& request,
                                        std::shared_ptr<Transport> transport,
                                        const AzureAdOptions& options) {
    if (request.verifier.empty()) {
        throw ConfigError("OAuthVerifier",
                          "GetOAuthAccessToken needs the Verifier: the code parameter of the "
                          "redirect to CallbackURL");
    }
    const auto client = make_client(settings, std::move(transport), options);
    const std::string redirect_uri =
        request.callback_url.empty() ? settings.callback_url : request.callback_url;
    const std::string scope =
        azure::effective_scope(request.scope.empty() ? settings.scope : request.scope);

    const azure::TokenResponse response =
        client.redeem_authorization_code(request.verifier, redirect_uri, "", scope);
    const OAuthTokens tokens =
        azure::to_oauth_tokens(response, {}, client, scope, current_time(options));
    OAuthTokenResult result = to_result(tokens, settings.oauth_bearer_token, response.expires_in);
    if (request.auth_mode == OAuthAuthMode::app) {
        save_for_app_mode(settings, options, client, tokens);
    }
    return result;
}

OAuthTokenResult refresh_oauth_access_token(const ConnectionSettings& settings,
                                            const std::string& refresh_token,
                                            std::shared_ptr<Transport> transport,
                                            const AzureAdOptions& options) {
    const std::string& token =
        refresh_token.empty() ? settings.oauth_refresh_token : refresh_token;
    if (token.empty()) {
        throw ConfigError("OAuthRefreshToken",
                          "RefreshOAuthAccessToken needs OAuthRefreshToken; get one with "
                          "GetOAuthAccessToken (Scope must include offline_access)");
    }
    const auto client = make_client(settings, std::move(transport), options);
    const std::string scope = azure::effective_scope(settings.scope);

    const azure::TokenResponse response = client.redeem_refresh_token(token, scope);
    const OAuthTokens tokens =
        azure::to_oauth_tokens(response, token, client, scope, current_time(options));
    return to_result(tokens, settings.oauth_bearer_token, response.expires_in);
}

}  // namespace epicor
