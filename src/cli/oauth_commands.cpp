#include "cli/oauth_commands.hpp"

#include "cli/exit_codes.hpp"
#include "cli/output_sink.hpp"

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/log.hpp>
#include <epicor/oauth.hpp>
#include <epicor/transport_factory.hpp>

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace epicor::cli {
namespace {

struct OAuthArguments {
    OAuthAuthMode auth_mode = OAuthAuthMode::app;
    std::string callback_url;
    std::string scope;
    std::string prompt;
    std::string verifier;
    std::string refresh_token;
    std::string state;
    std::string issued_state;
};

ConnectionSettings azure_ad_settings(const GlobalOptions& global) {
    ConnectionSettings settings = ConnectionSettings::parse(resolve_connection_string(global.connection));
    if (settings.auth_scheme != AuthScheme::azure_ad_openid) {
        throw ConfigError("AuthScheme", "the OAuth commands need AuthScheme=AzureADOpenID in the connection string");
    }
    return settings;
}

// Builds the logger of the OAuth commands from the `Verbosity` and `Logfile`
// properties, as a Connection does. Without --log-file the log of --verbose
// goes to stderr, as for the other commands.
std::shared_ptr<Logger> make_logger(const GlobalOptions& global, const ConnectionSettings& settings) {
    auto logger = std::make_shared<Logger>(static_cast<LogLevel>(settings.verbosity));
    if (global.connection.verbosity > 0 && global.connection.log_file.empty()) {
        logger->set_callback([](const LogRecord& record) {
            std::cerr << "epicor: [" << static_cast<int>(record.level) << "] " << record.message << '\n';
        });
    }
    if (!settings.logfile.empty()) {
        LogFileOptions file;
        file.path = settings.logfile;
        file.max_file_size = static_cast<std::uint64_t>(settings.max_log_file_size);
        // MaxLogFileCount counts the files kept beside the current one, but
        // the logger's count includes the current file. 0 keeps them all.
        file.max_file_count =
            settings.max_log_file_count ? static_cast<unsigned>(*settings.max_log_file_count) + 1U : 0U;
        logger->open_file(std::move(file));
    }
    return logger;
}

// Returns the Azure AD options of every OAuth command. The authority is left
// empty, so the AzureADAuthority property sets it.
AzureAdOptions azure_ad_options(std::shared_ptr<Logger> logger) {
    AzureAdOptions options;
    options.logger = std::move(logger);
    return options;
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
    auto logger = make_logger(global, settings);
    auto authenticator =
        make_azure_ad_authenticator(settings, make_transport(settings, logger), azure_ad_options(logger));
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
    const OAuthAuthorizationUrl url =
        get_oauth_authorization_url(settings, request, azure_ad_options(make_logger(global, settings)));

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
    request.state = arguments.state;
    request.issued_state = arguments.issued_state;

    auto logger = make_logger(global, settings);
    const OAuthTokenResult result =
        get_oauth_access_token(settings, request, make_transport(settings, logger), azure_ad_options(logger));
    return write_token_result(global, result, arguments.auth_mode, settings);
}

int run_oauth_refresh(const GlobalOptions& global, const OAuthArguments& arguments) {
    const ConnectionSettings settings = azure_ad_settings(global);
    OAuthRefreshTokenRequest request;
    request.auth_mode = arguments.auth_mode;
    request.refresh_token = secret_argument(arguments.refresh_token);
    request.scope = arguments.scope;

    auto logger = make_logger(global, settings);
    const OAuthTokenResult result =
        refresh_oauth_access_token(settings, request, make_transport(settings, logger), azure_ad_options(logger));
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
    auto* state = token->add_option("--state", arguments.state,
                                    "The state parameter of the redirect; checked against --issued-state "
                                    "before the code is sent");
    auto* issued_state = token->add_option("--issued-state", arguments.issued_state,
                                           "The State that oauth-url printed for this sign-in");
    state->needs(issued_state);
    issued_state->needs(state);
    token->callback([&] { run = [&] { return run_oauth_token(global, arguments); }; });

    auto* refresh = app.add_subcommand("oauth-refresh", "Redeem a refresh token for new tokens");
    add_auth_mode_option(*refresh, arguments);
    refresh->add_option("--refresh-token", arguments.refresh_token,
                        "Refresh token; - reads it from stdin (default: the OAuthRefreshToken property)");
    refresh->add_option("--scope", arguments.scope, "Scopes, space-separated (default: the Scope property)");
    refresh->callback([&] { run = [&] { return run_oauth_refresh(global, arguments); }; });
}

}  // namespace epicor::cli
