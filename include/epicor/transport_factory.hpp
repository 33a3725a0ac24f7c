#pragma once

/// \file
/// Builds the transport chain a Connection uses (a CurlTransport inside a
/// RetryingTransport) from ConnectionSettings, for programs that send their
/// own requests with the connection string's TLS, proxy, timeout and retry
/// settings, for example to the Azure AD procedures in <epicor/oauth.hpp>:
///
///     auto settings = epicor::ConnectionSettings::parse(connection_string);
///     auto transport = epicor::make_transport(settings);
///     auto tokens = epicor::refresh_oauth_access_token(settings, {}, transport);

#include <epicor/connection_settings.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/export.hpp>
#include <epicor/http.hpp>
#include <epicor/log.hpp>
#include <epicor/retry_policy.hpp>

#include <memory>

namespace epicor {

/// Returns the CurlTransport settings that the connection properties set:
/// `Timeout`, `ConnectTimeout`, `SSLServerCert`, `SSLInsecureSkipVerify`,
/// `ProxyServer`, `ProxyPort`, `ProxyUser`, `ProxyPassword` and
/// `ProxyExceptions`. The proxy port and credentials are copied only when
/// `ProxyServer` is set. The other fields keep their defaults, and the
/// logger is null. Throws only std::bad_alloc.
EPICOR_API CurlTransportOptions curl_transport_options(const ConnectionSettings& settings);

/// Returns the retry policy that the connection properties set:
/// `MaxRetries` (attempts after the first) and `RetryTimeout`. The other
/// fields keep their defaults. Throws only std::bad_alloc.
EPICOR_API RetryPolicy retry_policy(const ConnectionSettings& settings);

/// Builds the transport chain a Connection builds: a CurlTransport with
/// curl_transport_options() inside a RetryingTransport with retry_policy().
/// Both log to `logger`, and a null `logger` means default_logger(). The
/// result is thread-safe. It sends no request until used, and it never adds
/// credentials, which are the Authenticator's job.
/// Throws ConfigError naming `SSLServerCert` when that is neither a readable
/// file nor PEM text, and TransportError when libcurl cannot initialise.
EPICOR_API std::shared_ptr<Transport> make_transport(const ConnectionSettings& settings,
                                                     std::shared_ptr<Logger> logger = {});

}  // namespace epicor
