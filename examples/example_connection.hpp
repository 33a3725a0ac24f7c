#pragma once

// Reads the connection string the example programs use: the first
// command-line argument, or else the EPICOR_CONNECTION environment variable,
// which keeps the password out of shell history.

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace examples {

inline std::optional<std::string> connection_string(int argc, char** argv) {
    if (argc > 1) {
        return std::string(argv[1]);
    }
    if (const char* from_environment = std::getenv("EPICOR_CONNECTION")) {
        return std::string(from_environment);
    }
    std::cerr << "usage: " << (argc > 0 ? argv[0] : "example")
              << " \"URL=https://host;ERPInstance=...;User=...;Password=...\"\n"
                 "or set EPICOR_CONNECTION to the connection string\n";
    return std::nullopt;
}

}  // namespace examples
