#include <epicor/transport_factory.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace epicor {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string joined;
    for (const auto& item : items) {
        joined += joined.empty() ? "" : separator;
        joined += item;
    }
    return joined;
}

}  // namespace

CurlTransportOptions curl_transport_options(const ConnectionSettings& settings) {
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
    options.no_proxy = join(settings.proxy_exceptions, ",");
    options.max_response_bytes = static_cast<std::uint64_t>(settings.max_response_size);
    return options;
}

RetryPolicy retry_policy(const ConnectionSettings& settings) {
    RetryPolicy policy;
    policy.max_attempts = settings.max_retries + 1;
    policy.max_total_time = settings.retry_timeout;
    return policy;
}

std::shared_ptr<Transport> make_transport(const ConnectionSettings& settings, std::shared_ptr<Logger> logger) {
    CurlTransportOptions options = curl_transport_options(settings);
    options.logger = logger;
    auto curl = std::make_shared<CurlTransport>(std::move(options));
    return std::make_shared<RetryingTransport>(std::move(curl), retry_policy(settings), std::move(logger));
}

}  // namespace epicor
