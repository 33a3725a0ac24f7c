#pragma once

// The Azure AD subcommands: login, oauth-url, oauth-token, oauth-refresh.

#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace epicor::cli {

// Adds the OAuth subcommands to `app`. The chosen one stores its action in
// `run` when the command line is parsed.
void add_oauth_commands(CLI::App& app, GlobalOptions& global, std::function<int()>& run);

}  // namespace epicor::cli
