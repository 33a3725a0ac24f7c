#pragma once

// Reading the tool's own input files: the connection file and --input-file.

#include <string>

namespace epicor::cli {

// Returns the whole content of the file at `path`. Throws
// std::system_error carrying the errno of the step that failed, so callers
// can name the path and the reason: EISDIR for a directory, ENOENT for a
// missing file, EACCES for no read permission.
std::string read_whole_file(const std::string& path);

}  // namespace epicor::cli
