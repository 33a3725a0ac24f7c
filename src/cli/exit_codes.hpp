#pragma once

// Process exit codes of the epicor tool, one per kind of failure, so
// scripts can tell a typo in a command from a server outage.

#include <exception>

namespace epicor::cli {

enum ExitCode : int {
    kExitSuccess = 0,
    kExitOther = 1,           // any other failure, e.g. an unexpected response body
    kExitUsage = 2,           // invalid command line
    kExitConfiguration = 3,   // invalid or missing connection string or property
    kExitAuthentication = 4,  // sign-in rejected: 401, 403 or a failed token request
    kExitServer = 5,          // the server returned another HTTP error status
    kExitTransport = 6,       // no response: connect, TLS, timeout or reset
    kExitInterrupted = 130,   // stopped by SIGINT (128 + 2, as shells report it)
    kExitTerminated = 143,    // stopped by SIGTERM (128 + 15)
};

// Returns the exit code for a caught exception. A CancelledError maps to
// kExitTerminated when SIGTERM stopped the command, else to kExitInterrupted.
int exit_code_for(const std::exception& error) noexcept;

// The exit code table as shown in the --help epilog.
const char* exit_code_help() noexcept;

}  // namespace epicor::cli
