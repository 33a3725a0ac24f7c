// The web-flow procedures GetOAuthAuthorizationURL, GetOAuthAccessToken and
// RefreshOAuthAccessToken, for programs that show the browser themselves.

#include "auth/azure_ad_authenticator.hpp"
#include "auth/pkce.hpp"

#include <epicor/error.hpp>
#include <epicor/oauth.hpp>

#include <chrono>
#include <deque>
#include <mutex>
#include <utility>

namespace epicor {
namespace {

using azure::TimePoint;

// States issued by get_oauth_authorization_url() in this process, so
// get_oauth_access_token() can check a redirect's state without the caller
// keeping it. The bounds are a guess at what a person signing in needs: an
// authorization page left open for up to an hour, and a few dozen sign-ins
// started at once.
constexpr std::size_t kMaxIssuedStates = 64;
constexpr std::chrono::hours kIssuedStateLifetime{1};

class IssuedStates {
public:
    void remember(const std::string& state, TimePoint now) {
        std::lock_guard<std::mutex> lock(mutex_);
        drop_expired(now);
        entries_.push_back({state, now});
        if (entries_.size() > kMaxIssuedStates) {
            entries_.pop_front();
        }
    }

    // Removes `state` and returns true when it was issued and has not
    // expired. Every entry is compared, in constant time, so the time taken
    // does not show which entry matched.
    bool consume(const std::string& state, TimePoint now) {
        std::lock_guard<std::mutex> lock(mutex_);
        drop_expired(now);
        auto match = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it) {
            // The age is checked here too, because a clock moved backwards
            // can leave an expired entry behind a newer one.
            const bool fresh = now < it->issued_at + kIssuedStateLifetime;
            if (azure::constant_time_equals(it->state, state) && fresh && match == entries_.end()) {
                match = it;
            }
        }
        if (match == entries_.end()) {
            return false;
        }
        entries_.erase(match);
        return true;
    }

private:
    struct Entry {
        std::string state;
        TimePoint issued_at;
    };

    void drop_expired(TimePoint now) {
        while (!entries_.empty() && entries_.front().issued_at + kIssuedStateLifetime <= now) {
            entries_.pop_front();
        }
    }

    std::mutex mutex_;
    std::deque<Entry> entries_;
};

IssuedStates& issued_states() {
    static IssuedStates states;
    return states;
}

// Checks the redirect's state before the code is sent anywhere. A mismatch
// means the redirect did not come from this sign-in (a forged link, or an
// old browser tab), so the code must not be redeemed.
void check_state(const OAuthAccessTokenRequest& request, TimePoint now) {
    if (request.state.empty()) {
        if (!request.issued_state.empty()) {
            throw ConfigError("State",
                              "GetOAuthAccessToken got the issued state but no State; pass the "
                              "state parameter of the redirect to CallbackURL");
        }
        return;
    }
    if (!request.issued_state.empty()) {
        if (!azure::constant_time_equals(request.state, request.issued_state)) {
            throw AuthError("the State of the redirect does not match the state that "
                            "GetOAuthAuthorizationURL issued, so the authorization code was not "
                            "redeemed; the redirect may be forged or from an older sign-in. Start "
                            "the sign-in again with a new authorization URL");
        }
        issued_states().consume(request.state, now);
        return;
    }
    if (!issued_states().consume(request.state, now)) {
        throw AuthError("the State of the redirect matches no state that GetOAuthAuthorizationURL "
                        "issued in this process in the last hour, so the authorization code was "
                        "not redeemed. If the URL was built by another process, pass the state it "
                        "returned as the issued state; otherwise start the sign-in again");
    }
}

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

// Saves the tokens for OAuthAuthMode::app, so a later connection with
// InitiateOAuth=REFRESH or GETANDREFRESH continues from them.
void save_for_app_mode(const ConnectionSettings& settings, const AzureAdOptions& options,
                       const azure::AzureAdTokenClient& client, const OAuthTokens& tokens) {
    auto store = azure::token_store_from(settings, options, client.credential());
    store->update([&](const std::optional<OAuthTokens>&) { return tokens; });
    const auto logger = options.logger ? options.logger : default_logger();
    logger->write(LogLevel::requests, "Azure AD: tokens saved to " + store->location());
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
    issued_states().remember(result.state, current_time(options));
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
    check_state(request, current_time(options));
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
                                            const OAuthRefreshTokenRequest& request,
                                            std::shared_ptr<Transport> transport,
                                            const AzureAdOptions& options) {
    const std::string& token =
        request.refresh_token.empty() ? settings.oauth_refresh_token : request.refresh_token;
    if (token.empty()) {
        throw ConfigError("OAuthRefreshToken",
                          "RefreshOAuthAccessToken needs OAuthRefreshToken; get one with "
                          "GetOAuthAccessToken (Scope must include offline_access)");
    }
    const auto client = make_client(settings, std::move(transport), options);
    const std::string scope =
        azure::effective_scope(request.scope.empty() ? settings.scope : request.scope);

    const azure::TokenResponse response = client.redeem_refresh_token(token, scope);
    const OAuthTokens tokens =
        azure::to_oauth_tokens(response, token, client, scope, current_time(options));
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
    OAuthRefreshTokenRequest request;
    request.auth_mode = OAuthAuthMode::web;
    request.refresh_token = refresh_token;
    return refresh_oauth_access_token(settings, request, std::move(transport), options);
}

}  // namespace epicor
