// Secrets in logs and errors: a whole session at Verbosity=5, with a log
// file and a log callback, must not write the password, the API key, the
// Basic credentials or any access token anywhere, and neither may any
// exception message. Log lines carry what is needed to trace a request.

#include "resilience_support.hpp"

#include <epicor/error.hpp>
#include <epicor/log.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

namespace resilience_test {
namespace {

constexpr const char* kUser = "reliability-user";
constexpr const char* kPassword = "Pw-Sentinel-7f3a!";
constexpr const char* kApiKey = "ApiKey-Sentinel-91c2";

mock::MockServerOptions sentinel_options() {
    mock::MockServerOptions options;
    options.users = {{kUser, kPassword}};
    options.api_keys = {kApiKey};
    return options;
}

std::string base64(const std::string& text) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    std::size_t i = 0;
    for (; i + 2 < text.size(); i += 3) {
        const unsigned triple = (static_cast<unsigned>(static_cast<unsigned char>(text[i])) << 16U) |
                                (static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])) << 8U) |
                                static_cast<unsigned>(static_cast<unsigned char>(text[i + 2]));
        for (int shift = 18; shift >= 0; shift -= 6) {
            encoded += alphabet[(triple >> static_cast<unsigned>(shift)) & 0x3FU];
        }
    }
    if (i < text.size()) {
        unsigned triple = static_cast<unsigned>(static_cast<unsigned char>(text[i])) << 16U;
        if (i + 1 < text.size()) {
            triple |= static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])) << 8U;
        }
        encoded += alphabet[(triple >> 18U) & 0x3FU];
        encoded += alphabet[(triple >> 12U) & 0x3FU];
        encoded += i + 1 < text.size() ? alphabet[(triple >> 6U) & 0x3FU] : '=';
        encoded += '=';
    }
    return encoded;
}

// Every record a log callback received.
struct CallbackLog {
    std::mutex mutex;
    std::vector<epicor::LogRecord> records;

    epicor::LogCallback callback() {
        return [this](const epicor::LogRecord& record) {
            std::lock_guard lock(mutex);
            records.push_back(record);
        };
    }

    std::vector<epicor::LogRecord> all() {
        std::lock_guard lock(mutex);
        return records;
    }
};

// Records the credentials the library sends through its own transport
// stack, which this spy wraps, so the test can search for each token.
class CredentialSpy : public epicor::Transport {
public:
    void set_next(std::shared_ptr<epicor::Transport> next) { next_ = std::move(next); }

    epicor::HttpResponse send(const epicor::HttpRequest& request) override {
        if (const auto authorization = request.headers.get("Authorization")) {
            remember(authorization->substr(authorization->find(' ') + 1));
        }
        epicor::HttpResponse response = next_->send(request);
        if (request.url.find("TokenResource.svc") != std::string::npos) {
            const auto body = nlohmann::json::parse(response.body, nullptr, false);
            if (body.is_object() && body.contains("AccessToken")) {
                remember(body["AccessToken"].get<std::string>());
            }
        }
        return response;
    }

    std::vector<std::string> credentials() {
        std::lock_guard lock(mutex_);
        return credentials_;
    }

private:
    void remember(const std::string& credential) {
        std::lock_guard lock(mutex_);
        if (std::find(credentials_.begin(), credentials_.end(), credential) == credentials_.end()) {
            credentials_.push_back(credential);
        }
    }

    std::shared_ptr<epicor::Transport> next_;
    std::mutex mutex_;
    std::vector<std::string> credentials_;
};

// Returns the content of every file in `directory`, rotated logs included.
std::string all_files(const std::filesystem::path& directory) {
    std::string content;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        content += read_file(entry.path());
    }
    return content;
}

// The parts of a secret worth searching for: the whole, and for a JWT each
// of its three segments, since a leak of the signature alone is a leak.
std::vector<std::string> searchable_parts(const std::string& secret) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (secret.find('.', start) != std::string::npos) {
        const std::size_t dot = secret.find('.', start);
        segments.push_back(secret.substr(start, dot - start));
        start = dot + 1;
    }
    if (start > 0) {
        segments.push_back(secret.substr(start));
    }

    // Short segments, such as a JWT header that every token shares, are not
    // secret on their own.
    std::vector<std::string> parts{secret};
    for (const auto& segment : segments) {
        if (segment.size() >= 24) {
            parts.push_back(segment);
        }
    }
    return parts;
}

void expect_no_secret(const std::string& where, const std::string& text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        for (const auto& part : searchable_parts(secret)) {
            EXPECT_EQ(text.find(part), std::string::npos) << where << " contains the secret " << part;
        }
    }
}

TEST(LogRedactionTest, TokenSessionAtVerbosity5LeaksNothing) {
    auto server = start_server(sentinel_options());
    TempDir directory;
    CallbackLog callback_log;
    auto spy = std::make_shared<CredentialSpy>();
    epicor::ConnectOptions options;
    options.transport = spy;
    options.log_callback = callback_log.callback();
    auto connection = epicor::connect(
        connection_string(*server, "AuthScheme=Token;Verbosity=5;Pagesize=20;MaxRetries=1;Logfile=" +
                                       (directory.path() / "session.log").string()),
        options);
    // The library's own stack, logging to the connection's logger.
    epicor::CurlTransportOptions transport_options;
    transport_options.logger = connection.logger();
    epicor::RetryPolicy policy;
    policy.max_attempts = 2;
    policy.base_delay = 10ms;
    spy->set_next(std::make_shared<epicor::RetryingTransport>(
        std::make_shared<epicor::CurlTransport>(transport_options), policy, connection.logger()));

    // A session with reads, writes, a token renewal, retries and errors.
    std::vector<std::string> error_messages;
    connection.services();
    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    auto parts = connection.service(kPartService).entity_set("Parts");
    parts.create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "LOG-1"}, {"IUM", "EA"}});
    server->expire_all_tokens();
    parts.get({"EPIC06", "LOG-1"});
    connection.service(kCustomerService).call("GetByID", {{"custNum", 1}});
    server->faults().add(mock::Fault::status(503).on("/Parts").times(1));
    parts.get({"EPIC06", "LOG-1"});
    server->faults().add(mock::Fault::status(500).message("Part is locked").on("/Parts").times(1));
    error_messages.push_back(error_message_of([&] { parts.get({"EPIC06", "LOG-1"}); }));
    server->faults().add(mock::Fault::malformed_json().on("/Customers").times(1));
    error_messages.push_back(error_message_of([&] { scan_customers(connection); }));
    server->faults().add(mock::Fault::reset_mid_body().method("POST").on("/Parts$").times(1));
    error_messages.push_back(error_message_of([&] { parts.create(nlohmann::json{{"PartNum", "LOG-2"}}); }));
    server->faults().add(mock::Fault::expired_token().on("/Parts"));
    error_messages.push_back(error_message_of([&] { parts.get({"EPIC06", "LOG-1"}); }));
    server->faults().clear();
    error_messages.push_back(error_message_of([&] { parts.get({"EPIC06", "NO-SUCH-PART"}); }));
    connection.logger()->flush();

    // The session produced what it should, so the search below means something.
    for (const auto& message : error_messages) {
        EXPECT_FALSE(message.empty());
    }
    EXPECT_EQ(server->counters().tokens_issued, 3U);
    const auto credentials = spy->credentials();
    ASSERT_GE(credentials.size(), 3U);  // three access tokens
    const std::string file_log = all_files(directory.path());
    EXPECT_NE(file_log.find("TokenResource.svc"), std::string::npos);
    EXPECT_NE(file_log.find("Authorization: Bearer ***"), std::string::npos);

    std::vector<std::string> secrets = credentials;
    secrets.push_back(kPassword);
    secrets.push_back(kApiKey);
    expect_no_secret("the log files", file_log, secrets);
    for (const auto& record : callback_log.all()) {
        expect_no_secret("a log callback record", record.message, secrets);
    }
    for (const auto& message : error_messages) {
        expect_no_secret("an exception message", message, secrets);
    }
}

TEST(LogRedactionTest, BasicSessionAtVerbosity5LeaksNothing) {
    // The stack connect() builds on its own, with Basic credentials.
    auto server = start_server(sentinel_options());
    TempDir directory;
    CallbackLog callback_log;
    epicor::ConnectOptions options;
    options.log_callback = callback_log.callback();
    const std::string log_path = (directory.path() / "basic.log").string();
    auto connection =
        epicor::connect(connection_string(*server, "Verbosity=5;MaxRetries=1;Logfile=" + log_path), options);

    std::vector<std::string> error_messages;
    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    server->faults().add(mock::Fault::status(503).retry_after("0").on("/Customers").times(1));
    EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount);
    server->faults().add(mock::Fault::status(400).message("Invalid filter").on("/Customers"));
    error_messages.push_back(error_message_of([&] { scan_customers(connection); }));
    server->faults().clear();
    error_messages.push_back(error_message_of(
        [&] { epicor::connect(connection_string(*server, "Password=Wrong-Sentinel-3b;Timeout=abc")); }));
    error_messages.push_back(error_message_of(
        [&] { epicor::connect(connection_string(*server, "Password=Wrong-Sentinel-3b")).services(); }));
    connection.logger()->flush();

    for (const auto& message : error_messages) {
        EXPECT_FALSE(message.empty());
    }
    const std::string file_log = all_files(directory.path());
    EXPECT_NE(file_log.find("Authorization: Basic ***"), std::string::npos);

    const std::vector<std::string> secrets{kPassword, kApiKey, "Wrong-Sentinel-3b",
                                           base64(std::string(kUser) + ":" + kPassword)};
    expect_no_secret("the log file", file_log, secrets);
    for (const auto& record : callback_log.all()) {
        expect_no_secret("a log callback record", record.message, secrets);
    }
    for (const auto& message : error_messages) {
        expect_no_secret("an exception message", message, secrets);
    }
}

TEST(LogRedactionTest, LinesCarryTimeLevelConnectionAndRequest) {
    auto server = start_server();
    TempDir directory;
    CallbackLog callback_log;
    epicor::ConnectOptions options;
    options.log_callback = callback_log.callback();
    const std::string log_path = (directory.path() / "trace.log").string();
    auto connection = epicor::connect(connection_string(*server, "Verbosity=2;Logfile=" + log_path), options);
    auto other = epicor::connect(connection_string(*server, "Verbosity=2"));

    scan_customers(connection);
    connection.logger()->flush();

    // 2026-01-31T12:00:00.123Z [2] conn=c1 req=17 GET https://...
    const std::regex line_format(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[[1-5]( WARN| ERROR)?\] conn=\S+ req=\d+ .+)");
    const std::string content = read_file(log_path);
    std::size_t request_lines = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        const std::size_t end = content.find('\n', start);
        const std::string line = content.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? content.size() : end + 1;
        if (line.find(" GET http") == std::string::npos) {
            continue;
        }
        ++request_lines;
        EXPECT_TRUE(std::regex_match(line, line_format)) << line;
    }
    EXPECT_GE(request_lines, 2U);

    const auto records = callback_log.all();
    ASSERT_FALSE(records.empty());
    for (const auto& record : records) {
        EXPECT_FALSE(record.connection_id.empty()) << record.message;
        EXPECT_EQ(record.connection_id, connection.logger()->connection_id());
        if (record.message.rfind("GET ", 0) == 0) {
            EXPECT_NE(record.request_id, 0U) << record.message;
        }
    }
    EXPECT_NE(connection.logger()->connection_id(), other.logger()->connection_id());
}

TEST(LogRedactionTest, ErrorCarriesStatusAndCorrelationId) {
    auto server = start_server();
    TempDir directory;
    const std::string log_path = (directory.path() / "errors.log").string();
    auto connection = epicor::connect(connection_string(*server, "Verbosity=3;Logfile=" + log_path));
    server->faults().add(mock::Fault::status(500)
                             .message("Sales order 5001 is locked by another user", "Ice.Common.BusinessObjectException")
                             .on("/Customers"));

    try {
        scan_customers(connection);
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        const std::string message = error.what();
        EXPECT_EQ(error.status(), 500);
        EXPECT_FALSE(error.correlation_id().empty());
        EXPECT_NE(message.find("500"), std::string::npos) << message;
        EXPECT_NE(message.find(error.correlation_id()), std::string::npos) << message;
        EXPECT_NE(message.find("Sales order 5001 is locked by another user"), std::string::npos) << message;
        EXPECT_NE(message.find("Ice.Common.BusinessObjectException"), std::string::npos) << message;
        EXPECT_NE(message.find("/Customers"), std::string::npos) << message;

        // The logged response carries the same CorrelationId, so a log and
        // an error report can be matched.
        connection.logger()->flush();
        EXPECT_NE(read_file(log_path).find(error.correlation_id()), std::string::npos);
    }
}

TEST(LogRedactionTest, LogFilesRotateAtMaxSize) {
    auto server = start_server();
    TempDir directory;
    const std::string log_path = (directory.path() / "rotate.log").string();
    auto connection = epicor::connect(
        connection_string(*server, "Verbosity=5;MaxLogFileSize=1024;MaxLogFileCount=2;Logfile=" + log_path));

    for (int i = 0; i < 3; ++i) {
        scan_customers(connection);
    }
    connection.logger()->flush();

    // MaxLogFileCount=2 keeps two full files beside the current one.
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory.path())) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"rotate.1.log", "rotate.2.log", "rotate.log"}));

    // A file grows past the limit only when a single line is longer.
    const std::regex line_start(R"(\n\d{4}-\d{2}-\d{2}T)");
    for (const auto& name : names) {
        const std::string content = read_file(directory.path() / name);
        const auto lines = std::distance(std::sregex_iterator(content.begin(), content.end(), line_start),
                                         std::sregex_iterator()) + 1;
        if (content.size() > 1024) {
            EXPECT_EQ(lines, 1) << name << " has " << content.size() << " bytes";
        }
    }
}

TEST(LogRedactionTest, RepeatedWarningsAreRateLimited) {
    auto server = start_server();
    TempDir directory;
    const std::string log_path = (directory.path() / "repeat.log").string();
    auto connection = epicor::connect(connection_string(*server, "Logfile=" + log_path));
    auto logger = connection.logger();
    auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'750'000'000));
    logger->set_clock([&now] { return now; });

    for (int i = 0; i < 50; ++i) {
        logger->warning("The server sent an unreadable Retry-After value.");
    }
    logger->flush();
    const std::string first_minute = read_file(log_path);
    const auto count = [](const std::string& text, const std::string& needle) {
        std::size_t found = 0;
        for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
            ++found;
        }
        return found;
    };
    EXPECT_EQ(count(first_minute, "unreadable Retry-After"), 6U) << first_minute;  // 5 lines, 1 notice

    now += std::chrono::minutes(2);
    logger->warning("The server sent an unreadable Retry-After value.");
    logger->flush();
    const std::string later = read_file(log_path).substr(first_minute.size());
    // The repeats after the notice are counted, then the message is written
    // again in the new minute.
    EXPECT_NE(later.find("suppressed 44 more times"), std::string::npos) << later;
    EXPECT_EQ(count(later, "unreadable Retry-After"), 2U) << later;
}

}  // namespace
}  // namespace resilience_test
