#pragma once

// An invalid value in the tool's own input (--input, --input-file, --param,
// --order-by and similar), as opposed to a problem in the connection string.
// main() prints the message and exits with kExitUsage.

#include <stdexcept>
#include <string>

namespace epicor::cli {

class UsageError : public std::runtime_error {
public:
    // `option` is the command-line option that failed, e.g. "--param".
    UsageError(const std::string& option, const std::string& message)
        : std::runtime_error("invalid command line: " + option + ": " + message) {}
};

}  // namespace epicor::cli
