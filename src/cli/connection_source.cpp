#include "cli/connection_source.hpp"

#include "cli/file_reading.hpp"

#include <epicor/connection_string.hpp>
#include <epicor/error.hpp>

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace epicor::cli {
namespace {

std::string read_connection_file(const std::string& path) {
    std::string content;
    try {
        content = read_whole_file(path);
    } catch (const std::system_error& error) {
        throw ConfigError("--connection-file", "cannot read the connection file '" + path +
                                                   "': " + error.code().message() +
                                                   "; pass the path of a readable file");
    }
    // A trailing newline from an editor is not part of the last value.
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r' ||
                                content.back() == ' ' || content.back() == '\t')) {
        content.pop_back();
    }
    return content;
}

}  // namespace

std::string resolve_connection_string(const ConnectionSource& source) {
    std::string text;
    if (!source.text.empty()) {
        text = source.text;
    } else if (!source.file_path.empty()) {
        text = read_connection_file(source.file_path);
    } else if (const char* environment = std::getenv("EPICOR_CONNECTION");
               environment != nullptr && *environment != '\0') {
        text = environment;
    } else {
        throw ConfigError("EPICOR_CONNECTION",
                          "no connection string given; set the EPICOR_CONNECTION environment variable, "
                          "or pass --connection-file FILE or --connection STRING");
    }

    if (source.verbosity <= 0 && source.log_file.empty()) {
        return text;
    }
    ConnectionString parsed = ConnectionString::parse(text);
    if (source.verbosity > 0) {
        parsed.set("Verbosity", std::to_string(std::min(source.verbosity, 5)));
    }
    if (!source.log_file.empty()) {
        parsed.set("Logfile", source.log_file);
    }
    return parsed.to_string();
}

}  // namespace epicor::cli
