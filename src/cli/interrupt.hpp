#pragma once

// Ctrl-C handling. The first SIGINT or SIGTERM sets a flag that the running
// export checks between rows, so it can remove its temporary output file
// before exiting.

namespace epicor::cli {

// Installs the SIGINT and SIGTERM handler.
void install_interrupt_handler();

// True once SIGINT or SIGTERM arrived.
bool interrupt_requested() noexcept;

}  // namespace epicor::cli
