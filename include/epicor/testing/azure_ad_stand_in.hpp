#pragma once

/// \file
/// An Azure AD (Microsoft Entra ID) stand-in for tests. It serves the v2.0
/// `authorize` and `token` endpoints of any number of tenants. It accepts
/// registered apps with client secrets or certificates, checks PKCE, makes
/// codes single-use, rotates and revokes refresh tokens, and signs id and
/// access tokens with RS256. Serve it on its own or inside a
/// MockKineticServer, whose Kinetic routes then accept the tokens it issued:
///
///     epicor::testing::AzureAdStandIn azure;
///     azure.register_app({"contoso", "client-1", "s3cret", ""});
///     epicor::testing::MockKineticServer server;
///     server.add_extension(azure.extension());
///     server.start();
///     // authority: azure.authority(), e.g. http://127.0.0.1:PORT
///
/// The stand-in follows the wire format of Microsoft's identity platform.
/// Its AADSTS codes imitate Azure AD's for the same failures, but a few
/// (assertion replay, for example) are approximations.

#include <epicor/testing/export.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace epicor::testing {

class ServerExtension;

/// One app registration.
struct AzureAdApp {
    std::string tenant;         ///< Directory the app lives in (AzureTenant).
    std::string client_id;      ///< Application (client) id.
    std::string client_secret;  ///< Accepted secret; empty to accept none.
    /// PEM certificate whose private key signs client assertions; empty to
    /// accept no assertion.
    std::string certificate_pem;
    /// A desktop or mobile app: token requests without any client
    /// credential are accepted.
    bool public_client = false;
};

/// The user the authorize endpoint signs in without asking.
struct AzureAdUser {
    std::string user_name = "manager@epic06.example";  ///< `preferred_username`.
    std::string display_name = "Kinetic Manager";     ///< `name`.
    std::string object_id = "6a1c1e3e-55f4-4f52-9e4b-1f8c0d2a9e01";  ///< `oid` and `sub`.
};

/// Token lifetimes and behaviour switches.
struct AzureAdStandInOptions {
    std::chrono::seconds access_token_lifetime{3600};
    std::chrono::seconds refresh_token_lifetime{90LL * 24 * 3600};
    std::chrono::seconds code_lifetime{600};
    /// Issue a new refresh token on every refresh. When
    /// invalidate_rotated_refresh_tokens is also set, the old one stops
    /// working, so a client that keeps an old one fails.
    bool rotate_refresh_tokens = true;
    bool invalidate_rotated_refresh_tokens = true;
};

/// One request the token endpoint received, without its secrets.
struct AzureAdTokenRequest {
    std::string tenant;
    std::string grant_type;
    std::string client_id;
    std::string client_authentication;  ///< "client_secret", "client_assertion" or "none".
    std::string assertion_algorithm;    ///< "RS256" or "PS256" for assertions.
    bool code_verifier_sent = false;
    std::string scope;
    bool succeeded = false;
    std::string error;  ///< The OAuth error sent back, if any.
};

/// The stand-in. Not copyable. The public functions are thread-safe.
class EPICOR_TESTING_API AzureAdStandIn {
public:
    explicit AzureAdStandIn(AzureAdStandInOptions options = {});
    /// Stops the stand-alone server when running.
    ~AzureAdStandIn();
    AzureAdStandIn(const AzureAdStandIn&) = delete;
    AzureAdStandIn& operator=(const AzureAdStandIn&) = delete;

    /// Adds or replaces an app registration. Throws std::invalid_argument
    /// when the tenant or client id is empty or the certificate is not PEM.
    void register_app(AzureAdApp app);
    /// Sets the user that later authorization requests sign in.
    void set_user(AzureAdUser user);

    /// Serves the endpoints on its own HTTP server on 127.0.0.1 with an
    /// ephemeral port. Throws std::runtime_error when binding fails and
    /// std::logic_error when already serving.
    void start();
    /// Stops the stand-alone server. Does nothing when not running.
    void stop();

    /// The routes and bearer check for MockKineticServer::add_extension().
    /// The stand-in then serves on the mock server's port.
    std::shared_ptr<ServerExtension> extension();

    /// The authority URL to configure in the client, e.g.
    /// `http://127.0.0.1:41234`; the tenant follows it in endpoint paths.
    /// Throws std::logic_error before the stand-in serves anywhere.
    std::string authority() const;

    /// Returns the `preferred_username` when `token` is an unexpired id or
    /// access token this stand-in signed, and nothing otherwise.
    std::optional<std::string> validate_bearer(const std::string& token) const;

    /// PEM of the public key that signs the id and access tokens.
    std::string signing_public_key_pem() const;

    // Test hooks. Each "next" hook applies to one request and is then spent.

    /// The next authorization request redirects back with `error` and
    /// `error_description` instead of a code.
    void fail_next_authorization(std::string error, std::string description);
    /// The next token request fails with this JSON error body and status.
    void fail_next_token_request(std::string error, std::string description, int status = 400);
    /// The next token request gets an HTML page with this status, as from a
    /// proxy in front of Azure AD.
    void answer_next_token_request_with_html(int status = 502);
    /// The next successful token response leaves out this field (e.g.
    /// "expires_in" or "access_token").
    void omit_from_next_token_response(std::string field);
    /// Successful token responses carry expires_in as a string ("3599")
    /// instead of a number.
    void send_expires_in_as_string(bool enabled);
    /// Revokes every refresh token issued so far (a password reset or an
    /// administrator's "revoke sessions" in Azure AD).
    void revoke_refresh_tokens();
    /// Moves the stand-in's clock forward, so codes, tokens and assertions
    /// expire without waiting.
    void advance_clock(std::chrono::seconds amount);

    /// The token requests received so far, oldest first.
    std::vector<AzureAdTokenRequest> token_requests() const;
    /// The number of authorization requests received so far.
    int authorization_requests() const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace epicor::testing
