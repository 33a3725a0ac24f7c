#include "client/connection_state.hpp"

#include <epicor/connection.hpp>
#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/oauth.hpp>
#include <epicor/transport_factory.hpp>

#include <utility>

namespace epicor {
namespace {

detail::AuthScheme to_client_scheme(AuthScheme scheme) {
    switch (scheme) {
    case AuthScheme::basic: return detail::AuthScheme::basic;
    case AuthScheme::token: return detail::AuthScheme::token;
    case AuthScheme::azure_ad_openid: break;
    }
    return detail::AuthScheme::azure_ad_openid;
}

detail::ClientConfig make_client_config(const ConnectionSettings& settings) {
    detail::ClientConfig config;
    config.base_url = settings.base_url();
    config.api_version = settings.api_version;
    config.company = settings.company;
    config.plant = settings.plant;
    config.default_service = settings.service;
    config.api_key = settings.api_key;
    config.license_guid = settings.license_guid;

    config.auth_scheme = to_client_scheme(settings.auth_scheme);
    config.user = settings.user;
    config.password = settings.password;
    config.secrets = {settings.password,           settings.api_key,
                      settings.oauth_client_secret, settings.oauth_access_token,
                      settings.oauth_refresh_token, settings.oauth_verifier,
                      settings.oauth_jwt_cert_password, settings.proxy_password};
    config.allow_insecure_http = settings.allow_insecure_http;
    if (settings.auth_scheme == AuthScheme::azure_ad_openid) {
        config.azure_ad_factory = [settings](std::shared_ptr<Transport> transport,
                                             std::shared_ptr<Logger> logger) {
            AzureAdOptions options;
            options.logger = std::move(logger);
            return std::shared_ptr<Authenticator>(
                make_azure_ad_authenticator(settings, std::move(transport), std::move(options)));
        };
    }

    config.page_size = settings.pagesize;
    config.max_rows = settings.max_rows;
    config.readonly = settings.readonly;

    config.transport = curl_transport_options(settings);
    config.retry = retry_policy(settings);

    config.verbosity = static_cast<LogLevel>(settings.verbosity);
    config.log_file.path = settings.logfile;
    config.log_file.max_file_size = static_cast<std::uint64_t>(settings.max_log_file_size);
    // MaxLogFileCount counts the full files kept beside the current one, and
    // the sink's count includes the current file. Unset means keep them all,
    // which the sink writes as 0.
    config.log_file.max_file_count =
        settings.max_log_file_count ? static_cast<unsigned>(*settings.max_log_file_count) + 1U : 0U;
    return config;
}

// Checks what the client needs beyond the property catalog's own rules.
void validate_for_client(const ConnectionSettings& settings) {
    std::vector<ConfigProblem> problems;
    if (settings.api_version == ApiVersion::v2 && settings.api_key.empty()) {
        problems.push_back({"ApiKey",
                            "ApiVersion=v2 needs an API key on every call: set ApiKey to a key "
                            "from Kinetic's API Key Maintenance, or use ApiVersion=v1"});
    }
    if (settings.api_version == ApiVersion::v2 && settings.company.empty()) {
        problems.push_back({"Company", "ApiVersion=v2 puts the company in every address: set "
                                       "Company, e.g. Company=EPIC06"});
    }
    if (!problems.empty()) {
        throw ConfigError(std::move(problems));
    }
}

}  // namespace

Connection connect(std::string_view connection_string, ConnectOptions options) {
    const ConnectionSettings settings = ConnectionSettings::parse(connection_string);
    validate_for_client(settings);
    auto state = std::make_shared<detail::ConnectionState>(make_client_config(settings),
                                                           std::move(options));
    return Connection(std::move(state));
}

}  // namespace epicor
