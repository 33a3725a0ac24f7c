// MaxLogFileCount through connect(): unset keeps every rotated log file, as
// docs/connection-properties.md documents, and a count keeps that many full files
// beside the current one.

#include "client_fixture.hpp"

#include <filesystem>
#include <random>
#include <string>

namespace client_test {
namespace {

namespace demo = epicor::testing::demo;
namespace fs = std::filesystem;

class LogFileCountTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        directory_ = fs::temp_directory_path() /
                     ("epicor-log-count-" + std::to_string(random()) + std::to_string(random()));
        fs::create_directories(directory_);
        server_.start();
    }

    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

    // Sends requests until `stop_file` exists or `max_requests` were sent.
    void log_until(const std::string& extra, const fs::path& stop_file, int max_requests) {
        auto conn = epicor::connect(server_.connection_string(mock::ODataVersion::v2) +
                                    ";Verbosity=5;MaxLogFileSize=1024;Logfile=" +
                                    (directory_ / "app.log").string() + ";" + extra);
        auto customers = conn.service(demo::kCustomerService).entity_set("Customers");
        for (int i = 0; i < max_requests && !fs::exists(stop_file); ++i) {
            customers.get({demo::kCompany, 1});
        }
    }

    fs::path directory_;
    mock::MockKineticServer server_;
};

TEST_F(LogFileCountTest, UnsetKeepsEveryFile) {
    // The sink's own default keeps 10 files; unset must keep more.
    log_until("", directory_ / "app.12.log", 400);
    EXPECT_TRUE(fs::exists(directory_ / "app.12.log"));
    EXPECT_TRUE(fs::exists(directory_ / "app.1.log"));
}

TEST_F(LogFileCountTest, CountKeepsThatManyFullFiles) {
    // 100 requests rotate the file far more than three times.
    log_until("MaxLogFileCount=2", directory_ / "app.3.log", 100);
    EXPECT_TRUE(fs::exists(directory_ / "app.1.log"));
    EXPECT_TRUE(fs::exists(directory_ / "app.2.log"));
    EXPECT_FALSE(fs::exists(directory_ / "app.3.log"));
}

}  // namespace
}  // namespace client_test
