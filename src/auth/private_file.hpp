#pragma once

/// \file
/// File operations of the OAuth settings store: a read that checks
/// ownership and mode, an atomic replace, and folder creation. POSIX only;
/// on Windows each throws TokenStoreFileError.

#include <optional>
#include <string>
#include <string_view>

namespace epicor::auth {

/// Reads the file at `path`, which must be a regular file (not a symbolic
/// link) owned by the effective user, with no group or other permission
/// bits, and at most `max_size` bytes. Returns nothing when it does not
/// exist. Throws TokenStoreFileError with kind unsafe_file, corrupt (too
/// large) or io.
std::optional<std::string> read_private_file(const std::string& path, std::size_t max_size);

/// Replaces the file at `path` with `content` so that readers see either the
/// old or the new file, never a partial one: writes a temporary file with
/// O_CREAT|O_EXCL and mode 0600 in the same folder, fsyncs it, renames it
/// over `path` and fsyncs the folder. On failure the temporary file is
/// removed and the old file is untouched. Throws TokenStoreFileError with
/// kind io.
void write_file_atomically(const std::string& path, std::string_view content);

/// Creates the folder of `path` with mode 0700 when it is missing.
/// With `create_parents` false only that folder is created, and a missing
/// parent throws TokenStoreFileError with kind missing_directory; with it
/// true every missing folder on the way is created.
void ensure_parent_directory(const std::string& path, bool create_parents);

/// Deletes the file at `path`; does nothing when it does not exist. Throws
/// TokenStoreFileError with kind io.
void remove_file(const std::string& path);

}  // namespace epicor::auth
