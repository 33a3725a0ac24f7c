#include "auth/credential_guard.hpp"

#include <epicor/error.hpp>

#include <algorithm>
#include <cctype>

namespace epicor::auth {
namespace {

std::string to_lower(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool is_loopback_ipv4(std::string_view host) {
    if (!starts_with(host, "127.")) {
        return false;
    }
    int dots = 0;
    for (char c : host) {
        if (c == '.') {
            ++dots;
        } else if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return dots == 3;
}

}  // namespace

std::string url_host(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    std::string_view rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    const auto at = rest.rfind('@');
    if (at != std::string_view::npos) {
        rest = rest.substr(at + 1);
    }
    if (starts_with(rest, "[")) {
        const auto close = rest.find(']');
        return close == std::string_view::npos ? std::string{} : to_lower(rest.substr(1, close - 1));
    }
    return to_lower(rest.substr(0, rest.find(':')));
}

bool is_safe_for_credentials(std::string_view url) {
    const std::string lower = to_lower(url.substr(0, 8));
    if (starts_with(lower, "https://")) {
        return true;
    }
    if (!starts_with(lower, "http://")) {
        return false;
    }
    std::string host = url_host(url);
    // A trailing dot marks a fully qualified name, so "localhost." is "localhost".
    if (host.size() > 1 && host.back() == '.') {
        host.pop_back();
    }
    return host == "localhost" || host == "::1" || is_loopback_ipv4(host);
}

void require_safe_for_credentials(std::string_view url, bool allow_insecure_http,
                                  std::string_view what) {
    if (allow_insecure_http || is_safe_for_credentials(url)) {
        return;
    }
    throw AuthError(std::string(what) + " was not sent, because '" + url_host(url) +
                    "' is reached over plain http: use an https URL, or set "
                    "AllowInsecureHttp=true if the network is trusted");
}

}  // namespace epicor::auth
