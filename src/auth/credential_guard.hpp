#pragma once

/// \file
/// The rule that keeps credentials off plain HTTP: Basic and Bearer
/// credentials travel over https, or over http only to a loopback host,
/// unless the user sets AllowInsecureHttp=true.

#include <string>
#include <string_view>

namespace epicor::auth {

/// Returns true when `url` uses https, or http to localhost, 127.0.0.0/8 or
/// [::1]. Any other scheme or host returns false.
bool is_safe_for_credentials(std::string_view url);

/// Throws AuthError naming `url` when credentials must not be sent to it and
/// `allow_insecure_http` is false. `what` names the credential, such as
/// "the Basic login".
void require_safe_for_credentials(std::string_view url, bool allow_insecure_http,
                                  std::string_view what);

/// Returns the host part of an http or https URL in lower case, without
/// brackets, user info or port; empty when `url` has no host.
std::string url_host(std::string_view url);

}  // namespace epicor::auth
