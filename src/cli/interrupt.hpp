#pragma once

// Ctrl-C handling. The first SIGINT or SIGTERM sets a flag that the running
// export checks between rows, so it can remove its temporary output file
// before exiting.

namespace epicor::cli {

// Installs the SIGINT and SIGTERM handler.
void install_interrupt_handler();

// True once SIGINT or SIGTERM arrived.
bool interrupt_requested() noexcept;

// The first signal that arrived (SIGINT or SIGTERM), or 0 when none has.
int interrupt_signal() noexcept;

}  // namespace epicor::cli
