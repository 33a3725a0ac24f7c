#pragma once

/// \file
/// An Epicor Kinetic REST server for tests: v1 and v2 routes, logins, an
/// in-memory company, fault injection and a request log, served on
/// 127.0.0.1 over HTTP or HTTPS with a generated certificate.
///
///     epicor::testing::MockKineticServer server;
///     server.start();
///     auto conn = epicor::connect(server.connection_string(ODataVersion::v2));

#include <epicor/testing/dataset.hpp>
#include <epicor/testing/export.hpp>
#include <epicor/testing/fault.hpp>
#include <epicor/testing/request_log.hpp>
#include <epicor/testing/schema.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace epicor::testing {

class ServerExtension;

/// One user the server accepts with Basic authentication and TokenResource.svc.
struct UserAccount {
    std::string name;
    std::string password;
};

/// Settings of a MockKineticServer. The defaults give a plain-HTTP server
/// for company EPIC06 with the demo dataset, user `manager` with password
/// `Epicor123!` and API key `mock-api-key`.
struct MockServerOptions {
    /// The company of the dataset; requests for another company get 400.
    std::string company = "EPIC06";
    /// The ERPInstance path segment after the host.
    std::string erp_instance = "KineticMock";
    /// "demo" (the EPIC06 demo company) or "generated:ROWS" (ROWS generated
    /// rows per table, fixed seed).
    std::string dataset = "demo";
    /// A dataset built by the test; when set, `dataset` is ignored and the
    /// company is this dataset's company.
    std::shared_ptr<Dataset> custom_dataset;
    /// Serves HTTPS with a certificate for 127.0.0.1 and localhost, signed
    /// by a CA generated at start().
    bool tls = false;
    /// 0 picks a free ephemeral port.
    int port = 0;
    /// Rows per response when the request has no `$top` (Kinetic's default is 100).
    std::size_t page_cap = 100;
    /// Largest page the server returns; a larger `$top` is silently capped.
    std::size_t max_page_size = 1000;
    /// Adds `odata.nextLink` (v1) or `@odata.nextLink` (v2) when a page was
    /// cut short by page_cap or max_page_size. Kinetic itself was never seen
    /// sending one, so the default is off.
    bool emit_next_link = false;
    /// Requires an API key on v1 calls too (v2 calls always require one).
    bool require_api_key_v1 = false;
    std::vector<std::string> api_keys{"mock-api-key"};
    std::vector<UserAccount> users{{"manager", "Epicor123!"}};
    /// Lifetime of tokens from TokenResource.svc.
    std::chrono::seconds token_lifetime{3600};
    /// Worker threads that serve connections; each keep-alive connection
    /// holds one while open.
    std::size_t worker_threads = 8;
};

/// The handler of an Epicor Function: takes the request parameters (a JSON
/// object) and returns the response parameters (a JSON object; null members
/// are omitted from the answer). Throwing a MockError answers with its
/// status; any other exception answers 500. Called from server threads.
using FunctionHandler = std::function<nlohmann::json(const nlohmann::json& request)>;

/// A mock Kinetic server. Not copyable or movable. The public functions are
/// thread-safe unless they say otherwise.
class EPICOR_TESTING_API MockKineticServer {
public:
    using Options = MockServerOptions;

    MockKineticServer();
    explicit MockKineticServer(Options options);
    /// Stops the server when running.
    ~MockKineticServer();

    MockKineticServer(const MockKineticServer&) = delete;
    MockKineticServer& operator=(const MockKineticServer&) = delete;

    /// Adds routes and a bearer-token check from another stand-in. Call
    /// before start(). Throws std::logic_error when the server is running.
    void add_extension(std::shared_ptr<ServerExtension> extension);

    /// Registers an Epicor Function served at
    /// `/api/v2/efx/{Company}/{library}/{name}` when `published`, and at
    /// `/api/v2/efx/staging/{Company}/{library}/{name}` always. Replaces an
    /// earlier registration of the same name. May be called while running.
    void register_function(const std::string& library, const std::string& name,
                           FunctionHandler handler, bool published = true);

    /// Builds the dataset, generates the TLS certificates when `tls` is set,
    /// binds 127.0.0.1 and starts serving on a background thread. Returns
    /// once the server accepts connections. Throws std::runtime_error when
    /// the port cannot be bound or the certificates cannot be generated,
    /// std::invalid_argument when an option is invalid (e.g. a dataset
    /// other than "demo" or "generated:ROWS"), and std::logic_error when
    /// already running.
    void start();
    /// Stops accepting, finishes the requests in progress and joins the
    /// server threads. Does nothing when not running.
    void stop();
    bool running() const;

    const Options& options() const noexcept;
    /// The bound port. Throws std::logic_error before start().
    int port() const;
    /// `http(s)://127.0.0.1:PORT/{ERPInstance}`. Throws std::logic_error before start().
    std::string base_url() const;
    /// A connection string for the client library: URL, ERPInstance, User,
    /// Password (the first user), ApiKey (the first key), ApiVersion, Company,
    /// and with TLS, SSLServerCert set to ca_certificate_path(). It contains
    /// the password in clear, as users' own connection strings do. Throws
    /// std::logic_error before start().
    std::string connection_string(ODataVersion version) const;
    /// PEM of the CA that signed the server certificate, or "" without TLS.
    std::string ca_certificate_pem() const;
    /// Path of a temporary file holding ca_certificate_pem(), removed by the
    /// destructor; "" without TLS.
    std::string ca_certificate_path() const;

    /// The scripted faults.
    FaultInjector& faults();
    /// The requests received since start or clear().
    RequestLog& request_log();
    /// Returns the current counter values.
    ServerCounters counters() const;
    /// Sets every counter to zero.
    void reset_counters();

    /// Makes every token issued so far expired: later requests that carry
    /// one get 401.
    void expire_all_tokens();
    /// Ends every session started with Ice.Lib.SessionModSvc/Login, so a
    /// request that names one gets 410.
    void end_all_sessions();

    /// The data the server serves. Throws std::logic_error before start().
    /// Rows may be read and changed by tests while the server runs.
    Dataset& dataset();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace epicor::testing
