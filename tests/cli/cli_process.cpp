#include "cli_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace epicor::cli::test {
namespace {

std::string make_temp_file(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw std::runtime_error("mkstemp failed for " + pattern);
    }
    ::close(fd);
    return pattern;
}

}  // namespace

namespace {

// A started epicor process and the files that capture its streams.
struct RunningProcess {
    pid_t pid = -1;
    std::string out_path;
    std::string err_path;
    std::string in_path;
};

RunningProcess start_epicor(const std::vector<std::string>& arguments,
                            const std::map<std::string, std::string>& environment, const std::string& input) {
    RunningProcess process;
    process.out_path = make_temp_file("epicor-cli-out-");
    process.err_path = make_temp_file("epicor-cli-err-");
    process.in_path = make_temp_file("epicor-cli-in-");
    write_file(process.in_path, input);

    std::vector<std::string> argv_storage{EPICOR_CLI_PATH};
    argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : argv_storage) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);

    std::vector<std::string> env_storage;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, "EPICOR_CONNECTION=", 18) != 0) {
            env_storage.emplace_back(*entry);
        }
    }
    for (const auto& [name, value] : environment) {
        env_storage.push_back(name + "=" + value);
    }
    std::vector<char*> envp;
    for (auto& entry : env_storage) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);

    process.pid = ::fork();
    if (process.pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (process.pid == 0) {
        std::freopen(process.in_path.c_str(), "rb", stdin);
        std::freopen(process.out_path.c_str(), "wb", stdout);
        std::freopen(process.err_path.c_str(), "wb", stderr);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    return process;
}

ProcessResult wait_for(const RunningProcess& process) {
    int status = 0;
    while (::waitpid(process.pid, &status, 0) < 0) {
    }

    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.killed_by_signal = WIFSIGNALED(status);
    result.out = read_file(process.out_path);
    result.err = read_file(process.err_path);
    std::remove(process.out_path.c_str());
    std::remove(process.err_path.c_str());
    std::remove(process.in_path.c_str());
    return result;
}

}  // namespace

ProcessResult run_epicor(const std::vector<std::string>& arguments,
                         const std::map<std::string, std::string>& environment, const std::string& input) {
    return wait_for(start_epicor(arguments, environment, input));
}

ProcessResult run_epicor_and_signal(const std::vector<std::string>& arguments,
                                    const std::map<std::string, std::string>& environment,
                                    const std::function<bool()>& ready, int signal_number) {
    const RunningProcess process = start_epicor(arguments, environment, {});
    // Polls with a generous bound so that a broken `ready` cannot hang the test.
    for (int attempt = 0; attempt < 3000 && !ready(); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(process.pid, signal_number);
    return wait_for(process);
}

TempDirectory::TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "epicor-cli-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    path_ = pattern;
}

TempDirectory::~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::vector<std::string> TempDirectory::file_names() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << content;
}

}  // namespace epicor::cli::test
