#include "cli/exit_codes.hpp"

#include "cli/interrupt.hpp"
#include "cli/usage_error.hpp"

#include <epicor/error.hpp>

#include <csignal>

namespace epicor::cli {

int exit_code_for(const std::exception& error) noexcept {
    if (dynamic_cast<const CancelledError*>(&error) != nullptr) {
        return interrupt_signal() == SIGTERM ? kExitTerminated : kExitInterrupted;
    }
    if (dynamic_cast<const UsageError*>(&error) != nullptr) {
        return kExitUsage;
    }
    if (dynamic_cast<const ConfigError*>(&error) != nullptr) {
        return kExitConfiguration;
    }
    if (dynamic_cast<const AuthError*>(&error) != nullptr ||
        dynamic_cast<const UnauthorizedError*>(&error) != nullptr ||
        dynamic_cast<const ForbiddenError*>(&error) != nullptr) {
        return kExitAuthentication;
    }
    if (dynamic_cast<const HttpError*>(&error) != nullptr) {
        return kExitServer;
    }
    if (dynamic_cast<const TransportError*>(&error) != nullptr) {
        return kExitTransport;
    }
    return kExitOther;
}

const char* exit_code_help() noexcept {
    return "Exit codes:\n"
           "  0  success\n"
           "  1  other failure (for example an unexpected response body)\n"
           "  2  invalid command line\n"
           "  3  invalid or missing connection string or property\n"
           "  4  authentication failed (HTTP 401 or 403, or a token request was rejected)\n"
           "  5  the server returned another HTTP error (404 for an unknown entity set, 400, 500...)\n"
           "  6  no response from the server (connect, TLS, timeout or reset)\n"
           "  130 interrupted by Ctrl-C (SIGINT)\n"
           "  143 stopped by SIGTERM";
}

}  // namespace epicor::cli
