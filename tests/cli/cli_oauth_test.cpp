// The OAuth commands (login, oauth-url, oauth-token, oauth-refresh) against
// the Azure AD stand-in inside a mock Kinetic server on 127.0.0.1. The
// AzureADAuthority property points at the stand-in, so no request leaves
// the machine.

#include "cli_process.hpp"

#include <epicor/curl_transport.hpp>
#include <epicor/http.hpp>
#include <epicor/testing/azure_ad_stand_in.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>
#include <epicor/token_store.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace epicor::cli::test {
namespace {

const std::string kTenant = "contoso";
const std::string kClientId = "7d2f4b1c-0a9e-4c35-8f61-2b7e9d0c4a18";
const std::string kClientSecret = "Cs-5e8b1d-SECRET";
const std::string kApiKey = "Key-9c0f3a-SECRET";

// Returns a TCP port on 127.0.0.1 that was free a moment ago, for the
// CallbackURL of `login`, whose listener binds it. CallbackURL rejects port
// 0, so the test cannot leave the choice to the listener.
int free_loopback_port() {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket_fd < 0) {
        throw std::runtime_error("socket() failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(socket_fd);
        throw std::runtime_error("binding an ephemeral port on 127.0.0.1 failed");
    }
    ::close(socket_fd);
    return ntohs(address.sin_port);
}

// Decodes the query string of `url` (the part after '?') into names and
// values.
std::map<std::string, std::string> query_of(const std::string& url) {
    std::map<std::string, std::string> values;
    const auto question = url.find('?');
    if (question == std::string::npos) {
        return values;
    }
    auto decode = [](const std::string& text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 2 < text.size()) {
                out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else {
                out.push_back(text[i] == '+' ? ' ' : text[i]);
            }
        }
        return out;
    };
    std::size_t start = question + 1;
    while (start <= url.size()) {
        auto end = url.find('&', start);
        if (end == std::string::npos) {
            end = url.size();
        }
        const std::string pair = url.substr(start, end - start);
        const auto equals = pair.find('=');
        if (!pair.empty()) {
            values[decode(pair.substr(0, equals))] =
                equals == std::string::npos ? "" : decode(pair.substr(equals + 1));
        }
        start = end + 1;
    }
    return values;
}

// Asserts that no token, code or secret in `secrets` occurs in `text`.
void expect_free_of(const std::string& text, const std::vector<std::string>& secrets, const char* stream) {
    for (const auto& secret : secrets) {
        ASSERT_FALSE(secret.empty());
        EXPECT_EQ(text.find(secret), std::string::npos) << stream << " contains a secret: " << text;
    }
}

class CliOAuthTest : public ::testing::Test {
protected:
    void SetUp() override {
        azure_.register_app({kTenant, kClientId, kClientSecret, ""});
        epicor::testing::MockServerOptions options;
        options.api_keys = {kApiKey};
        server_ = std::make_unique<epicor::testing::MockKineticServer>(options);
        server_->add_extension(azure_.extension());
        server_->start();
    }

    std::string store_path() const { return directory_.path() + "/OAuthSettings.txt"; }

    // The v2 connection string for AzureADOpenID with the stand-in as the
    // authority. `extra` is appended, e.g. ";InitiateOAuth=REFRESH".
    std::string connection_string(const std::string& extra = {}) const {
        return server_->connection_string(epicor::testing::ODataVersion::v2) +
               ";Service=Erp.BO.CustomerSvc;AuthScheme=AzureADOpenID;AzureTenant=" + kTenant +
               ";OAuthClientId=" + kClientId + ";OAuthClientSecret=" + kClientSecret +
               ";OAuthSettingsLocation=" + store_path() + ";CallbackURL=" + callback_url_ +
               ";AzureADAuthority=" + azure_.authority() + extra;
    }

    // Runs epicor with EPICOR_CONNECTION set to connection_string(extra).
    ProcessResult run(const std::vector<std::string>& arguments, const std::string& input = {},
                      const std::string& extra = {}) const {
        return run_epicor(arguments, {{"EPICOR_CONNECTION", connection_string(extra)}, {"NO_PROXY", "127.0.0.1"}},
                          input);
    }

    // Opens the sign-in URL as a browser would after the user consents, and
    // returns the query of the redirect to CallbackURL without following it.
    std::map<std::string, std::string> consent(const std::string& url) const {
        epicor::CurlTransport transport;
        epicor::HttpRequest request;
        request.url = url;
        const epicor::HttpResponse response = transport.send(request);
        EXPECT_EQ(response.status, 302);
        return query_of(response.headers.get("Location").value_or(""));
    }

    // Runs `oauth-url` and returns its JSON output.
    nlohmann::json authorization_url() const {
        const auto result = run({"oauth-url"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    // Signs in with oauth-url and `oauth-token --auth-mode web` and returns
    // the printed tokens.
    nlohmann::json web_tokens() const {
        const auto code = consent(authorization_url().at("URL").get<std::string>()).at("code");
        const auto result = run({"oauth-token", "--auth-mode", "web", "--verifier", "-"}, code + "\n");
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    std::optional<epicor::OAuthTokens> stored_tokens() const {
        auto store = epicor::open_token_store(store_path(), epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                              kClientId);
        return store->load();
    }

    // Runs a query that authenticates with the stored tokens only.
    ProcessResult query_with_stored_tokens() const {
        return run({"query", "Customers", "--top", "1", "--format", "jsonl"}, {}, ";InitiateOAuth=REFRESH");
    }

    TempDirectory directory_;
    epicor::testing::AzureAdStandIn azure_;
    std::unique_ptr<epicor::testing::MockKineticServer> server_;
    // Only the listener of `login` binds this port. The other tests read the
    // redirect to it without following it.
    std::string callback_url_ = "http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/callback";
};

TEST_F(CliOAuthTest, LoginSavesTokensThroughBrowser) {
    const auto result = run_epicor({"login"}, {{"EPICOR_CONNECTION", connection_string()},
                                               {"BROWSER", AZURE_TEST_BROWSER},
                                               {"NO_PROXY", "127.0.0.1"}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
    EXPECT_NE(result.err.find(store_path()), std::string::npos) << result.err;
    EXPECT_EQ(azure_.authorization_requests(), 1);

    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].grant_type, "authorization_code");
    EXPECT_TRUE(requests[0].code_verifier_sent);
    EXPECT_TRUE(requests[0].succeeded) << requests[0].error;

    const auto stored = stored_tokens();
    ASSERT_TRUE(stored.has_value());
    expect_free_of(result.err, {stored->id_token, stored->access_token, stored->refresh_token, kClientSecret},
                   "stderr");

    // A later command signs in with the saved tokens, without a browser.
    const auto query = query_with_stored_tokens();
    ASSERT_EQ(query.exit_code, 0) << query.err;
    EXPECT_NE(query.out.find("\"CustID\""), std::string::npos) << query.out;
    EXPECT_EQ(azure_.authorization_requests(), 1);
    EXPECT_EQ(azure_.token_requests().size(), 1u);
}

TEST_F(CliOAuthTest, LoginReportsDeclinedConsent) {
    azure_.fail_next_authorization("access_denied", "AADSTS65004: User declined to consent to access the app.");
    const auto result = run_epicor({"login"}, {{"EPICOR_CONNECTION", connection_string()},
                                               {"BROWSER", AZURE_TEST_BROWSER},
                                               {"NO_PROXY", "127.0.0.1"}});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("AADSTS65004"), std::string::npos) << result.err;
    EXPECT_TRUE(azure_.token_requests().empty());
    EXPECT_FALSE(std::filesystem::exists(store_path()));
}

TEST_F(CliOAuthTest, OAuthUrlPrintsUrlAndState) {
    const auto document = authorization_url();
    const auto url = document.at("URL").get<std::string>();
    const auto state = document.at("State").get<std::string>();
    EXPECT_EQ(url.rfind(azure_.authority() + "/" + kTenant + "/oauth2/v2.0/authorize?", 0), 0u) << url;

    const auto query = query_of(url);
    EXPECT_EQ(query.at("client_id"), kClientId);
    EXPECT_EQ(query.at("redirect_uri"), callback_url_);
    EXPECT_EQ(query.at("response_type"), "code");
    EXPECT_EQ(query.at("state"), state);
    EXPECT_FALSE(state.empty());
    EXPECT_EQ(query.count("code_challenge"), 0u);

    // The command only prints: Azure AD saw no request.
    EXPECT_EQ(azure_.authorization_requests(), 0);
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(CliOAuthTest, OAuthUrlTakesCallbackAndPrompt) {
    const auto result =
        run({"oauth-url", "--callback-url", "http://127.0.0.1:4711/done", "--prompt", "consent", "--scope",
             "api://kinetic/.default"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto query = query_of(nlohmann::json::parse(result.out).at("URL").get<std::string>());
    EXPECT_EQ(query.at("redirect_uri"), "http://127.0.0.1:4711/done");
    EXPECT_EQ(query.at("prompt"), "consent");
    // The library adds the scopes that sign-in and refresh need.
    EXPECT_EQ(query.at("scope"), "openid offline_access profile api://kinetic/.default");
}

TEST_F(CliOAuthTest, OAuthTokenWebPrintsTokens) {
    const auto url = authorization_url();
    const auto redirect = consent(url.at("URL").get<std::string>());
    const std::string code = redirect.at("code");
    const std::string state = url.at("State").get<std::string>();

    const auto result = run({"oauth-token", "--auth-mode", "web", "--verifier", "-", "--state",
                             redirect.at("state"), "--issued-state", state},
                            code + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto tokens = nlohmann::json::parse(result.out);
    const auto access_token = tokens.at("OAuthAccessToken").get<std::string>();
    const auto refresh_token = tokens.at("OAuthRefreshToken").get<std::string>();
    EXPECT_EQ(azure_.validate_bearer(access_token), "manager@epic06.example");
    EXPECT_FALSE(refresh_token.empty());
    EXPECT_EQ(tokens.at("ExpiresIn").get<long long>(), 3600);
    EXPECT_EQ(tokens.count("OAuthSettingsLocation"), 0u);

    expect_free_of(result.err, {access_token, refresh_token, code, kClientSecret}, "stderr");
    expect_free_of(result.out, {code, kClientSecret}, "stdout");

    // WEB mode saves nothing.
    EXPECT_FALSE(std::filesystem::exists(store_path()));
    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].grant_type, "authorization_code");
    EXPECT_FALSE(requests[0].code_verifier_sent);
}

TEST_F(CliOAuthTest, OAuthTokenAppSavesTokens) {
    const std::string code = consent(authorization_url().at("URL").get<std::string>()).at("code");

    const auto result = run({"oauth-token", "--verifier", "-"}, code + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    EXPECT_EQ(document.at("OAuthSettingsLocation").get<std::string>(), store_path());
    EXPECT_EQ(document.count("OAuthAccessToken"), 0u);
    EXPECT_EQ(document.count("OAuthRefreshToken"), 0u);

    const auto stored = stored_tokens();
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(azure_.validate_bearer(stored->id_token).has_value());
    const std::vector<std::string> secrets{stored->id_token, stored->access_token, stored->refresh_token, code,
                                           kClientSecret};
    expect_free_of(result.out, secrets, "stdout");
    expect_free_of(result.err, secrets, "stderr");

    const auto query = query_with_stored_tokens();
    ASSERT_EQ(query.exit_code, 0) << query.err;
    EXPECT_EQ(azure_.token_requests().size(), 1u);
}

TEST_F(CliOAuthTest, OAuthTokenRejectsForeignState) {
    const auto url = authorization_url();
    const std::string code = consent(url.at("URL").get<std::string>()).at("code");

    const auto result = run({"oauth-token", "--verifier", "-", "--state", "forged-state", "--issued-state",
                             url.at("State").get<std::string>()},
                            code + "\n");
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("state"), std::string::npos) << result.err;
    expect_free_of(result.err, {code}, "stderr");
    // The code never reached Azure AD.
    EXPECT_TRUE(azure_.token_requests().empty());
    EXPECT_FALSE(std::filesystem::exists(store_path()));
}

TEST_F(CliOAuthTest, OAuthTokenStateNeedsIssuedState) {
    const auto result = run({"oauth-token", "--verifier", "some-code", "--state", "s1"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("--issued-state"), std::string::npos) << result.err;
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(CliOAuthTest, OAuthTokenRejectedCodeExitsFour) {
    const auto result = run({"oauth-token", "--verifier", "-"}, "not-a-code-from-the-stand-in\n");
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("invalid_grant"), std::string::npos) << result.err;
    expect_free_of(result.err, {"not-a-code-from-the-stand-in"}, "stderr");
    EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(CliOAuthTest, OAuthRefreshWebPrintsTokens) {
    const auto first = web_tokens();
    const auto first_refresh = first.at("OAuthRefreshToken").get<std::string>();

    const auto result = run({"oauth-refresh", "--auth-mode", "web", "--refresh-token", "-"}, first_refresh + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto second = nlohmann::json::parse(result.out);
    const auto access_token = second.at("OAuthAccessToken").get<std::string>();
    const auto refresh_token = second.at("OAuthRefreshToken").get<std::string>();
    EXPECT_NE(access_token, first.at("OAuthAccessToken").get<std::string>());
    EXPECT_NE(refresh_token, first_refresh);
    EXPECT_TRUE(azure_.validate_bearer(access_token).has_value());
    expect_free_of(result.err, {access_token, refresh_token, first_refresh, kClientSecret}, "stderr");
    EXPECT_FALSE(std::filesystem::exists(store_path()));

    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[1].grant_type, "refresh_token");
}

TEST_F(CliOAuthTest, OAuthRefreshAppSavesTokens) {
    const auto first_refresh = web_tokens().at("OAuthRefreshToken").get<std::string>();
    ASSERT_FALSE(std::filesystem::exists(store_path()));

    const auto result = run({"oauth-refresh", "--auth-mode", "app", "--refresh-token", "-"}, first_refresh + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    EXPECT_EQ(document.at("OAuthSettingsLocation").get<std::string>(), store_path());
    EXPECT_EQ(document.count("OAuthAccessToken"), 0u);

    const auto stored = stored_tokens();
    ASSERT_TRUE(stored.has_value());
    EXPECT_FALSE(stored->refresh_token.empty());
    EXPECT_NE(stored->refresh_token, first_refresh);
    EXPECT_TRUE(azure_.validate_bearer(stored->id_token).has_value());
    const std::vector<std::string> secrets{stored->id_token, stored->access_token, stored->refresh_token,
                                           first_refresh, kClientSecret};
    expect_free_of(result.out, secrets, "stdout");
    expect_free_of(result.err, secrets, "stderr");

    // The saved tokens open Kinetic with no further token request.
    const auto query = query_with_stored_tokens();
    ASSERT_EQ(query.exit_code, 0) << query.err;
    EXPECT_EQ(azure_.token_requests().size(), 2u);
}

TEST_F(CliOAuthTest, OAuthRefreshDefaultsToAppMode) {
    const auto first_refresh = web_tokens().at("OAuthRefreshToken").get<std::string>();

    const auto result = run({"oauth-refresh", "--refresh-token", "-"}, first_refresh + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out).count("OAuthRefreshToken"), 0u);
    EXPECT_TRUE(stored_tokens().has_value());
}

TEST_F(CliOAuthTest, OAuthRefreshReadsTokenProperty) {
    const auto first_refresh = web_tokens().at("OAuthRefreshToken").get<std::string>();

    const auto result = run({"oauth-refresh", "--auth-mode", "web"}, {}, ";OAuthRefreshToken=" + first_refresh);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(azure_.validate_bearer(nlohmann::json::parse(result.out).at("OAuthAccessToken").get<std::string>())
                    .has_value());
    expect_free_of(result.err, {first_refresh}, "stderr");
}

TEST_F(CliOAuthTest, OAuthRefreshRotatedTokenExitsFour) {
    const auto first_refresh = web_tokens().at("OAuthRefreshToken").get<std::string>();
    const auto rotated = run({"oauth-refresh", "--auth-mode", "web", "--refresh-token", "-"}, first_refresh + "\n");
    ASSERT_EQ(rotated.exit_code, 0) << rotated.err;

    // The stand-in invalidates a rotated-out refresh token.
    const auto result = run({"oauth-refresh", "--auth-mode", "web", "--refresh-token", "-"}, first_refresh + "\n");
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("invalid_grant"), std::string::npos) << result.err;
    expect_free_of(result.err, {first_refresh}, "stderr");
    EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(CliOAuthTest, VerboseLogHoldsNoTokens) {
    const auto first_refresh = web_tokens().at("OAuthRefreshToken").get<std::string>();

    const auto result =
        run({"-vvvvv", "oauth-refresh", "--auth-mode", "web", "--refresh-token", "-"}, first_refresh + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // The log goes to stderr, and the request to the token endpoint is in it.
    EXPECT_NE(result.err.find("epicor: ["), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("/oauth2/v2.0/token"), std::string::npos) << result.err;

    const auto tokens = nlohmann::json::parse(result.out);
    expect_free_of(result.err,
                   {tokens.at("OAuthAccessToken").get<std::string>(), tokens.at("OAuthRefreshToken").get<std::string>(),
                    first_refresh, kClientSecret},
                   "stderr");
}

TEST_F(CliOAuthTest, OAuthCommandsNeedAzureScheme) {
    const auto result = run_epicor({"oauth-url"}, {{"EPICOR_CONNECTION", server_->connection_string(
                                                                              epicor::testing::ODataVersion::v2)}});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("AuthScheme"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace epicor::cli::test
