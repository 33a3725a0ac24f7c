#pragma once

// Opens the system browser on the authorization URL.

#include <string>

namespace epicor::azure {

/// Starts the user's browser on `url` without a shell: the program named by
/// the BROWSER environment variable (its first ':'-separated entry, taken
/// as one program path or name), else xdg-open, else open. The URL is one
/// argv element, so no character in it is interpreted. Returns once the
/// program started; a background thread reaps it. Throws AuthError when no
/// program could be started.
void launch_browser(const std::string& url);

}  // namespace epicor::azure
