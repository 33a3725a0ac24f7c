// The desktop sign-in (InitiateOAuth=GETANDREFRESH) with a real browser:
// headless Chromium opens the authorization URL on the Azure AD stand-in,
// follows its redirect to the loopback listener, and the tokens it yields
// open a mock Kinetic server. Skipped when /usr/bin/chromium is absent.

#include "azure_test_support.hpp"

#include <epicor/error.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>
#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

namespace {

using azure_test::kClientId;
using azure_test::kClientSecret;
using azure_test::kTenant;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kChromium = "/usr/bin/chromium";

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

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A wrapper script that BROWSER names, and the Chromium it starts. The
/// script gives Chromium a fresh profile and home folder and keeps it off
/// the network beyond loopback. It also puts Chromium in a process group of
/// its own and records that group's id, so the destructor can stop Chromium
/// and every helper process it started.
class HeadlessChromium {
public:
    explicit HeadlessChromium(const azure_test::TempDir& dir)
        : pid_file_(dir.file("chromium.pid")), log_file_(dir.file("chromium.log")) {
        std::filesystem::create_directories(dir.file("home"));
        std::filesystem::create_directories(dir.file("profile"));
        // setsid execs without forking (the script leads no process group),
        // so the recorded pid becomes Chromium's pid and process group id.
        // --no-proxy-server keeps a proxy from the environment out of the
        // way of the loopback addresses.
        const std::string script =
            "#!/bin/sh\n"
            "echo $$ > '" + pid_file_ + "'\n"
            "export HOME='" + dir.file("home") + "'\n"
            "export XDG_CONFIG_HOME='" + dir.file("home") + "/.config'\n"
            "export XDG_CACHE_HOME='" + dir.file("home") + "/.cache'\n"
            "exec setsid " + std::string(kChromium) +
            " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
            " --disable-background-networking --disable-component-update --disable-sync"
            " --no-proxy-server --user-data-dir='" + dir.file("profile") + "'"
            " \"$1\" > '" + log_file_ + "' 2>&1\n";
        path_ = dir.write("chromium-wrapper.sh", script);
        chmod(path_.c_str(), 0700);
    }

    ~HeadlessChromium() { stop(); }
    HeadlessChromium(const HeadlessChromium&) = delete;
    HeadlessChromium& operator=(const HeadlessChromium&) = delete;

    const std::string& wrapper_path() const { return path_; }

    /// Chromium's output so far, for failure messages.
    std::string log() const { return read_file(log_file_); }

    /// Sends SIGTERM to Chromium's process group, waits up to 5 s for it to
    /// end, then sends SIGKILL. Does nothing when Chromium never started.
    void stop() {
        const pid_t group = recorded_group();
        if (group <= 1) {
            return;
        }
        kill(-group, SIGTERM);
        for (int i = 0; i < 50 && group_alive(group); ++i) {
            std::this_thread::sleep_for(milliseconds(100));
        }
        if (group_alive(group)) {
            kill(-group, SIGKILL);
        }
        std::filesystem::remove(pid_file_);
    }

private:
    pid_t recorded_group() const {
        std::ifstream in(pid_file_);
        long pid = 0;
        in >> pid;
        return static_cast<pid_t>(pid);
    }

    static bool group_alive(pid_t group) {
        return kill(-group, 0) == 0 || errno != ESRCH;
    }

    std::string path_;
    std::string pid_file_;
    std::string log_file_;
};

class AzureBrowserFlow : public ::testing::Test {
protected:
    void SetUp() override {
        if (access(kChromium, X_OK) != 0) {
            GTEST_SKIP() << kChromium << " is not installed; install Debian's chromium package "
                         << "(scripts/install-deps.sh) to run the headless-browser sign-in test";
        }
        azure_.register_app({kTenant, kClientId, kClientSecret, ""});
        server_.add_extension(azure_.extension());
        server_.start();
        transport_ = std::make_shared<epicor::CurlTransport>();
    }

    epicor::ConnectionSettings desktop_settings() const {
        epicor::ConnectionSettings settings;
        settings.url = "http://127.0.0.1:" + std::to_string(server_.port());
        settings.erp_instance = server_.options().erp_instance;
        settings.auth_scheme = epicor::AuthScheme::azure_ad_openid;
        settings.azure_tenant = kTenant;
        settings.initiate_oauth = epicor::InitiateOAuth::get_and_refresh;
        settings.oauth_client_id = kClientId;
        settings.oauth_client_secret = kClientSecret;
        settings.oauth_settings_location = store_location_;
        settings.callback_url = "http://127.0.0.1:0/callback";
        settings.azure_ad_authority = azure_.authority();
        return settings;
    }

    epicor::HttpResponse get_customers(epicor::Authenticator& authenticator) {
        epicor::HttpRequest request;
        request.url = server_.base_url() + "/api/v1/Erp.BO.CustomerSvc/Customers?$top=1";
        authenticator.authenticate(request);
        return transport_->send(request);
    }

    azure_test::TempDir dir_;
    epicor::testing::AzureAdStandIn azure_;
    epicor::testing::MockKineticServer server_;
    std::shared_ptr<epicor::Transport> transport_;
    std::string store_location_ = azure_test::unique_memory_location();
};

TEST_F(AzureBrowserFlow, ChromiumCompletesSignIn) {
    HeadlessChromium chromium(dir_);
    ScopedEnv browser("BROWSER", chromium.wrapper_path());

    // The authority comes from the AzureADAuthority property, so the
    // options carry only the bound on the wait for the redirect.
    epicor::AzureAdOptions options;
    options.browser_timeout = seconds(60);
    auto authenticator =
        epicor::make_azure_ad_authenticator(desktop_settings(), transport_, options);

    epicor::HttpResponse response;
    try {
        response = get_customers(*authenticator);
    } catch (const epicor::Error& error) {
        FAIL() << error.what() << "\nChromium output:\n" << chromium.log();
    }
    chromium.stop();

    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_NE(response.body.find("CustNum"), std::string::npos) << response.body;
    EXPECT_EQ(azure_.authorization_requests(), 1);
    std::string authorize_agent;
    for (const auto& logged : server_.request_log().entries()) {
        if (logged.path.find("/oauth2/v2.0/authorize") != std::string::npos) {
            authorize_agent = logged.header("User-Agent").value_or("");
        }
    }
    // Headless Chromium names itself "HeadlessChrome" in its User-Agent.
    EXPECT_NE(authorize_agent.find("HeadlessChrome"), std::string::npos) << authorize_agent;

    const auto requests = azure_.token_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].grant_type, "authorization_code");
    EXPECT_TRUE(requests[0].code_verifier_sent);
    EXPECT_TRUE(requests[0].succeeded) << requests[0].error;

    // The tokens are stored, so the next connection opens no browser.
    auto store = epicor::open_token_store(store_location_,
                                          epicor::TokenStoreKey::from_client_secret(kClientSecret),
                                          kClientId);
    const auto stored = store->load();
    ASSERT_TRUE(stored.has_value());
    EXPECT_FALSE(stored->refresh_token.empty());
    EXPECT_TRUE(azure_.validate_bearer(stored->id_token).has_value());

    auto again = epicor::make_azure_ad_authenticator(desktop_settings(), transport_, options);
    EXPECT_EQ(get_customers(*again).status, 200);
    EXPECT_EQ(azure_.authorization_requests(), 1);
}

}  // namespace
