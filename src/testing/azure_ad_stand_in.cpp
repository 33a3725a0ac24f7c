#include <epicor/testing/azure_ad_stand_in.hpp>

#include "testing/server_extension.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

namespace epicor::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

struct PkeyDeleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct X509Deleter {
    void operator()(X509* cert) const noexcept { X509_free(cert); }
};
struct BioDeleter {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct MdContextDeleter {
    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using CertPtr = std::unique_ptr<X509, X509Deleter>;

// ---------------------------------------------------------------- encoding

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kBase64Url[(buffer >> bits) & 0x3Fu]);
        }
    }
    if (bits > 0) {
        out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3Fu]);
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto position = kBase64Url.find(c);
        if (position == std::string_view::npos) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(position);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
        }
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0Fu]);
        }
    }
    return out;
}

std::string random_token(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
        throw std::runtime_error("AzureAdStandIn: RAND_bytes failed");
    }
    return base64url_encode(raw);
}

std::string sha256_base64url(std::string_view data) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
    return base64url_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string sha1_base64url(std::string_view data) {
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
    return base64url_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::int64_t epoch_seconds(Clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

bool has_scope(const std::string& scope, std::string_view expected) {
    std::size_t start = 0;
    while (start <= scope.size()) {
        const auto end = std::min(scope.find(' ', start), scope.size());
        if (std::string_view(scope).substr(start, end - start) == expected) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

bool is_loopback_redirect(const std::string& uri) {
    for (const char* prefix : {"http://localhost", "http://127.0.0.1", "http://[::1]"}) {
        const std::string p(prefix);
        if (uri.rfind(p, 0) == 0 &&
            (uri.size() == p.size() || uri[p.size()] == ':' || uri[p.size()] == '/')) {
            return true;
        }
    }
    return false;
}

// ----------------------------------------------------------------- signing

std::string sign(EVP_PKEY* key, std::string_view input) {
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
    std::size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &size, data, input.size()) != 1) {
        throw std::runtime_error("AzureAdStandIn: signing a token failed");
    }
    std::string signature(size, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       data, input.size()) != 1) {
        throw std::runtime_error("AzureAdStandIn: signing a token failed");
    }
    signature.resize(size);
    return signature;
}

bool verify(EVP_PKEY* key, bool pss, std::string_view input, std::string_view signature) {
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* key_context = nullptr;
    bool ok = context && EVP_DigestVerifyInit(context.get(), &key_context, EVP_sha256(),
                                              nullptr, key) == 1;
    if (ok && pss) {
        ok = EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST) == 1 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(key_context, EVP_sha256()) == 1;
    }
    ok = ok && EVP_DigestVerify(context.get(),
                                reinterpret_cast<const unsigned char*>(signature.data()),
                                signature.size(),
                                reinterpret_cast<const unsigned char*>(input.data()),
                                input.size()) == 1;
    ERR_clear_error();
    return ok;
}

/// A JWT split into its decoded parts.
struct ParsedJwt {
    json header;
    json claims;
    std::string signing_input;
    std::string signature;
};

std::optional<ParsedJwt> parse_jwt(std::string_view token) {
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    const auto header = base64url_decode(token.substr(0, first));
    const auto claims = base64url_decode(token.substr(first + 1, second - first - 1));
    const auto signature = base64url_decode(token.substr(second + 1));
    if (!header || !claims || !signature) {
        return std::nullopt;
    }
    ParsedJwt jwt;
    jwt.header = json::parse(*header, nullptr, false);
    jwt.claims = json::parse(*claims, nullptr, false);
    if (!jwt.header.is_object() || !jwt.claims.is_object()) {
        return std::nullopt;
    }
    jwt.signing_input = std::string(token.substr(0, second));
    jwt.signature = *signature;
    return jwt;
}

std::string claim_string(const json& claims, const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> claim_number(const json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

// ----------------------------------------------------------- registrations

struct RegisteredApp {
    AzureAdApp app;
    CertPtr certificate;
    std::string x5t;
    std::string x5t_s256;
};

struct IssuedCode {
    std::string tenant;
    std::string client_id;
    std::string redirect_uri;
    std::string scope;
    std::string code_challenge;
    AzureAdUser user;
    Clock::time_point expires_at;
    bool redeemed = false;
};

struct IssuedRefreshToken {
    std::string tenant;
    std::string client_id;
    std::string scope;
    AzureAdUser user;
    Clock::time_point expires_at;
    bool revoked = false;
    bool rotated_out = false;
};

/// An OAuth error the token endpoint sends back.
struct OAuthFailure {
    int status;
    std::string error;
    std::string description;
};

}  // namespace

struct AzureAdStandIn::Impl {
    explicit Impl(AzureAdStandInOptions opts) : options(std::move(opts)) {
        signing_key.reset(EVP_RSA_gen(2048));
        if (!signing_key) {
            throw std::runtime_error("AzureAdStandIn: generating the signing key failed");
        }
        key_id = random_token(8);
    }

    // ------------------------------------------------------------- state
    mutable std::mutex mutex;
    AzureAdStandInOptions options;
    AzureAdUser user;
    std::map<std::pair<std::string, std::string>, RegisteredApp> apps;
    std::map<std::string, IssuedCode> codes;
    std::map<std::string, IssuedRefreshToken> refresh_tokens;
    std::set<std::string> seen_assertion_ids;
    std::vector<AzureAdTokenRequest> token_log;
    int authorization_count = 0;
    std::chrono::seconds clock_offset{0};
    KeyPtr signing_key;
    std::string key_id;
    std::string authority;

    std::optional<std::pair<std::string, std::string>> next_authorization_failure;
    std::optional<OAuthFailure> next_token_failure;
    std::optional<int> next_token_html_status;
    std::string next_omitted_field;
    bool expires_in_as_string = false;

    std::unique_ptr<httplib::Server> own_server;
    std::thread own_server_thread;

    Clock::time_point now() const { return Clock::now() + clock_offset; }

    // ------------------------------------------------------------ routes
    void register_routes(httplib::Server& server) {
        server.Get(R"(/([A-Za-z0-9._-]+)/oauth2/v2\.0/authorize)",
                   [this](const httplib::Request& request, httplib::Response& response) {
                       handle_authorize(request, response);
                   });
        server.Post(R"(/([A-Za-z0-9._-]+)/oauth2/v2\.0/token)",
                    [this](const httplib::Request& request, httplib::Response& response) {
                        handle_token(request, response);
                    });
    }

    void handle_authorize(const httplib::Request& request, httplib::Response& response) {
        std::lock_guard<std::mutex> lock(mutex);
        ++authorization_count;
        const std::string tenant = request.matches[1];
        const std::string client_id = request.get_param_value("client_id");
        const std::string redirect_uri = request.get_param_value("redirect_uri");
        const std::string state = request.get_param_value("state");

        // Azure AD shows an error page, not a redirect, when it cannot trust
        // the redirect URI or does not know the app.
        if (apps.find({tenant, client_id}) == apps.end()) {
            response.status = 400;
            response.set_content("<html><body>AADSTS700016: Application with identifier '" +
                                     client_id + "' was not found in the directory '" + tenant +
                                     "'.</body></html>",
                                 "text/html");
            return;
        }
        // NOTE: apps register no redirect URIs here. Any loopback http URI (as
        // Azure AD allows for desktop apps, on any port) or https URI passes.
        if (!is_loopback_redirect(redirect_uri) && redirect_uri.rfind("https://", 0) != 0) {
            response.status = 400;
            response.set_content("<html><body>AADSTS50011: The redirect URI specified in the "
                                 "request does not match the redirect URIs configured for the "
                                 "application.</body></html>",
                                 "text/html");
            return;
        }

        std::string query;
        if (next_authorization_failure) {
            query = "error=" + percent_encode(next_authorization_failure->first) +
                    "&error_description=" + percent_encode(next_authorization_failure->second);
            next_authorization_failure.reset();
        } else if (request.get_param_value("response_type") != "code") {
            query = "error=unsupported_response_type&error_description=" +
                    percent_encode("AADSTS700054: response_type 'code' is expected.");
        } else if (request.has_param("code_challenge") &&
                   request.get_param_value("code_challenge_method") != "S256") {
            query = "error=invalid_request&error_description=" +
                    percent_encode("AADSTS501491: Invalid code_challenge_method; use S256.");
        } else {
            const std::string code = random_token(32);
            codes[code] = IssuedCode{tenant,
                                     client_id,
                                     redirect_uri,
                                     request.get_param_value("scope"),
                                     request.get_param_value("code_challenge"),
                                     user,
                                     now() + options.code_lifetime,
                                     false};
            query = "code=" + percent_encode(code);
        }
        if (request.has_param("state")) {
            query += "&state=" + percent_encode(state);
        }
        const char separator = redirect_uri.find('?') == std::string::npos ? '?' : '&';
        response.set_redirect(redirect_uri + separator + query, 302);
    }

    void handle_token(const httplib::Request& request, httplib::Response& response) {
        std::lock_guard<std::mutex> lock(mutex);
        AzureAdTokenRequest record;
        record.tenant = request.matches[1];
        record.grant_type = request.get_param_value("grant_type");
        record.client_id = request.get_param_value("client_id");
        record.code_verifier_sent = request.has_param("code_verifier");
        record.scope = request.get_param_value("scope");
        record.client_authentication = request.has_param("client_assertion") ? "client_assertion"
                                       : request.has_param("client_secret") ? "client_secret"
                                                                            : "none";

        if (next_token_html_status) {
            response.status = *next_token_html_status;
            response.set_content("<html><head><title>Bad Gateway</title></head><body><h1>"
                                 "The proxy could not reach the identity provider.</h1>"
                                 "</body></html>",
                                 "text/html");
            record.error = "html";
            next_token_html_status.reset();
            token_log.push_back(std::move(record));
            return;
        }

        try {
            if (next_token_failure) {
                const OAuthFailure failure = *next_token_failure;
                next_token_failure.reset();
                throw failure;
            }
            const RegisteredApp& app = authenticate_client(request, record);
            json body = redeem_grant(request, record, app);
            finish_token_body(body);
            response.set_content(body.dump(), "application/json");
            record.succeeded = true;
        } catch (const OAuthFailure& failure) {
            record.error = failure.error;
            const json body = {{"error", failure.error},
                               {"error_description", failure.description + "\r\nTrace ID: " +
                                                         random_token(8)},
                               {"error_codes", json::array()},
                               {"timestamp", epoch_seconds(now())}};
            response.status = failure.status;
            response.set_content(body.dump(), "application/json");
        }
        token_log.push_back(std::move(record));
    }

    // ------------------------------------------------- client authentication
    const RegisteredApp& authenticate_client(const httplib::Request& request,
                                             AzureAdTokenRequest& record) {
        const auto it = apps.find({record.tenant, record.client_id});
        if (it == apps.end()) {
            const bool tenant_known = std::any_of(apps.begin(), apps.end(), [&](const auto& app) {
                return app.first.first == record.tenant;
            });
            if (!tenant_known) {
                throw OAuthFailure{400, "invalid_request",
                                   "AADSTS90002: Tenant '" + record.tenant + "' not found."};
            }
            throw OAuthFailure{400, "unauthorized_client",
                               "AADSTS700016: Application with identifier '" + record.client_id +
                                   "' was not found in the directory '" + record.tenant + "'."};
        }
        const RegisteredApp& app = it->second;

        if (record.client_authentication == "client_secret") {
            if (app.app.client_secret.empty() ||
                request.get_param_value("client_secret") != app.app.client_secret) {
                throw OAuthFailure{401, "invalid_client",
                                   "AADSTS7000215: Invalid client secret provided."};
            }
            return app;
        }
        if (record.client_authentication == "client_assertion") {
            check_assertion(request, app, record);
            return app;
        }
        if (app.app.public_client) {
            return app;
        }
        throw OAuthFailure{401, "invalid_client",
                           "AADSTS7000218: The request body must contain the following "
                           "parameter: 'client_assertion' or 'client_secret'."};
    }

    void check_assertion(const httplib::Request& request, const RegisteredApp& app,
                         AzureAdTokenRequest& record) {
        if (request.get_param_value("client_assertion_type") !=
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
            throw OAuthFailure{400, "invalid_request",
                               "AADSTS50027: client_assertion_type is missing or invalid."};
        }
        const auto jwt = parse_jwt(request.get_param_value("client_assertion"));
        if (!jwt) {
            throw OAuthFailure{401, "invalid_client", "AADSTS50027: JWT token is invalid or malformed."};
        }
        const std::string alg = claim_string(jwt->header, "alg");
        record.assertion_algorithm = alg;
        if (!app.certificate) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700027: No certificate is registered for the app."};
        }
        const bool thumbprint_ok =
            (alg == "RS256" && claim_string(jwt->header, "x5t") == app.x5t) ||
            (alg == "PS256" && claim_string(jwt->header, "x5t#S256") == app.x5t_s256);
        if (!thumbprint_ok) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700027: The certificate with identifier used to sign the "
                               "client assertion is not registered on application."};
        }
        KeyPtr public_key(X509_get_pubkey(app.certificate.get()));
        if (!verify(public_key.get(), alg == "PS256", jwt->signing_input, jwt->signature)) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700027: Client assertion failed signature validation."};
        }

        const json& claims = jwt->claims;
        const std::string expected_aud = authority + "/" + record.tenant + "/oauth2/v2.0/token";
        if (claim_string(claims, "aud") != expected_aud) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700021: Client assertion audience claim does not match "
                               "Realm issuer " + expected_aud + "."};
        }
        if (claim_string(claims, "iss") != app.app.client_id ||
            claim_string(claims, "sub") != app.app.client_id) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700023: Client assertion issuer and subject must be the "
                               "client id."};
        }
        const auto exp = claim_number(claims, "exp");
        const auto nbf = claim_number(claims, "nbf");
        const std::int64_t current = epoch_seconds(now());
        // Azure AD allows five minutes of clock skew.
        if (!exp || *exp <= current - 300 || (nbf && *nbf > current + 300)) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700024: Client assertion is not within its valid time "
                               "range."};
        }
        const std::string jti = claim_string(claims, "jti");
        if (jti.empty() || !seen_assertion_ids.insert(jti).second) {
            throw OAuthFailure{401, "invalid_client",
                               "AADSTS700025: Client assertion jti is missing or was used "
                               "before."};
        }
    }

    // ------------------------------------------------------------- grants
    json redeem_grant(const httplib::Request& request, const AzureAdTokenRequest& record,
                      const RegisteredApp& app) {
        if (record.grant_type == "authorization_code") {
            return redeem_code(request, record, app);
        }
        if (record.grant_type == "refresh_token") {
            return redeem_refresh(request, record, app);
        }
        throw OAuthFailure{400, "unsupported_grant_type",
                           "AADSTS70003: The app requested an unsupported grant type '" +
                               record.grant_type + "'."};
    }

    json redeem_code(const httplib::Request& request, const AzureAdTokenRequest& record,
                     const RegisteredApp& app) {
        const auto it = codes.find(request.get_param_value("code"));
        if (it == codes.end() || it->second.client_id != app.app.client_id ||
            it->second.tenant != record.tenant) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS9002313: Invalid request. The authorization code is "
                               "malformed or invalid."};
        }
        IssuedCode& code = it->second;
        if (code.redeemed) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS54005: OAuth2 Authorization code was already redeemed, "
                               "please retry with a new valid code or use an existing refresh "
                               "token."};
        }
        code.redeemed = true;
        if (now() >= code.expires_at) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS70008: The provided authorization code or refresh token "
                               "has expired due to inactivity."};
        }
        if (request.get_param_value("redirect_uri") != code.redirect_uri) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS50011: The redirect URI does not match the one of the "
                               "authorization request."};
        }
        const std::string verifier = request.get_param_value("code_verifier");
        if (!code.code_challenge.empty() &&
            (verifier.empty() || sha256_base64url(verifier) != code.code_challenge)) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS501481: The Code_Verifier does not match the "
                               "code_challenge supplied in the authorization request."};
        }
        return issue_tokens(record.tenant, app.app.client_id, code.scope, code.user);
    }

    json redeem_refresh(const httplib::Request& request, const AzureAdTokenRequest& record,
                        const RegisteredApp& app) {
        const auto it = refresh_tokens.find(request.get_param_value("refresh_token"));
        if (it == refresh_tokens.end() || it->second.client_id != app.app.client_id ||
            it->second.tenant != record.tenant) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS9002313: Invalid request. The refresh token is malformed "
                               "or invalid."};
        }
        IssuedRefreshToken& token = it->second;
        if (token.revoked) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS50173: The provided grant has expired due to it being "
                               "revoked, a fresh auth token is needed."};
        }
        if (token.rotated_out) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS70000: The refresh token was replaced by a newer one."};
        }
        if (now() >= token.expires_at) {
            throw OAuthFailure{400, "invalid_grant",
                               "AADSTS700082: The refresh token has expired due to inactivity."};
        }

        const std::string requested = request.get_param_value("scope");
        const std::string scope = requested.empty() ? token.scope : requested;
        const AzureAdUser token_user = token.user;
        if (options.rotate_refresh_tokens && options.invalidate_rotated_refresh_tokens) {
            token.rotated_out = true;
        }
        json body = issue_tokens(record.tenant, app.app.client_id, scope, token_user);
        if (!options.rotate_refresh_tokens) {
            body["refresh_token"] = it->first;
        }
        return body;
    }

    json issue_tokens(const std::string& tenant, const std::string& client_id,
                      const std::string& scope, const AzureAdUser& signed_in) {
        const auto issued = now();
        const auto lifetime = options.access_token_lifetime;
        const std::string issuer = authority + "/" + tenant + "/v2.0";

        json claims = {{"iss", issuer},
                       {"tid", tenant},
                       {"sub", signed_in.object_id},
                       {"oid", signed_in.object_id},
                       {"preferred_username", signed_in.user_name},
                       {"name", signed_in.display_name},
                       {"iat", epoch_seconds(issued)},
                       {"nbf", epoch_seconds(issued)},
                       {"exp", epoch_seconds(issued + lifetime)}};

        json access_claims = claims;
        access_claims["aud"] = client_id;
        access_claims["azp"] = client_id;
        access_claims["scp"] = scope;
        access_claims["uti"] = random_token(12);

        json body = {{"token_type", "Bearer"},
                     {"scope", scope},
                     {"ext_expires_in", lifetime.count()},
                     {"access_token", sign_jwt(access_claims)}};
        body["expires_in"] = lifetime.count();

        if (has_scope(scope, "openid")) {
            json id_claims = claims;
            id_claims["aud"] = client_id;
            id_claims["ver"] = "2.0";
            id_claims["uti"] = random_token(12);
            body["id_token"] = sign_jwt(id_claims);
        }
        if (has_scope(scope, "offline_access")) {
            const std::string refresh = random_token(48);
            refresh_tokens[refresh] = IssuedRefreshToken{
                tenant, client_id, scope, signed_in, issued + options.refresh_token_lifetime,
                false, false};
            body["refresh_token"] = refresh;
        }
        return body;
    }

    void finish_token_body(json& body) {
        if (expires_in_as_string) {
            body["expires_in"] = std::to_string(body["expires_in"].get<std::int64_t>());
        }
        if (!next_omitted_field.empty()) {
            body.erase(next_omitted_field);
            next_omitted_field.clear();
        }
    }

    std::string sign_jwt(const json& claims) const {
        const json header = {{"typ", "JWT"}, {"alg", "RS256"}, {"kid", key_id}};
        const std::string input =
            base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
        return input + "." + base64url_encode(sign(signing_key.get(), input));
    }

    std::optional<std::string> validate(const std::string& token) const {
        const auto jwt = parse_jwt(token);
        if (!jwt || claim_string(jwt->header, "alg") != "RS256" ||
            claim_string(jwt->header, "kid") != key_id ||
            !verify(signing_key.get(), false, jwt->signing_input, jwt->signature)) {
            return std::nullopt;
        }
        const auto exp = claim_number(jwt->claims, "exp");
        std::lock_guard<std::mutex> lock(mutex);
        if (!exp || *exp <= epoch_seconds(now())) {
            return std::nullopt;
        }
        return claim_string(jwt->claims, "preferred_username");
    }
};

namespace {

/// Joins the stand-in to a MockKineticServer.
class StandInExtension final : public ServerExtension {
public:
    explicit StandInExtension(std::shared_ptr<AzureAdStandIn::Impl> impl)
        : impl_(std::move(impl)) {}

    void register_routes(httplib::Server& server, const std::string& base_url) override {
        {
            std::lock_guard<std::mutex> lock(impl_->mutex);
            impl_->authority = base_url;
        }
        impl_->register_routes(server);
    }

    std::optional<std::string> validate_bearer(const std::string& token) override {
        return impl_->validate(token);
    }

private:
    std::shared_ptr<AzureAdStandIn::Impl> impl_;
};

}  // namespace

AzureAdStandIn::AzureAdStandIn(AzureAdStandInOptions options)
    : impl_(std::make_shared<Impl>(std::move(options))) {}

AzureAdStandIn::~AzureAdStandIn() {
    stop();
}

void AzureAdStandIn::register_app(AzureAdApp app) {
    if (app.tenant.empty() || app.client_id.empty()) {
        throw std::invalid_argument("AzureAdStandIn::register_app: tenant and client_id must not "
                                    "be empty");
    }
    RegisteredApp registered;
    if (!app.certificate_pem.empty()) {
        std::unique_ptr<BIO, BioDeleter> bio(
            BIO_new_mem_buf(app.certificate_pem.data(), static_cast<int>(app.certificate_pem.size())));
        registered.certificate.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        ERR_clear_error();
        if (!registered.certificate) {
            throw std::invalid_argument("AzureAdStandIn::register_app: certificate_pem of " +
                                        app.client_id + " is not a PEM certificate");
        }
        const int length = i2d_X509(registered.certificate.get(), nullptr);
        std::string der(static_cast<std::size_t>(length), '\0');
        auto* out = reinterpret_cast<unsigned char*>(der.data());
        i2d_X509(registered.certificate.get(), &out);
        registered.x5t = sha1_base64url(der);
        registered.x5t_s256 = sha256_base64url(der);
    }
    registered.app = std::move(app);

    std::lock_guard<std::mutex> lock(impl_->mutex);
    const auto key = std::make_pair(registered.app.tenant, registered.app.client_id);
    impl_->apps[key] = std::move(registered);
}

void AzureAdStandIn::set_user(AzureAdUser user) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->user = std::move(user);
}

void AzureAdStandIn::start() {
    if (impl_->own_server) {
        throw std::logic_error("AzureAdStandIn::start: already serving");
    }
    auto server = std::make_unique<httplib::Server>();
    impl_->register_routes(*server);
    const int port = server->bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        throw std::runtime_error("AzureAdStandIn::start: cannot bind a port on 127.0.0.1");
    }
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->authority = "http://127.0.0.1:" + std::to_string(port);
    }
    httplib::Server* raw = server.get();
    impl_->own_server = std::move(server);
    impl_->own_server_thread = std::thread([raw] { raw->listen_after_bind(); });
    while (!raw->is_running()) {
        std::this_thread::yield();
    }
}

void AzureAdStandIn::stop() {
    if (!impl_->own_server) {
        return;
    }
    impl_->own_server->stop();
    if (impl_->own_server_thread.joinable()) {
        impl_->own_server_thread.join();
    }
    impl_->own_server.reset();
}

std::shared_ptr<ServerExtension> AzureAdStandIn::extension() {
    return std::make_shared<StandInExtension>(impl_);
}

std::string AzureAdStandIn::authority() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->authority.empty()) {
        throw std::logic_error("AzureAdStandIn::authority: call start() or add extension() to a "
                               "MockKineticServer and start it first");
    }
    return impl_->authority;
}

std::optional<std::string> AzureAdStandIn::validate_bearer(const std::string& token) const {
    return impl_->validate(token);
}

std::string AzureAdStandIn::signing_public_key_pem() const {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), impl_->signing_key.get());
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

void AzureAdStandIn::fail_next_authorization(std::string error, std::string description) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->next_authorization_failure = std::make_pair(std::move(error), std::move(description));
}

void AzureAdStandIn::fail_next_token_request(std::string error, std::string description,
                                             int status) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->next_token_failure = OAuthFailure{status, std::move(error), std::move(description)};
}

void AzureAdStandIn::answer_next_token_request_with_html(int status) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->next_token_html_status = status;
}

void AzureAdStandIn::omit_from_next_token_response(std::string field) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->next_omitted_field = std::move(field);
}

void AzureAdStandIn::send_expires_in_as_string(bool enabled) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->expires_in_as_string = enabled;
}

void AzureAdStandIn::revoke_refresh_tokens() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (auto& entry : impl_->refresh_tokens) {
        entry.second.revoked = true;
    }
}

void AzureAdStandIn::advance_clock(std::chrono::seconds amount) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->clock_offset += amount;
}

std::vector<AzureAdTokenRequest> AzureAdStandIn::token_requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->token_log;
}

int AzureAdStandIn::authorization_requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->authorization_count;
}

}  // namespace epicor::testing
