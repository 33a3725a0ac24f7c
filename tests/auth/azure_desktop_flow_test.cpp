// The browser sign-in (InitiateOAuth=GETANDREFRESH): the browser launcher,
// the loopback redirect listener and the whole flow, with a small program
// standing in for the browser.

#include "azure_test_support.hpp"

#include "auth/browser_launcher.hpp"
#include "auth/loopback_redirect_listener.hpp"

#include <epicor/error.hpp>
#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

namespace {

using azure_test::kClientId;
using azure_test::kClientSecret;
using epicor::AuthError;
using epicor::azure::LoopbackRedirectListener;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

epicor::HttpResponse get(const std::string& url) {
    epicor::CurlTransport transport;
    epicor::HttpRequest request;
    request.url = url;
    return transport.send(request);
}

class AzureDesktopFlow : public azure_test::AzureStandInTest {
protected:
    epicor::ConnectionSettings desktop_settings() const {
        auto result = settings();
        result.initiate_oauth = epicor::InitiateOAuth::get_and_refresh;
        return result;
    }

    std::string bearer_of(epicor::Authenticator& authenticator) {
        epicor::HttpRequest request;
        request.url = "http://127.0.0.1:9/Kinetic/api/v1/";
        authenticator.authenticate(request);
        return request.headers.get("Authorization").value_or("").substr(7);
    }

    ScopedEnv browser_{"BROWSER", AZURE_TEST_BROWSER};
};

TEST_F(AzureDesktopFlow, SignsInThroughBrowser) {
    auto options = this->options();
    options.browser_timeout = seconds(60);
    auto authenticator = epicor::make_azure_ad_authenticator(desktop_settings(), transport_,
                                                             options);
    const std::string bearer = bearer_of(*authenticator);
    EXPECT_EQ(azure_.validate_bearer(bearer), "manager@epic06.example");
    EXPECT_EQ(azure_.authorization_requests(), 1);

    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].grant_type, "authorization_code");
    EXPECT_TRUE(requests[0].code_verifier_sent);
    EXPECT_TRUE(requests[0].succeeded) << requests[0].error;

    // The tokens are stored, so the next connection opens no browser.
    auto again = epicor::make_azure_ad_authenticator(desktop_settings(), transport_, options);
    EXPECT_EQ(bearer_of(*again), bearer);
    EXPECT_EQ(azure_.authorization_requests(), 1);
}

TEST_F(AzureDesktopFlow, ErrorRedirectCarriesAadstsCode) {
    azure_.fail_next_authorization("access_denied",
                                   "AADSTS65004: User declined to consent to access the app.");
    auto options = this->options();
    options.browser_timeout = seconds(60);
    auto authenticator = epicor::make_azure_ad_authenticator(desktop_settings(), transport_,
                                                             options);
    try {
        bearer_of(*authenticator);
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        EXPECT_EQ(error.oauth_error(), "access_denied");
        EXPECT_EQ(error.aadsts_code(), "AADSTS65004");
    }
    EXPECT_TRUE(azure_.token_requests().empty());
}

TEST_F(AzureDesktopFlow, CustomOpenBrowserHook) {
    auto options = this->options();
    std::string opened;
    std::future<int> browser;
    options.open_browser = [&](const std::string& url) {
        opened = url;
        // CurlTransport follows no redirects, so the "browser" follows the
        // one from the authorize endpoint by hand.
        browser = std::async(std::launch::async, [url] {
            const auto consent = get(url);
            return get(consent.headers.get("Location").value_or("")).status;
        });
    };
    options.browser_timeout = seconds(60);
    auto authenticator = epicor::make_azure_ad_authenticator(desktop_settings(), transport_,
                                                             options);
    EXPECT_TRUE(azure_.validate_bearer(bearer_of(*authenticator)).has_value());
    EXPECT_EQ(browser.get(), 200);

    const auto query = azure_test::parse_query(opened.substr(opened.find('?') + 1));
    EXPECT_EQ(query.at("client_id"), kClientId);
    EXPECT_EQ(query.at("response_type"), "code");
    EXPECT_EQ(query.at("code_challenge_method"), "S256");
    EXPECT_EQ(query.at("code_challenge").size(), 43u);
    EXPECT_EQ(query.at("state").size(), 43u);
    EXPECT_EQ(query.at("scope"), "openid offline_access profile");
    EXPECT_EQ(query.at("redirect_uri").rfind("http://127.0.0.1:", 0), 0u);
    EXPECT_NE(query.at("redirect_uri").find("/callback"), std::string::npos);
}

TEST(AzureLoopbackListener, RejectsWrongStateAndPath) {
    LoopbackRedirectListener listener("http://127.0.0.1:0/callback");
    ASSERT_NE(listener.port(), 0);
    const std::string base = "http://127.0.0.1:" + std::to_string(listener.port());
    EXPECT_EQ(listener.redirect_uri(), base + "/callback");

    auto browser = std::async(std::launch::async, [&] {
        std::vector<int> statuses;
        statuses.push_back(get(base + "/favicon.ico").status);
        statuses.push_back(get(base + "/callback?code=forged&state=wrong").status);
        statuses.push_back(get(base + "/callback?code=forged").status);
        const auto ok = get(base + "/callback?code=the-code&state=expected-state");
        statuses.push_back(ok.status);
        EXPECT_NE(ok.body.find("Sign-in complete"), std::string::npos);
        EXPECT_EQ(ok.headers.get("Cache-Control"), "no-store");
        return statuses;
    });
    const auto redirect = listener.wait("expected-state", seconds(60));
    EXPECT_EQ(redirect.code, "the-code");
    EXPECT_EQ(browser.get(), (std::vector<int>{404, 400, 400, 200}));
}

TEST(AzureLoopbackListener, ErrorRedirect) {
    LoopbackRedirectListener listener("http://localhost:0/");
    const std::string base = "http://127.0.0.1:" + std::to_string(listener.port());
    auto browser = std::async(std::launch::async, [&] {
        return get(base + "/?error=invalid_request&error_description=AADSTS50011%3A+The+"
                          "redirect+URI+does+not+match.&state=s").status;
    });
    try {
        listener.wait("s", seconds(60));
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        EXPECT_EQ(error.oauth_error(), "invalid_request");
        EXPECT_EQ(error.aadsts_code(), "AADSTS50011");
        EXPECT_NE(std::string(error.what()).find("The redirect URI does not match"),
                  std::string::npos);
    }
    EXPECT_EQ(browser.get(), 200);
}

TEST(AzureLoopbackListener, TimesOut) {
    LoopbackRedirectListener listener("http://127.0.0.1:0/cb");

    // A forged redirect already waits in the listen queue when wait() starts.
    const int forged = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(listener.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(forged, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    const std::string request = "GET /cb?code=c&state=forged HTTP/1.1\r\nHost: x\r\n\r\n";
    ASSERT_EQ(send(forged, request.data(), request.size(), 0),
              static_cast<ssize_t>(request.size()));
    try {
        listener.wait("expected", milliseconds(200));
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("no sign-in redirect arrived"), std::string::npos) << message;
        EXPECT_NE(message.find("did not match"), std::string::npos) << message;
        EXPECT_NE(message.find("OAuthVerifier"), std::string::npos) << message;
    }
    close(forged);
}

TEST(AzureLoopbackListener, BindsIpv6Loopback) {
    std::unique_ptr<LoopbackRedirectListener> listener;
    try {
        listener = std::make_unique<LoopbackRedirectListener>("http://[::1]:0/cb");
    } catch (const AuthError& error) {
        GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
    }
    EXPECT_EQ(listener->redirect_uri(),
              "http://[::1]:" + std::to_string(listener->port()) + "/cb");
}

TEST(AzureLoopbackListener, RejectsNonLoopbackCallback) {
    for (const char* url : {"https://localhost:33333", "http://example.com:33333/cb",
                            "http://10.0.0.1:33333", "http://localhost:99999", "ftp://localhost"}) {
        EXPECT_THROW(LoopbackRedirectListener{url}, AuthError) << url;
    }
}

TEST(AzureBrowserLauncher, PassesUrlAsOneArgument) {
    azure_test::TempDir dir;
    const std::string record = dir.file("argv.txt");
    ScopedEnv browser("BROWSER", AZURE_TEST_BROWSER);
    ScopedEnv record_env("AZURE_TEST_BROWSER_RECORD", record);

    const std::string url = "http://127.0.0.1:1/a?x=1&y=$(touch " + dir.file("pwned") +
                            ");z='q' \"w\" `id` | cat";
    epicor::azure::launch_browser(url);

    // The launcher returns once the program started; wait for its output.
    for (int i = 0; i < 500 && !std::filesystem::exists(record); ++i) {
        std::this_thread::sleep_for(milliseconds(10));
    }
    std::this_thread::sleep_for(milliseconds(50));
    std::ifstream in(record);
    std::string argc_line;
    std::string argument;
    std::getline(in, argc_line);
    std::getline(in, argument);
    EXPECT_EQ(argc_line, "2");
    EXPECT_EQ(argument, url);
    EXPECT_FALSE(std::filesystem::exists(dir.file("pwned")));
}

TEST(AzureBrowserLauncher, ReportsMissingProgram) {
    ScopedEnv browser("BROWSER", "/nonexistent/browser-program");
    ScopedEnv path("PATH", "/nonexistent");
    try {
        epicor::azure::launch_browser("http://127.0.0.1:1/");
        FAIL() << "no AuthError thrown";
    } catch (const AuthError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("/nonexistent/browser-program"), std::string::npos) << message;
        EXPECT_NE(message.find("xdg-open"), std::string::npos) << message;
        EXPECT_NE(message.find("BROWSER"), std::string::npos) << message;
    }
}

}  // namespace
