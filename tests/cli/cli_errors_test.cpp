// Exit codes for each kind of failure, and that no secret reaches stdout or
// stderr.

#include "cli_fixture.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace epicor::cli::test {
namespace {

// Returns a loopback port with nothing listening on it: bound once to get
// a free port, then closed.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

void expect_no_secret(const ProcessResult& result) {
    for (const char* secret : {kSecretPassword, kSecretApiKey}) {
        EXPECT_EQ(result.out.find(secret), std::string::npos) << "stdout contains a secret: " << result.out;
        EXPECT_EQ(result.err.find(secret), std::string::npos) << "stderr contains a secret: " << result.err;
    }
}

TEST_F(CliTest, UnknownSubcommandExitsTwo) {
    const auto result = run({"frobnicate"});
    EXPECT_EQ(result.exit_code, 2);
}

TEST_F(CliTest, MissingArgumentExitsTwo) {
    const auto result = run({"query"});
    EXPECT_EQ(result.exit_code, 2);
}

TEST_F(CliTest, InvalidFormatExitsTwo) {
    const auto result = run({"services", "--format", "xml"});
    EXPECT_EQ(result.exit_code, 2);
}

TEST_F(CliTest, BadConnectionStringExitsThree) {
    const auto result = run_epicor({"services"}, {{"EPICOR_CONNECTION", std::string("URL=not a url;Password=") +
                                                                           kSecretPassword + ";ApiVersion=v9"}});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("epicor: "), std::string::npos);
    expect_no_secret(result);
}

TEST_F(CliTest, WrongPasswordExitsFour) {
    std::string connection = connection_string();
    const auto position = connection.find(kSecretPassword);
    ASSERT_NE(position, std::string::npos);
    connection.replace(position, std::string(kSecretPassword).size(), "Wrong-Pw-SECRET");
    const auto result = run_epicor({"services"}, {{"EPICOR_CONNECTION", connection}});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_EQ(result.err.find("Wrong-Pw-SECRET"), std::string::npos) << result.err;
    expect_no_secret(result);
}

TEST_F(CliTest, WrongApiKeyExitsFour) {
    std::string connection = connection_string();
    const auto position = connection.find(kSecretApiKey);
    ASSERT_NE(position, std::string::npos);
    connection.replace(position, std::string(kSecretApiKey).size(), "Wrong-Key-SECRET");
    const auto result = run_epicor({"services"}, {{"EPICOR_CONNECTION", connection}});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_EQ(result.err.find("Wrong-Key-SECRET"), std::string::npos) << result.err;
}

TEST_F(CliTest, UnknownEntitySetExitsFive) {
    const auto result = run({"query", "Customerz"});
    EXPECT_EQ(result.exit_code, 5) << result.err;
    EXPECT_NE(result.err.find("Customerz"), std::string::npos) << result.err;
    expect_no_secret(result);
}

TEST_F(CliTest, UnreachablePortExitsSix) {
    const std::string connection = "URL=http://127.0.0.1:" + std::to_string(closed_port()) +
                                   ";ERPInstance=KineticMock;User=manager;Password=" + kSecretPassword +
                                   ";ApiKey=" + kSecretApiKey + ";ApiVersion=v2;Company=EPIC06;MaxRetries=0";
    const auto result = run_epicor({"services"}, {{"EPICOR_CONNECTION", connection}});
    EXPECT_EQ(result.exit_code, 6) << result.err;
    expect_no_secret(result);
}

TEST_F(CliTest, VerboseLogHasNoSecrets) {
    TempDirectory directory;
    const std::string log_path = directory.path() + "/epicor.log";
    const auto logged = run({"query", "Customers", "--top", "3", "-vvvvv", "--log-file", log_path});
    ASSERT_EQ(logged.exit_code, 0) << logged.err;
    expect_no_secret(logged);
    const std::string log = read_file(log_path);
    EXPECT_FALSE(log.empty());
    EXPECT_EQ(log.find(kSecretPassword), std::string::npos);
    EXPECT_EQ(log.find(kSecretApiKey), std::string::npos);

    const auto to_stderr = run({"query", "Customers", "--top", "3", "-vvvvv"});
    ASSERT_EQ(to_stderr.exit_code, 0) << to_stderr.err;
    EXPECT_NE(to_stderr.err.find("epicor: ["), std::string::npos) << to_stderr.err;
    expect_no_secret(to_stderr);
}

TEST_F(CliTest, NoSecretsOnAnyCommand) {
    const std::vector<std::vector<std::string>> commands{
        {"services"},
        {"entity-sets"},
        {"describe", "Customers"},
        {"query", "Customers", "--format", "jsonl"},
        {"baq", "zCustomerList", "--format", "csv"},
        {"get", "Customers", "EPIC06", "1"},
        {"get", "Customers", "EPIC06", "999"},
        {"call", "Erp.BO.CustomerSvc", "GetByID", "--input", R"({"custNum": 1})"},
        {"call", "Erp.BO.CustomerSvc", "NoSuchMethod"},
        {"function", "NoLibrary", "NoFunction"},
    };
    for (const auto& command : commands) {
        SCOPED_TRACE(command.front());
        expect_no_secret(run(command));
        expect_no_secret(run_epicor(command, {}));
        std::vector<std::string> with_flag = command;
        with_flag.push_back("--connection");
        with_flag.push_back(connection_string());
        expect_no_secret(run_epicor(with_flag));
    }
}

}  // namespace
}  // namespace epicor::cli::test
