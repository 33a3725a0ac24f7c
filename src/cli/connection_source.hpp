#pragma once

// Finds the connection string for a command and applies the logging options.

#include <string>

namespace epicor::cli {

// The sources of the connection string, in order of precedence.
struct ConnectionSource {
    std::string text;       // --connection
    std::string file_path;  // --connection-file
    int verbosity = 0;      // --verbose given N times; 0 keeps the string's Verbosity
    std::string log_file;   // --log-file; empty keeps the string's Logfile
};

// Returns the connection string from --connection, else --connection-file,
// else the EPICOR_CONNECTION environment variable, with `Verbosity` and
// `Logfile` replaced when --verbose or --log-file were given. Throws
// ConfigError when none of the three is set, when the file cannot be read,
// and when the text is not a valid connection string. The message never
// contains the connection string itself.
std::string resolve_connection_string(const ConnectionSource& source);

}  // namespace epicor::cli
