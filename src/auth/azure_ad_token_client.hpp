#pragma once

// Talks to Azure AD's v2.0 endpoints: builds the authorization URL the
// browser opens and posts the token requests (authorization code and
// refresh token grants) with a client secret or a certificate assertion.

#include "auth/jwt_assertion.hpp"
#include "auth/token_response.hpp"

#include <epicor/http.hpp>
#include <epicor/log.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace epicor::azure {

/// Azure AD's public authority; tests point the authority at a stand-in.
inline constexpr std::string_view kDefaultAuthority = "https://login.microsoftonline.com";

/// Location of a tenant's endpoints.
struct AzureAdEndpoints {
    std::string authority{kDefaultAuthority};  ///< Scheme and host, no trailing path.
    std::string tenant = "common";             ///< AzureTenant: a GUID, a domain or "common".

    /// `{authority}/{tenant}/oauth2/v2.0/authorize`
    std::string authorize_url() const;
    /// `{authority}/{tenant}/oauth2/v2.0/token`
    std::string token_url() const;
};

/// Checks the authority and tenant before any request: the authority must be
/// https (or http to a loopback host), and the tenant a plain name. Throws
/// AuthError naming AzureTenant or the authority otherwise.
void validate_endpoints(const AzureAdEndpoints& endpoints);

/// The app's proof of identity at the token endpoint.
struct ClientCredential {
    std::string client_id;      ///< OAuthClientId.
    /// OAuthClientSecret. Empty with a certificate, and for a public client
    /// (an app registered as a desktop or mobile app), which sends no secret.
    std::string client_secret;
    std::shared_ptr<const ClientCertificate> certificate;  ///< OAuthJWTCert, or null.
    JwtAlgorithm algorithm = JwtAlgorithm::rs256;
};

/// The query of an authorization request.
struct AuthorizationRequest {
    std::string redirect_uri;
    std::string scope;
    std::string state;
    std::string code_challenge;  ///< S256 challenge; empty to send no PKCE parameters.
    std::string prompt;          ///< e.g. "select_account" or "consent"; empty for none.
};

/// Returns the URL the browser opens. Throws AuthError when the client id is
/// empty.
std::string build_authorization_url(const AzureAdEndpoints& endpoints,
                                    std::string_view client_id,
                                    const AuthorizationRequest& request);

/// Appends `name=value` to an application/x-www-form-urlencoded string.
void append_form_field(std::string& form, std::string_view name, std::string_view value);

/// Percent-encodes everything but RFC 3986's unreserved characters.
std::string percent_encode(std::string_view text);

/// Returns the host of an absolute http(s) URL, brackets removed from IPv6.
std::string url_host(std::string_view url);

/// True for "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

/// Posts token requests for one app registration. Thread-safe.
class AzureAdTokenClient {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    /// Throws AuthError when the endpoints are invalid, the client id is
    /// empty or `transport` is null. A null `logger` means default_logger().
    AzureAdTokenClient(AzureAdEndpoints endpoints, ClientCredential credential,
                       std::shared_ptr<Transport> transport, Clock clock = {},
                       std::shared_ptr<Logger> logger = {});

    /// Redeems an authorization code. `code_verifier` is the PKCE verifier,
    /// empty when the authorization request carried no challenge. Throws
    /// AuthError (with the OAuth error and AADSTS code) or TransportError.
    TokenResponse redeem_authorization_code(std::string_view code, std::string_view redirect_uri,
                                            std::string_view code_verifier,
                                            std::string_view scope) const;

    /// Redeems a refresh token. An expired or revoked one throws AuthError
    /// with oauth_error() "invalid_grant" and advice to authorize again.
    TokenResponse redeem_refresh_token(std::string_view refresh_token,
                                       std::string_view scope) const;

    const AzureAdEndpoints& endpoints() const noexcept { return endpoints_; }
    const ClientCredential& credential() const noexcept { return credential_; }

private:
    TokenResponse post(std::string form) const;

    AzureAdEndpoints endpoints_;
    ClientCredential credential_;
    std::shared_ptr<Transport> transport_;
    Clock clock_;
    std::shared_ptr<Logger> logger_;
};

}  // namespace epicor::azure
