// Runs the epicor-mock-server program, reads the connection string it
// prints, makes a request and stops it with SIGTERM.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Child {
    pid_t pid = -1;
    FILE* output = nullptr;
};

Child spawn(const std::vector<std::string>& arguments) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        return {};
    }
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(EPICOR_MOCK_SERVER_PATH));
        for (const auto& argument : arguments) {
            argv.push_back(const_cast<char*>(argument.c_str()));
        }
        argv.push_back(nullptr);
        execv(EPICOR_MOCK_SERVER_PATH, argv.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    return Child{pid, fdopen(pipe_fds[0], "r")};
}

std::string read_line(FILE* stream) {
    std::string line;
    int c = 0;
    while ((c = std::fgetc(stream)) != EOF && c != '\n') {
        line += static_cast<char>(c);
    }
    return line;
}

std::string property(const std::string& connection_string, const std::string& name) {
    const std::size_t start = connection_string.find(name + "=");
    if (start == std::string::npos) {
        return {};
    }
    const std::size_t value = start + name.size() + 1;
    return connection_string.substr(value, connection_string.find(';', value) - value);
}

int stop_and_wait(const Child& child) {
    kill(child.pid, SIGTERM);
    int status = 0;
    waitpid(child.pid, &status, 0);
    std::fclose(child.output);
    return status;
}

TEST(ServerProgram, PrintsConnectionStringAndStopsOnSigterm) {
    const Child child = spawn({"--port", "0", "--api-version", "v1"});
    ASSERT_GT(child.pid, 0);
    const std::string line = read_line(child.output);
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(property(line, "ApiVersion"), "v1");

    httplib::Client client(property(line, "URL"));
    client.set_basic_auth(property(line, "User").c_str(), property(line, "Password").c_str());
    auto result = client.Get(("/" + property(line, "ERPInstance") + "/api/v1/").c_str());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);

    const int status = stop_and_wait(child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ServerProgram, TlsPrintsCaPathAndCustomUser) {
    const Child child = spawn({"--tls", "--user", "alice:pw-1", "--api-key", "k-1", "--page-cap", "5"});
    ASSERT_GT(child.pid, 0);
    const std::string line = read_line(child.output);
    const std::string ca_line = read_line(child.output);
    EXPECT_EQ(property(line, "User"), "alice");
    EXPECT_EQ(property(line, "ApiKey"), "k-1");
    const std::string ca_path = property(line, "SSLServerCert");
    ASSERT_FALSE(ca_path.empty());
    EXPECT_NE(ca_line.find(ca_path), std::string::npos);

    httplib::Client client(property(line, "URL"));
    client.set_ca_cert_path(ca_path.c_str());
    client.enable_server_certificate_verification(true);
    client.set_basic_auth("alice", "pw-1");
    auto result = client.Get("/KineticMock/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/Customers", {{"x-api-key", "k-1"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(nlohmann::json::parse(result->body)["value"].size(), 5U);

    EXPECT_EQ(WEXITSTATUS(stop_and_wait(child)), 0);
}

}  // namespace
