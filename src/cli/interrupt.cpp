#include "cli/interrupt.hpp"

#include <csignal>

namespace epicor::cli {
namespace {

// The number of the first SIGINT or SIGTERM received, 0 before one arrives.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int signal_number) {
    if (g_interrupted != 0) {
        // A second Ctrl-C ends the process at once.
        std::signal(signal_number, SIG_DFL);
        std::raise(signal_number);
        return;
    }
    g_interrupted = signal_number;
}

}  // namespace

void install_interrupt_handler() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() noexcept {
    return g_interrupted != 0;
}

int interrupt_signal() noexcept {
    return g_interrupted;
}

}  // namespace epicor::cli
