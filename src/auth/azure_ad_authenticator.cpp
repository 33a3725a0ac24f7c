#include "auth/azure_ad_authenticator.hpp"

#include "auth/browser_launcher.hpp"
#include "auth/credential_guard.hpp"
#include "auth/loopback_redirect_listener.hpp"
#include "auth/pkce.hpp"

#include <epicor/error.hpp>

#include <nlohmann/json.hpp>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>
#include <utility>
#include <vector>

namespace epicor::azure {
namespace {

constexpr std::string_view kAuthorityKey = "azureadauthority";

// The generation of the token this thread last sent with each authenticator.
// on_unauthorized() compares it with the current generation so a 401 for a
// token another thread already replaced causes no second refresh.
thread_local std::pair<const void*, std::uint64_t> t_last_sent{nullptr, 0};

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string lower(std::string_view text) {
    std::string out;
    for (char c : text) {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::vector<std::string> split_scopes(std::string_view scope) {
    std::vector<std::string> scopes;
    std::istringstream stream{std::string(scope)};
    for (std::string item; stream >> item;) {
        scopes.push_back(item);
    }
    return scopes;
}

// Returns `exp` minus `iat` of a JWT, read without checking its signature:
// the library only uses it to schedule a refresh, the server does the
// checking. A lifetime rather than `exp` itself keeps a skewed local clock
// from making a fresh token look expired.
std::optional<std::chrono::seconds> jwt_lifetime(const std::string& token) {
    const auto first = token.find('.');
    const auto second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos) {
        return std::nullopt;
    }
    try {
        const auto claims = nlohmann::json::parse(
            base64url_decode(std::string_view(token).substr(first + 1, second - first - 1)),
            nullptr, false);
        if (!claims.is_object()) {
            return std::nullopt;
        }
        const auto exp = claims.find("exp");
        const auto iat = claims.find("iat");
        if (exp == claims.end() || iat == claims.end() || !exp->is_number_integer() ||
            !iat->is_number_integer()) {
            return std::nullopt;
        }
        return std::chrono::seconds(exp->get<std::int64_t>() - iat->get<std::int64_t>());
    } catch (const AuthError&) {
        return std::nullopt;
    }
}

CertificateSource to_source(OAuthJwtCertType type) {
    switch (type) {
    case OAuthJwtCertType::pem_key_file: return CertificateSource::pem_file;
    case OAuthJwtCertType::pem_key_blob: return CertificateSource::pem_blob;
    case OAuthJwtCertType::pfx_file: return CertificateSource::pfx_file;
    case OAuthJwtCertType::pfx_blob: return CertificateSource::pfx_blob;
    }
    return CertificateSource::pem_file;
}

std::string private_key_der(EVP_PKEY* key) {
    const int length = i2d_PrivateKey(key, nullptr);
    if (length <= 0) {
        throw AuthError("cannot encode the OAuthJWTCert private key to derive the "
                        "OAuthSettingsLocation key");
    }
    std::string der(static_cast<std::size_t>(length), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_PrivateKey(key, &out);
    return der;
}

std::string format_time(TimePoint time) {
    return std::to_string(
               std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count()) +
           " (Unix time)";
}

}  // namespace

// ------------------------------------------------------------ settings

std::string effective_scope(std::string_view scope) {
    std::vector<std::string> scopes = split_scopes(kBaseScope);
    for (const std::string& item : split_scopes(scope)) {
        if (std::find(scopes.begin(), scopes.end(), item) == scopes.end()) {
            scopes.push_back(item);
        }
    }
    std::string joined;
    for (const std::string& item : scopes) {
        joined += (joined.empty() ? "" : " ") + item;
    }
    return joined;
}

std::string authority_from(const ConnectionSettings& settings, const AzureAdOptions& options) {
    if (!options.authority.empty()) {
        return options.authority;
    }
    if (settings.azure_ad_authority != kAzureAdDefaultAuthority) {
        return settings.azure_ad_authority;
    }
    // Before the AzureADAuthority property existed, `Other` carried the
    // authority as name=value pairs separated by ';' or line breaks. That
    // route still works, below the property.
    std::string_view other = settings.other;
    while (!other.empty()) {
        const auto end = other.find_first_of(";\n");
        const std::string_view item = other.substr(0, end);
        const auto equals = item.find('=');
        if (equals != std::string_view::npos && lower(trim(item.substr(0, equals))) == kAuthorityKey) {
            return trim(item.substr(equals + 1));
        }
        other = end == std::string_view::npos ? std::string_view() : other.substr(end + 1);
    }
    return settings.azure_ad_authority;
}

AzureAdEndpoints endpoints_from(const ConnectionSettings& settings, const AzureAdOptions& options) {
    AzureAdEndpoints endpoints;
    endpoints.authority = authority_from(settings, options);
    endpoints.tenant = settings.azure_tenant.empty() ? "common" : settings.azure_tenant;
    return endpoints;
}

ClientCredential credential_from(const ConnectionSettings& settings) {
    if (settings.oauth_client_id.empty()) {
        throw ConfigError("OAuthClientId",
                          "OAuthClientId is required with AuthScheme=AzureADOpenID unless "
                          "InitiateOAuth=OFF and OAuthAccessToken is set; give the application "
                          "(client) id of the Azure AD app registration");
    }
    ClientCredential credential;
    credential.client_id = settings.oauth_client_id;
    if (!settings.oauth_jwt_cert.empty()) {
        CertificateSpec spec;
        spec.value = settings.oauth_jwt_cert;
        spec.source = to_source(settings.oauth_jwt_cert_type);
        spec.password = settings.oauth_jwt_cert_password;
        spec.subject = settings.oauth_jwt_cert_subject;
        credential.certificate = load_client_certificate(spec);
        credential.algorithm = settings.oauth_jwt_algorithm == OAuthJwtAlgorithm::ps256
                                   ? JwtAlgorithm::ps256
                                   : JwtAlgorithm::rs256;
        return credential;
    }
    // Without a secret the app is treated as a public client, which Azure AD
    // accepts only for apps registered as desktop or mobile apps.
    credential.client_secret = settings.oauth_client_secret;
    return credential;
}

std::shared_ptr<TokenStore> token_store_from(const ConnectionSettings& settings,
                                             const AzureAdOptions& options,
                                             const ClientCredential& credential) {
    if (options.token_store) {
        return options.token_store;
    }
    // A public client has no secret to derive the file key from, so only the
    // settings file's 0600 mode protects its tokens.
    const TokenStoreKey key =
        credential.certificate
            ? TokenStoreKey::from_private_key_der(private_key_der(credential.certificate->key()))
        : credential.client_secret.empty()
            ? TokenStoreKey::client_id_only()
            : TokenStoreKey::from_client_secret(credential.client_secret);
    return std::shared_ptr<TokenStore>(
        open_token_store(settings.oauth_settings_location, key, credential.client_id));
}

std::string select_bearer(const OAuthTokens& tokens, OAuthBearerToken kind) {
    if (kind == OAuthBearerToken::access_token) {
        return tokens.access_token;
    }
    if (tokens.id_token.empty()) {
        throw AuthError("Azure AD returned no id token, but OAuthBearerToken=IdToken sends it to "
                        "Kinetic; add openid to Scope or set OAuthBearerToken=AccessToken");
    }
    return tokens.id_token;
}

TimePoint bearer_expiry(const OAuthTokens& tokens, OAuthBearerToken kind) {
    if (kind == OAuthBearerToken::id_token && tokens.issued_at != TimePoint{}) {
        if (const auto lifetime = jwt_lifetime(tokens.id_token)) {
            return std::min(tokens.issued_at + *lifetime, tokens.expires_at);
        }
    }
    return tokens.expires_at;
}

OAuthTokens to_oauth_tokens(const TokenResponse& response, const std::string& previous_refresh_token,
                            const AzureAdTokenClient& client, std::string scope, TimePoint now) {
    OAuthTokens tokens;
    tokens.access_token = response.access_token;
    tokens.id_token = response.id_token;
    tokens.refresh_token =
        response.refresh_token.empty() ? previous_refresh_token : response.refresh_token;
    tokens.expires_at = now + response.expires_in;
    tokens.token_type = response.token_type.empty() ? "Bearer" : response.token_type;
    tokens.client_id = client.credential().client_id;
    tokens.tenant = client.endpoints().tenant;
    tokens.scope = std::move(scope);
    tokens.issued_at = now;
    return tokens;
}

// ------------------------------------------------------- authenticator

AzureAdAuthenticator::AzureAdAuthenticator(Config config,
                                           std::shared_ptr<const AzureAdTokenClient> client,
                                           std::shared_ptr<TokenStore> store,
                                           std::shared_ptr<Logger> logger)
    : config_(std::move(config)),
      client_(std::move(client)),
      store_(std::move(store)),
      logger_(logger ? std::move(logger) : default_logger()) {
    if (!config_.clock) {
        config_.clock = [] { return std::chrono::system_clock::now(); };
    }
    if (!config_.open_browser) {
        config_.open_browser = launch_browser;
    }
}

void AzureAdAuthenticator::authenticate(HttpRequest& request) {
    auth::require_safe_for_credentials(request.url, config_.allow_insecure_http,
                                       "the Azure AD bearer token");

    std::string bearer;
    std::uint64_t generation = 0;
    {
        std::shared_lock<std::shared_mutex> lock(mutex_);
        if (is_fresh(now())) {
            bearer = current_.bearer;
            generation = generation_;
        }
    }
    if (bearer.empty()) {
        std::unique_lock<std::shared_mutex> lock(mutex_);
        // Another thread may have fetched a token while this one waited.
        if (!is_fresh(now())) {
            obtain_token();
        }
        bearer = current_.bearer;
        generation = generation_;
    }

    request.headers.set("Authorization", "Bearer " + bearer);
    t_last_sent = {this, generation};
}

bool AzureAdAuthenticator::on_unauthorized(const HttpResponse& response) {
    static_cast<void>(response);
    if (config_.initiate == InitiateOAuth::off) {
        // OAuthAccessToken is used as given; there is nothing to renew it with.
        return false;
    }

    std::unique_lock<std::shared_mutex> lock(mutex_);
    if (t_last_sent.first == this && t_last_sent.second != generation_ && is_fresh(now())) {
        return true;  // another thread already replaced the rejected token
    }
    logger_->write(LogLevel::requests,
                   "Azure AD: Kinetic rejected the bearer token with 401; renewing it once");
    rejected_bearer_ = current_.bearer;
    current_.refresh_at = TimePoint{};
    obtain_token();
    return current_.bearer != rejected_bearer_;
}

bool AzureAdAuthenticator::usable(const OAuthTokens& tokens, TimePoint at) const {
    if (tokens.access_token.empty()) {
        return false;
    }
    const std::string bearer = config_.bearer == OAuthBearerToken::access_token
                                   ? tokens.access_token
                                   : tokens.id_token;
    return !bearer.empty() && bearer != rejected_bearer_ &&
           at < bearer_expiry(tokens, config_.bearer) - config_.refresh_margin;
}

void AzureAdAuthenticator::adopt(const OAuthTokens& tokens) {
    current_.bearer = select_bearer(tokens, config_.bearer);
    current_.refresh_token = tokens.refresh_token;
    current_.refresh_at = bearer_expiry(tokens, config_.bearer) - config_.refresh_margin;
    ++generation_;
}

void AzureAdAuthenticator::obtain_token() {
    if (config_.initiate == InitiateOAuth::off) {
        use_static_token();
        return;
    }

    // Another process (or an earlier run) may hold newer tokens.
    const std::optional<OAuthTokens> stored = store_->load();
    if (stored && usable(*stored, now())) {
        logger_->write(LogLevel::requests,
                       "Azure AD: using the token stored in " + store_->location());
        adopt(*stored);
        return;
    }

    std::string refresh_token = current_.refresh_token;
    if (stored && !stored->refresh_token.empty()) {
        refresh_token = stored->refresh_token;
    }
    if (!refresh_token.empty()) {
        refresh_with(refresh_token);
    } else if (!config_.verifier.empty()) {
        redeem_verifier();
    } else if (!config_.refresh_token.empty()) {
        refresh_with(config_.refresh_token);
    } else if (config_.initiate == InitiateOAuth::get_and_refresh) {
        run_browser_flow();
    } else {
        throw AuthError("InitiateOAuth=REFRESH found no token in OAuthSettingsLocation " +
                        store_->location() +
                        " and neither OAuthVerifier nor OAuthRefreshToken is set; sign in with "
                        "`epicor login`, or pass the code from the browser as OAuthVerifier");
    }
}

void AzureAdAuthenticator::use_static_token() {
    if (config_.access_token.empty()) {
        throw AuthError("InitiateOAuth=OFF needs OAuthAccessToken; set it, or set "
                        "InitiateOAuth=GETANDREFRESH to sign in with a browser");
    }
    if (config_.access_token_expires_at && now() >= *config_.access_token_expires_at) {
        throw AuthError("OAuthAccessToken expired at " +
                        format_time(*config_.access_token_expires_at) +
                        " (OAuthTokenTimestamp plus OAuthExpiresIn); get a new one with "
                        "RefreshOAuthAccessToken, or set InitiateOAuth=GETANDREFRESH");
    }
    current_.bearer = config_.access_token;
    current_.refresh_at = config_.access_token_expires_at.value_or(TimePoint::max());
    ++generation_;
}

void AzureAdAuthenticator::refresh_with(const std::string& refresh_token) {
    logger_->write(LogLevel::requests, "Azure AD: refreshing the token at " +
                                           client_->endpoints().token_url());
    const std::string used_refresh_token = refresh_token;

    // The update runs under the store's cross-process lock, so a process
    // that refreshed first leaves tokens this one adopts instead of
    // refreshing again with a refresh token that may already be rotated out.
    const OAuthTokens tokens = store_->update([&](const std::optional<OAuthTokens>& stored) {
        if (stored && stored->refresh_token != used_refresh_token && usable(*stored, now())) {
            return *stored;
        }
        std::string latest = used_refresh_token;
        if (stored && !stored->refresh_token.empty()) {
            latest = stored->refresh_token;
        }
        const TokenResponse response = client_->redeem_refresh_token(latest, config_.scope);
        return to_oauth_tokens(response, latest, *client_, config_.scope, now());
    });
    adopt(tokens);
}

void AzureAdAuthenticator::redeem_verifier() {
    logger_->write(LogLevel::requests, "Azure AD: redeeming OAuthVerifier at " +
                                           client_->endpoints().token_url());
    // The code came from a browser elsewhere, so no PKCE verifier exists.
    const TokenResponse response = client_->redeem_authorization_code(
        config_.verifier, config_.callback_url, /*code_verifier=*/"", config_.scope);
    save(response, {});
}

void AzureAdAuthenticator::run_browser_flow() {
    LoopbackRedirectListener listener(config_.callback_url);
    const std::string code_verifier = make_code_verifier();
    AuthorizationRequest authorization;
    authorization.redirect_uri = listener.redirect_uri();
    authorization.scope = config_.scope;
    authorization.state = make_state();
    authorization.code_challenge = code_challenge_s256(code_verifier);
    authorization.prompt = config_.prompt;
    const std::string url = build_authorization_url(
        client_->endpoints(), client_->credential().client_id, authorization);

    logger_->write(LogLevel::errors, "Azure AD: opening the browser for sign-in; waiting for the "
                                     "redirect to " + listener.redirect_uri());
    config_.open_browser(url);
    const AuthorizationRedirect redirect = listener.wait(
        authorization.state,
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.browser_timeout));

    const TokenResponse response = client_->redeem_authorization_code(
        redirect.code, listener.redirect_uri(), code_verifier, config_.scope);
    save(response, {});
}

void AzureAdAuthenticator::save(const TokenResponse& response,
                                const std::string& previous_refresh_token) {
    const OAuthTokens tokens =
        to_oauth_tokens(response, previous_refresh_token, *client_, config_.scope, now());
    select_bearer(tokens, config_.bearer);  // fail before storing tokens that cannot be used
    store_->update([&](const std::optional<OAuthTokens>&) { return tokens; });
    logger_->write(LogLevel::requests,
                   "Azure AD: signed in; tokens saved to " + store_->location());
    adopt(tokens);
}

}  // namespace epicor::azure

namespace epicor {

std::unique_ptr<Authenticator> make_azure_ad_authenticator(const ConnectionSettings& settings,
                                                           std::shared_ptr<Transport> transport,
                                                           AzureAdOptions options) {
    using azure::AzureAdAuthenticator;

    AzureAdAuthenticator::Config config;
    config.initiate = settings.initiate_oauth;
    config.bearer = settings.oauth_bearer_token;
    config.allow_insecure_http = settings.allow_insecure_http;
    config.scope = azure::effective_scope(settings.scope);
    config.callback_url = settings.callback_url;
    config.prompt = options.prompt;
    config.access_token = settings.oauth_access_token;
    config.refresh_token = settings.oauth_refresh_token;
    config.verifier = settings.oauth_verifier;
    if (settings.oauth_expires_in && settings.oauth_token_timestamp_ms) {
        config.access_token_expires_at =
            azure::TimePoint(std::chrono::milliseconds(*settings.oauth_token_timestamp_ms)) +
            *settings.oauth_expires_in;
    }
    config.settings_location = settings.oauth_settings_location;
    config.refresh_margin = options.refresh_margin;
    config.browser_timeout = options.browser_timeout;
    config.clock = options.clock;
    config.open_browser = options.open_browser;

    if (settings.initiate_oauth == InitiateOAuth::off) {
        if (settings.oauth_access_token.empty()) {
            throw ConfigError("OAuthAccessToken",
                              "InitiateOAuth=OFF needs OAuthAccessToken; set it, or set "
                              "InitiateOAuth to GETANDREFRESH or REFRESH");
        }
        return std::make_unique<AzureAdAuthenticator>(std::move(config), nullptr, nullptr,
                                                      options.logger);
    }

    azure::ClientCredential credential = azure::credential_from(settings);
    auto store = azure::token_store_from(settings, options, credential);
    auto client = std::make_shared<const azure::AzureAdTokenClient>(
        azure::endpoints_from(settings, options), std::move(credential), std::move(transport),
        options.clock, options.logger);
    return std::make_unique<AzureAdAuthenticator>(std::move(config), std::move(client),
                                                  std::move(store), options.logger);
}

}  // namespace epicor
