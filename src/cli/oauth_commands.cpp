#include "cli/oauth_commands.hpp"

#include "cli/exit_codes.hpp"
#include "cli/output_sink.hpp"

#include <epicor/connection_settings.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>
#include <epicor/oauth.hpp>

#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace epicor::cli {
namespace {

struct OAuthArguments {
    OAuthAuthMode auth_mode = OAuthAuthMode::app;
    std::string callback_url;
    std::string scope;
    std::string prompt;
    std::string verifier;
    std::string refresh_token;
};

ConnectionSettings azure_ad_settings(const GlobalOptions& global) {
    ConnectionSettings settings = ConnectionSettings::parse(resolve_connection_string(global.connection));
    if (settings.auth_scheme != AuthScheme::azure_ad_openid) {
        throw ConfigError("AuthScheme", "the OAuth commands need AuthScheme=AzureADOpenID in the connection string");
    }
    return settings;
}

// The transport that reaches Azure AD, with the connection string's TLS,
// proxy and timeout settings.
std::shared_ptr<Transport> make_transport(const ConnectionSettings& settings) {
    CurlTransportOptions options;
    options.timeout = settings.timeout;
    options.connect_timeout = settings.connect_timeout;
    options.ssl_server_cert = settings.ssl_server_cert;
    options.insecure_skip_tls_verify = settings.ssl_insecure_skip_verify;
    if (!settings.proxy_server.empty()) {
        options.proxy = settings.proxy_server;
        options.proxy_port = settings.proxy_port;
        options.proxy_user = settings.proxy_user;
        options.proxy_password = settings.proxy_password;
    }
    for (const auto& host : settings.proxy_exceptions) {
        options.no_proxy += (options.no_proxy.empty() ? "" : ",") + host;
    }
    return std::make_shared<CurlTransport>(std::move(options));
}

// Reads a secret given as "-" from the first line of stdin, so it stays out
// of shell history.
std::string secret_argument(const std::string& value) {
    if (value != "-") {
        return value;
    }
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    return line;
}

// Prints the token result. With AuthMode APP the tokens are in the token
// store and are not printed; with WEB the caller keeps them, so they are.
int write_token_result(const GlobalOptions& global, const OAuthTokenResult& result, OAuthAuthMode mode,
                       const ConnectionSettings& settings) {
    nlohmann::json document = nlohmann::json::object();
    document["ExpiresIn"] = result.expires_in.count();
    if (mode == OAuthAuthMode::web) {
        document["OAuthAccessToken"] = result.oauth_access_token;
        document["OAuthRefreshToken"] = result.oauth_refresh_token;
    } else {
        document["OAuthSettingsLocation"] = settings.oauth_settings_location;
    }
    OutputSink sink(global.output_path);
    sink.write(document.dump(2));
    sink.write('\n');
    sink.commit();
    return kExitSuccess;
}

int run_login(const GlobalOptions& global) {
    ConnectionSettings settings = azure_ad_settings(global);
    settings.initiate_oauth = InitiateOAuth::get_and_refresh;
    auto authenticator = make_azure_ad_authenticator(settings, make_transport(settings));
    // Authenticating a request that is never sent runs the browser flow
    // (or a refresh) and saves the tokens.
    HttpRequest probe;
    probe.url = settings.base_url();
    authenticator->authenticate(probe);
    std::cerr << "epicor: signed in; the tokens are saved in '" << settings.oauth_settings_location << "'\n";
    return kExitSuccess;
}

int run_oauth_url(const GlobalOptions& global, const OAuthArguments& arguments) {
    const ConnectionSettings settings = azure_ad_settings(global);
    OAuthAuthorizationUrlRequest request;
    request.auth_mode = arguments.auth_mode;
    request.callback_url = arguments.callback_url;
    request.scope = arguments.scope;
    request.prompt = arguments.prompt;
    const OAuthAuthorizationUrl url = get_oauth_authorization_url(settings, request);

    OutputSink sink(global.output_path);
    nlohmann::json document = {{"URL", url.url}, {"State", url.state}};
    sink.write(document.dump(2));
    sink.write('\n');
    sink.commit();
    return kExitSuccess;
}

int run_oauth_token(const GlobalOptions& global, const OAuthArguments& arguments) {
    const ConnectionSettings settings = azure_ad_settings(global);
    OAuthAccessTokenRequest request;
    request.auth_mode = arguments.auth_mode;
    request.verifier = secret_argument(arguments.verifier);
    request.callback_url = arguments.callback_url;
    request.scope = arguments.scope;
    const OAuthTokenResult result = get_oauth_access_token(settings, request, make_transport(settings));
    return write_token_result(global, result, arguments.auth_mode, settings);
}

int run_oauth_refresh(const GlobalOptions& global, const OAuthArguments& arguments) {
    const ConnectionSettings settings = azure_ad_settings(global);
    const OAuthTokenResult result = refresh_oauth_access_token(settings, secret_argument(arguments.refresh_token),
                                                               make_transport(settings));
    return write_token_result(global, result, arguments.auth_mode, settings);
}

void add_auth_mode_option(CLI::App& command, OAuthArguments& arguments) {
    static const std::map<std::string, OAuthAuthMode> modes{{"app", OAuthAuthMode::app},
                                                            {"web", OAuthAuthMode::web}};
    command.add_option("--auth-mode", arguments.auth_mode,
                       "app: save the tokens in OAuthSettingsLocation; web: print them and save nothing")
        ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
        ->default_str("app");
}

}  // namespace

void add_oauth_commands(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
    // The arguments outlive parsing: the chosen command reads them when run.
    static OAuthArguments arguments;

    auto* login = app.add_subcommand("login", "Sign in to Azure AD in the browser and save the tokens "
                                              "(AuthScheme=AzureADOpenID)");
    login->callback([&] { run = [&] { return run_login(global); }; });

    auto* url = app.add_subcommand("oauth-url", "Print the Azure AD authorization URL to open in a browser");
    add_auth_mode_option(*url, arguments);
    url->add_option("--callback-url", arguments.callback_url, "Redirect URI (default: the CallbackURL property)");
    url->add_option("--scope", arguments.scope, "Scopes, space-separated (default: the Scope property)");
    url->add_option("--prompt", arguments.prompt, "Azure AD prompt, e.g. consent or select_account");
    url->callback([&] { run = [&] { return run_oauth_url(global, arguments); }; });

    auto* token = app.add_subcommand("oauth-token", "Exchange the authorization code from the redirect for tokens");
    add_auth_mode_option(*token, arguments);
    token->add_option("--verifier", arguments.verifier,
                      "The code parameter of the redirect; - reads it from stdin, keeping it out of shell history")
        ->required();
    token->add_option("--callback-url", arguments.callback_url, "Redirect URI used in the authorization URL");
    token->add_option("--scope", arguments.scope, "Scopes, space-separated (default: the Scope property)");
    token->callback([&] { run = [&] { return run_oauth_token(global, arguments); }; });

    auto* refresh = app.add_subcommand("oauth-refresh", "Redeem a refresh token for new tokens");
    add_auth_mode_option(*refresh, arguments);
    refresh->add_option("--refresh-token", arguments.refresh_token,
                        "Refresh token; - reads it from stdin (default: the OAuthRefreshToken property)");
    refresh->callback([&] { run = [&] { return run_oauth_refresh(global, arguments); }; });
}

}  // namespace epicor::cli
