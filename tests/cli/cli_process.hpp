#pragma once

// Runs the epicor program as a child process and captures what it writes.

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace epicor::cli::test {

struct ProcessResult {
    int exit_code = -1;            // 128 + the signal number when a signal ended the process
    bool killed_by_signal = false;  // true when a signal ended the process rather than exit()
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs the epicor binary with `arguments`. The child's environment is the
// test's, minus EPICOR_CONNECTION, plus `environment`. `input` is written to
// its stdin.
ProcessResult run_epicor(const std::vector<std::string>& arguments,
                         const std::map<std::string, std::string>& environment = {},
                         const std::string& input = {});

// Starts epicor like run_epicor, with empty stdin, waits until `ready`
// returns true (polled every 10 ms, for at most about 30 seconds), sends it
// `signal_number` and waits for it to end.
ProcessResult run_epicor_and_signal(const std::vector<std::string>& arguments,
                                    const std::map<std::string, std::string>& environment,
                                    const std::function<bool()>& ready, int signal_number);

// A directory under the system temp directory, removed with its contents
// by the destructor.
class TempDirectory {
public:
    TempDirectory();
    ~TempDirectory();
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;

    const std::string& path() const noexcept { return path_; }
    std::vector<std::string> file_names() const;

private:
    std::string path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

}  // namespace epicor::cli::test
