#include <epicor/error.hpp>
#include <epicor/log.hpp>

#include "core/log_file_sink.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <cctype>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using epicor::LogLevel;
using epicor::Logger;
using epicor::LogRecord;
using epicor::LogSeverity;

namespace fs = std::filesystem;

class TempDirectory {
public:
    TempDirectory() {
        std::string pattern = (fs::temp_directory_path() / "epicor-log-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = pattern;
    }
    ~TempDirectory() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_file(const fs::path& path) {
    std::ifstream input(path);
    std::ostringstream text;
    text << input.rdbuf();
    return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream input(text);
    for (std::string line; std::getline(input, line);) {
        lines.push_back(line);
    }
    return lines;
}

// Checks the shape "2026-01-31T12:00:00.123Z [2] thread T line N", so an
// interleaved write from another thread shows up as a malformed line.
// (std::regex is avoided: GCC 12 warns inside it under -O2 sanitizer builds.)
bool is_whole_line(const std::string& line) {
    const std::string timestamp_shape = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (line.size() < timestamp_shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < timestamp_shape.size(); ++i) {
        const bool digit = std::isdigit(static_cast<unsigned char>(line[i])) != 0;
        if (timestamp_shape[i] == 'd' ? !digit : line[i] != timestamp_shape[i]) {
            return false;
        }
    }
    const std::string rest = line.substr(timestamp_shape.size());
    const std::string prefix = " [2] thread ";
    if (rest.compare(0, prefix.size(), prefix) != 0 || rest.size() < prefix.size() + 8) {
        return false;
    }
    const std::string tail = rest.substr(prefix.size() + 1);  // After the thread digit.
    return tail.compare(0, 6, " line ") == 0 &&
           tail.find_first_not_of("0123456789", 6) == std::string::npos && tail.size() > 6;
}

// Collects records from a logger's callback.
struct Collector {
    std::mutex mutex;
    std::vector<LogRecord> records;

    void attach(Logger& logger) {
        logger.set_callback([this](const LogRecord& record) {
            std::lock_guard<std::mutex> lock(mutex);
            records.push_back(record);
        });
    }
    std::vector<std::string> messages() {
        std::lock_guard<std::mutex> lock(mutex);
        std::vector<std::string> result;
        for (const auto& record : records) {
            result.push_back(record.message);
        }
        return result;
    }
};

TEST(Logger, WritesOnlyEnabledLevels) {
    Logger logger(LogLevel::requests);
    Collector collector;
    collector.attach(logger);
    logger.write(LogLevel::errors, "one");
    logger.write(LogLevel::requests, "two");
    logger.write(LogLevel::content, "three");
    logger.write(LogLevel::trace, "five");
    EXPECT_EQ(collector.messages(), (std::vector<std::string>{"one", "two"}));
    EXPECT_TRUE(logger.enabled(LogLevel::requests));
    EXPECT_FALSE(logger.enabled(LogLevel::content));
    EXPECT_FALSE(logger.enabled(LogLevel::off));
}

TEST(Logger, OffWritesNothing) {
    Logger logger;
    Collector collector;
    collector.attach(logger);
    logger.error("lost");
    EXPECT_TRUE(collector.messages().empty());
    EXPECT_EQ(logger.verbosity(), LogLevel::off);
}

TEST(Logger, DisabledWithoutSink) {
    Logger logger(LogLevel::trace);
    EXPECT_FALSE(logger.enabled(LogLevel::errors));
    Collector collector;
    collector.attach(logger);
    EXPECT_TRUE(logger.enabled(LogLevel::trace));
    logger.set_callback(nullptr);
    EXPECT_FALSE(logger.enabled(LogLevel::errors));
}

TEST(Logger, BuildsMessageOnlyWhenEnabled) {
    Logger logger(LogLevel::errors);
    Collector collector;
    collector.attach(logger);
    int builds = 0;
    logger.log(LogLevel::content, [&] {
        ++builds;
        return std::string("skipped");
    });
    EPICOR_LOG(logger, LogLevel::transport, (++builds, std::string("skipped too")));
    EXPECT_EQ(builds, 0);

    logger.log(LogLevel::errors, [&] {
        ++builds;
        return std::string("built");
    });
    EPICOR_LOG(logger, LogLevel::errors, (++builds, std::string("built by macro")));
    EXPECT_EQ(builds, 2);
    EXPECT_EQ(collector.messages(), (std::vector<std::string>{"built", "built by macro"}));
}

TEST(Logger, RecordCarriesIdsAndSeverity) {
    Logger logger(LogLevel::trace, "conn-7");
    Collector collector;
    collector.attach(logger);
    {
        epicor::RequestLogScope scope(42);
        logger.warning("careful");
        EXPECT_EQ(epicor::RequestLogScope::current(), 42u);
    }
    logger.write(LogLevel::requests, "outside");
    ASSERT_EQ(collector.records.size(), 2u);
    EXPECT_EQ(collector.records[0].connection_id, "conn-7");
    EXPECT_EQ(collector.records[0].request_id, 42u);
    EXPECT_EQ(collector.records[0].severity, LogSeverity::warning);
    EXPECT_EQ(collector.records[0].level, LogLevel::errors);
    EXPECT_EQ(collector.records[1].request_id, 0u);
    EXPECT_EQ(collector.records[1].severity, LogSeverity::info);
}

TEST(Logger, RequestIdsAreUnique) {
    const auto first = Logger::next_request_id();
    const auto second = Logger::next_request_id();
    EXPECT_NE(first, 0u);
    EXPECT_NE(first, second);
}

TEST(Logger, ThrowingCallbackDoesNotEscape) {
    Logger logger(LogLevel::errors);
    logger.set_callback([](const LogRecord&) { throw std::runtime_error("sink failed"); });
    EXPECT_NO_THROW(logger.error("message"));
}

TEST(Logger, FileLineFormat) {
    TempDirectory directory;
    const fs::path path = directory.path() / "epicor.log";
    {
        Logger logger(LogLevel::requests, "c1");
        logger.set_clock([] { return std::chrono::system_clock::from_time_t(1445412470) + std::chrono::milliseconds(5); });
        logger.open_file({path.string(), 0, 1});
        epicor::RequestLogScope scope(17);
        logger.write(LogLevel::requests, "GET https://acme.example/api/v1/");
        logger.error("failed");
    }
    const auto lines = lines_of(read_file(path));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "2015-10-21T07:27:50.005Z [2] conn=c1 req=17 GET https://acme.example/api/v1/");
    EXPECT_EQ(lines[1], "2015-10-21T07:27:50.005Z [1 ERROR] conn=c1 req=17 failed");

    struct stat status {};
    ASSERT_EQ(::stat(path.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);
}

TEST(Logger, FileAppendsAcrossOpens) {
    TempDirectory directory;
    const fs::path path = directory.path() / "epicor.log";
    for (int i = 0; i < 2; ++i) {
        Logger logger(LogLevel::errors);
        logger.open_file({path.string(), 0, 1});
        logger.error("line " + std::to_string(i));
    }
    EXPECT_EQ(lines_of(read_file(path)).size(), 2u);
}

TEST(Logger, FileRotatesBySizeAndCount) {
    TempDirectory directory;
    const fs::path path = directory.path() / "app.log";
    Logger logger(LogLevel::errors);
    epicor::LogFileOptions options;
    options.path = path.string();
    options.max_file_size = 200;
    options.max_file_count = 3;
    logger.open_file(options);
    for (int i = 0; i < 40; ++i) {
        logger.write(LogLevel::errors, "message number " + std::to_string(i) + " padded to a decent length");
    }
    logger.flush();

    EXPECT_TRUE(fs::exists(path));
    EXPECT_TRUE(fs::exists(directory.path() / "app.1.log"));
    EXPECT_TRUE(fs::exists(directory.path() / "app.2.log"));
    EXPECT_FALSE(fs::exists(directory.path() / "app.3.log"));
    for (const auto& entry : fs::directory_iterator(directory.path())) {
        EXPECT_LE(fs::file_size(entry.path()), 200u) << entry.path();
    }
    EXPECT_NE(read_file(path).find("message number 39 "), std::string::npos);
    EXPECT_NE(read_file(directory.path() / "app.1.log").find("message number 3"), std::string::npos);
}

TEST(Logger, RotationWithCountOneTruncates) {
    TempDirectory directory;
    const fs::path path = directory.path() / "app.log";
    Logger logger(LogLevel::errors);
    logger.open_file({path.string(), 100, 1});
    for (int i = 0; i < 10; ++i) {
        logger.write(LogLevel::errors, "line " + std::to_string(i) + " of the log file");
    }
    EXPECT_FALSE(fs::exists(directory.path() / "app.1.log"));
    EXPECT_LE(fs::file_size(path), 100u);
    EXPECT_NE(read_file(path).find("line 9 "), std::string::npos);
}

TEST(Logger, RotationWithCountZeroKeepsAll) {
    TempDirectory directory;
    const fs::path path = directory.path() / "app.log";
    Logger logger(LogLevel::errors);
    logger.open_file({path.string(), 100, 0});
    for (int i = 0; i < 20; ++i) {
        logger.write(LogLevel::errors, "line " + std::to_string(i) + " of the log file");
    }
    std::size_t files = 0;
    std::string all;
    for (const auto& entry : fs::directory_iterator(directory.path())) {
        ++files;
        all += read_file(entry.path());
    }
    EXPECT_GE(files, 10u);
    for (int i = 0; i < 20; ++i) {
        EXPECT_NE(all.find("line " + std::to_string(i) + " of"), std::string::npos) << i;
    }
    EXPECT_NE(read_file(directory.path() / "app.1.log").find("line 18 "), std::string::npos);
    EXPECT_NE(read_file(path).find("line 19 "), std::string::npos);
}

TEST(Logger, RotatedPathNames) {
    using epicor::detail::LogFileSink;
    EXPECT_EQ(LogFileSink::rotated_path("/var/log/app.log", 1), "/var/log/app.1.log");
    EXPECT_EQ(LogFileSink::rotated_path("/var/log/app", 2), "/var/log/app.2");
    EXPECT_EQ(LogFileSink::rotated_path("/var/log.d/app", 2), "/var/log.d/app.2");
    EXPECT_EQ(LogFileSink::rotated_path("/var/log/.hidden", 1), "/var/log/.hidden.1");
}

TEST(Logger, UnwritableFileThrowsNamingPath) {
    TempDirectory directory;
    const fs::path path = directory.path() / "missing-folder" / "epicor.log";
    Logger logger(LogLevel::errors);
    try {
        logger.open_file({path.string(), 0, 1});
        FAIL() << "open_file returned";
    } catch (const epicor::Error& error) {
        EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    }
    EXPECT_FALSE(logger.enabled(LogLevel::errors));
}

TEST(Logger, RepeatedWarningsAreRateLimited) {
    Logger logger(LogLevel::errors);
    auto now = std::chrono::system_clock::from_time_t(1445412470);
    logger.set_clock([&now] { return now; });
    Collector collector;
    collector.attach(logger);

    for (int i = 0; i < 20; ++i) {
        logger.warning("proxy refused the connection");
    }
    auto messages = collector.messages();
    ASSERT_EQ(messages.size(), 6u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(messages[static_cast<std::size_t>(i)], "proxy refused the connection");
    }
    EXPECT_NE(messages[5].find("further repeats are suppressed"), std::string::npos) << messages[5];

    now += std::chrono::seconds(61);
    logger.warning("proxy refused the connection");
    messages = collector.messages();
    ASSERT_EQ(messages.size(), 8u);
    EXPECT_NE(messages[6].find("suppressed 14 more times"), std::string::npos) << messages[6];
    EXPECT_EQ(messages[7], "proxy refused the connection");
}

TEST(Logger, RateLimitIsPerMessageAndSkipsInfo) {
    Logger logger(LogLevel::requests);
    logger.set_clock([] { return std::chrono::system_clock::from_time_t(0); });
    Collector collector;
    collector.attach(logger);
    for (int i = 0; i < 10; ++i) {
        logger.write(LogLevel::requests, "GET /same");
        logger.error("error " + std::to_string(i % 2));
    }
    std::size_t infos = 0;
    for (const auto& message : collector.messages()) {
        infos += message == "GET /same" ? 1u : 0u;
    }
    EXPECT_EQ(infos, 10u);
    EXPECT_EQ(collector.messages().size(), 20u);
}

TEST(Logger, SummaryWrittenOnDestruction) {
    Collector collector;
    {
        Logger logger(LogLevel::errors);
        logger.set_clock([] { return std::chrono::system_clock::from_time_t(0); });
        collector.attach(logger);
        for (int i = 0; i < 9; ++i) {
            logger.warning("again");
        }
    }
    const auto messages = collector.messages();
    ASSERT_EQ(messages.size(), 7u);
    EXPECT_NE(messages[6].find("suppressed 3 more times"), std::string::npos) << messages[6];
}

TEST(Logger, ConcurrentWritersLoseNoLine) {
    TempDirectory directory;
    const fs::path path = directory.path() / "threads.log";
    {
        Logger logger(LogLevel::requests);
        logger.open_file({path.string(), 0, 1});
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&logger, t] {
                for (int i = 0; i < 100; ++i) {
                    logger.write(LogLevel::requests, "thread " + std::to_string(t) + " line " + std::to_string(i));
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    }
    const auto lines = lines_of(read_file(path));
    EXPECT_EQ(lines.size(), 400u);
    for (const auto& line : lines) {
        EXPECT_TRUE(is_whole_line(line)) << line;
    }
}

TEST(DefaultLogger, IsOneInstanceAndStartsOff) {
    const auto logger = epicor::default_logger();
    ASSERT_NE(logger, nullptr);
    EXPECT_EQ(logger.get(), epicor::default_logger().get());
    EXPECT_EQ(logger->verbosity(), LogLevel::off);
}

}  // namespace
