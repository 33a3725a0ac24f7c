#pragma once

// The subset of the connection settings the client layer uses, in the
// shape it uses them. Built from ConnectionSettings by make_client_config().

#include <epicor/api_version.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/log.hpp>
#include <epicor/retry_policy.hpp>

#include <epicor/authenticator.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace epicor::detail {

enum class AuthScheme { basic, token, azure_ad_openid };

struct ClientConfig {
    /// `{URL}/{ERPInstance}` without a trailing slash.
    std::string base_url;
    ApiVersion api_version = ApiVersion::v1;
    std::string company;
    std::string plant;
    std::string default_service;
    std::string api_key;
    /// ClaimedLicense GUID, empty when `LicenseType` was not set.
    std::string license_guid;

    AuthScheme auth_scheme = AuthScheme::basic;
    std::string user;
    std::string password;
    bool allow_insecure_http = false;
    /// Builds the AzureADOpenID authenticator on the connection's transport;
    /// set by connect() from the settings, which it keeps.
    std::function<std::shared_ptr<Authenticator>(std::shared_ptr<Transport>, std::shared_ptr<Logger>)>
        azure_ad_factory;

    /// Rows per page request (`Pagesize`).
    std::int64_t page_size = 100;
    /// Most rows one query delivers (`MaxRows`); nothing means no limit.
    std::optional<std::int64_t> max_rows;
    /// Values of the secret properties a server could quote back (Password,
    /// ApiKey, OAuthClientSecret, the OAuth tokens, ProxyPassword and more),
    /// masked in error text from the server.
    std::vector<std::string> secrets;
    /// `Readonly`: requests that could change data throw ConfigError (the
    /// rule is in client/read_only.hpp).
    bool readonly = false;

    CurlTransportOptions transport;
    RetryPolicy retry;

    LogLevel verbosity = LogLevel::off;
    /// `Logfile` and its rotation; an empty path means no file.
    LogFileOptions log_file;
};

}  // namespace epicor::detail
