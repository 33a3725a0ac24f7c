#include "auth/browser_launcher.hpp"

#include <epicor/error.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace epicor::azure {
namespace {

std::vector<std::string> candidate_programs() {
    std::vector<std::string> programs;
    if (const char* browser = std::getenv("BROWSER"); browser != nullptr && *browser != '\0') {
        const std::string value(browser);
        programs.push_back(value.substr(0, value.find(':')));
    }
    programs.emplace_back("xdg-open");
    programs.emplace_back("open");
    return programs;
}

// Returns the child's pid, or -1 with `error` set when it could not start.
pid_t spawn(const std::string& program, const std::string& url, int& error) {
    std::vector<char> program_arg(program.begin(), program.end());
    program_arg.push_back('\0');
    std::vector<char> url_arg(url.begin(), url.end());
    url_arg.push_back('\0');
    char* argv[] = {program_arg.data(), url_arg.data(), nullptr};

    pid_t pid = -1;
    error = posix_spawnp(&pid, program_arg.data(), nullptr, nullptr, argv, environ);
    return error == 0 ? pid : -1;
}

}  // namespace

void launch_browser(const std::string& url) {
    std::string tried;
    for (const std::string& program : candidate_programs()) {
        int error = 0;
        const pid_t pid = spawn(program, url, error);
        if (pid > 0) {
            // Reap the child whenever it ends so it never lingers as a zombie.
            std::thread([pid] {
                int status = 0;
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
                }
            }).detach();
            return;
        }
        tried += (tried.empty() ? "" : ", ") + program + " (" + std::strerror(error) + ")";
    }
    throw AuthError("cannot start a browser for the Azure AD sign-in; tried " + tried +
                    ". Set BROWSER to a browser program, or sign in on another machine and "
                    "connect with InitiateOAuth=REFRESH and OAuthVerifier");
}

}  // namespace epicor::azure
