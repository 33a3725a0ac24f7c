#pragma once

// Reading the tool's own inputs: the connection file, --input-file and standard input.

#include <string>

namespace epicor::cli {

// Returns the whole content of the file at `path`. Throws
// std::system_error carrying the errno of the step that failed, so callers
// can name the path and the reason: EISDIR for a directory, ENOENT for a
// missing file, EACCES for no read permission.
std::string read_whole_file(const std::string& path);

// Returns everything on standard input up to end of file. Throws
// std::system_error carrying the errno when a read fails.
std::string read_standard_input();

}  // namespace epicor::cli
