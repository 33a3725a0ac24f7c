// The tool's own inputs and outputs: connection and input files that cannot
// be read, --output onto existing files, option messages, and exit codes for
// command-line mistakes and signals.

#include "cli_fixture.hpp"

#include <epicor/testing/fault.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>

#include <sys/stat.h>
#include <unistd.h>

namespace epicor::cli::test {
namespace {

using epicor::testing::Fault;

mode_t mode_of(const std::string& path) {
    struct stat status {};
    EXPECT_EQ(::lstat(path.c_str(), &status), 0) << path;
    return static_cast<mode_t>(status.st_mode & 07777);
}

TEST_F(CliTest, ConnectionFileDirectoryExitsThree) {
    TempDirectory directory;
    const auto result = run_epicor({"services", "--connection-file", directory.path()});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("Is a directory"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(directory.path()), std::string::npos) << result.err;
}

TEST_F(CliTest, MissingConnectionFileNamesReason) {
    TempDirectory directory;
    const std::string path = directory.path() + "/missing.txt";
    const auto result = run_epicor({"services", "--connection-file", path});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("No such file or directory"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(path), std::string::npos) << result.err;
}

TEST_F(CliTest, InputFileDirectoryExitsTwo) {
    TempDirectory directory;
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input-file", directory.path()});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("invalid command line: --input-file"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("Is a directory"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(directory.path()), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("basic_filebuf"), std::string::npos) << result.err;
}

TEST_F(CliTest, InvalidJsonInputFileExitsTwo) {
    TempDirectory directory;
    const std::string path = directory.path() + "/input.json";
    write_file(path, "{custNum: 5");
    const auto result = run({"call", "Erp.BO.CustomerSvc", "GetByID", "--input-file", path});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("invalid command line: --input-file"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("invalid connection settings"), std::string::npos) << result.err;
}

TEST_F(CliTest, ParamWithoutEqualsExitsTwo) {
    const auto result = run({"baq", "zCustomerList", "--param", "CustID"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("invalid command line: --param"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("invalid connection settings"), std::string::npos) << result.err;
}

TEST_F(CliTest, BadOrderByExitsTwo) {
    const auto result = run({"query", "Customers", "--order-by", "Name sideways"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("invalid command line: --order-by"), std::string::npos) << result.err;
}

TEST_F(CliTest, UnwritableLogfileExitsThree) {
    TempDirectory directory;
    const std::string path = directory.path() + "/no-such-folder/epicor.log";
    const auto result = run({"services", "--log-file", path});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("Logfile"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(path), std::string::npos) << result.err;
}

TEST_F(CliTest, NegativeTopHasShortMessage) {
    const auto result = run({"query", "Customers", "--top", "-1"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("0 or more"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("179769"), std::string::npos) << result.err;
    EXPECT_LT(result.err.size(), 400U) << result.err;
}

TEST_F(CliTest, FormatHelpListsNames) {
    const auto help = run_epicor({"--help"});
    EXPECT_EQ(help.exit_code, 0) << help.err;
    EXPECT_NE(help.out.find("table|csv|jsonl"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("->"), std::string::npos) << help.out;

    const auto wrong = run({"services", "--format", "xml"});
    EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
    EXPECT_NE(wrong.err.find("use table, csv or jsonl"), std::string::npos) << wrong.err;

    const auto upper = run({"services", "--format", "CSV"});
    EXPECT_EQ(upper.exit_code, 0) << upper.err;
    EXPECT_EQ(upper.out.rfind("Service\r\n", 0), 0U) << upper.out;
}

TEST_F(CliTest, OutputRejectsReadOnlyFile) {
    TempDirectory directory;
    const std::string path = directory.path() + "/read-only.csv";
    write_file(path, "KEEP\n");
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);

    const auto result = run({"query", "Customers", "--format", "csv", "--output", path});

    EXPECT_NE(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("read-only"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(path), "KEEP\n");
    EXPECT_EQ(mode_of(path), 0444U);
    EXPECT_EQ(directory.file_names().size(), 1U);
}

TEST_F(CliTest, OutputRejectsSymbolicLink) {
    TempDirectory directory;
    const std::string target = directory.path() + "/target.csv";
    const std::string link = directory.path() + "/link.csv";
    write_file(target, "KEEP\n");
    ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);

    const auto result = run({"query", "Customers", "--format", "csv", "--output", link});

    EXPECT_NE(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("symbolic link"), std::string::npos) << result.err;
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(read_file(target), "KEEP\n");
}

TEST_F(CliTest, OutputRejectsDirectory) {
    TempDirectory directory;
    const auto result = run({"query", "Customers", "--format", "csv", "--output", directory.path()});
    EXPECT_NE(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("is a directory"), std::string::npos) << result.err;
}

TEST_F(CliTest, OutputKeepsModeOfReplacedFile) {
    TempDirectory directory;
    const std::string path = directory.path() + "/private.csv";
    write_file(path, "OLD\n");
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);

    const auto result = run({"query", "Customers", "--top", "2", "--format", "csv", "--output", path});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(mode_of(path), 0600U);
    EXPECT_NE(read_file(path).find("CustNum"), std::string::npos);
}

// Starts a slow paged export to a file, sends `signal_number` once the
// server has seen requests, and returns the result.
ProcessResult interrupt_export(epicor::testing::MockKineticServer& server, const std::string& connection,
                               const std::string& path, int signal_number) {
    // Every page after the first waits, so the export is still running
    // when the signal arrives.
    server.faults().add(Fault::delay(std::chrono::milliseconds(200)).on("/Customers").after(1));
    return run_epicor_and_signal({"query", "Customers", "--format", "csv", "--output", path},
                                 {{"EPICOR_CONNECTION", connection + ";Pagesize=2"}},
                                 [&server] { return server.request_log().size() >= 2; }, signal_number);
}

TEST_F(CliTest, SigtermExitsOneFortyThree) {
    TempDirectory directory;
    const std::string path = directory.path() + "/export.csv";
    const auto result = interrupt_export(*server_, connection_string(), path, SIGTERM);
    EXPECT_FALSE(result.killed_by_signal) << result.err;
    EXPECT_EQ(result.exit_code, 143) << result.err;
    EXPECT_NE(result.err.find("interrupted"), std::string::npos) << result.err;
    EXPECT_TRUE(directory.file_names().empty());
}

TEST_F(CliTest, SigintExitsOneThirty) {
    TempDirectory directory;
    const std::string path = directory.path() + "/export.csv";
    const auto result = interrupt_export(*server_, connection_string(), path, SIGINT);
    EXPECT_FALSE(result.killed_by_signal) << result.err;
    EXPECT_EQ(result.exit_code, 130) << result.err;
    EXPECT_TRUE(directory.file_names().empty());
}

}  // namespace
}  // namespace epicor::cli::test
