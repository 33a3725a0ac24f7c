#pragma once

// Masks a connection's own secrets in text a server sent, such as an error
// body that repeats the password it was given.

#include <epicor/error.hpp>
#include <epicor/http.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace epicor::detail {

class SecretMask {
public:
    /// Secrets shorter than this are not masked, because replacing every
    /// occurrence of one or two characters would garble the whole message.
    /// NOTE: such a short password or key can still appear in an error.
    static constexpr std::size_t min_length = 4;

    /// Adds `secret` to the values masked; an empty or short one is ignored.
    void add(std::string_view secret);

    /// Adds the credentials `request` carries: the Authorization value after
    /// its scheme (a bearer token or Basic user:password in base64), the
    /// x-api-key header and the session id in the License header.
    void add_credentials_of(const HttpRequest& request);

    /// Returns `text` with every added secret replaced by ***.
    std::string apply(std::string text) const;

    /// Masks every text field of `info` that came from the server.
    void apply(HttpErrorInfo& info) const;

private:
    std::vector<std::string> secrets_;
};

}  // namespace epicor::detail
