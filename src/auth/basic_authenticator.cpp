#include "auth/basic_authenticator.hpp"

#include "auth/credential_guard.hpp"
#include "core/secure_memory.hpp"

#include <epicor/error.hpp>

#include <openssl/evp.h>

namespace epicor::auth {

std::string base64_encode(std::string_view data) {
    if (data.empty()) {
        return {};
    }
    // EVP_EncodeBlock writes 4 characters per 3 input bytes plus a NUL.
    std::string encoded(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                       reinterpret_cast<const unsigned char*>(data.data()),
                                       static_cast<int>(data.size()));
    encoded.resize(static_cast<std::size_t>(length));
    return encoded;
}

void wipe(std::string& secret) noexcept { detail::secure_wipe(secret); }

BasicAuthenticator::BasicAuthenticator(std::string_view user, std::string_view password,
                                       bool allow_insecure_http)
    : allow_insecure_http_(allow_insecure_http) {
    if (user.find(':') != std::string_view::npos) {
        throw AuthError("the User value contains a colon, which Basic authentication cannot "
                        "send: check the User property");
    }
    std::string credentials;
    credentials.reserve(user.size() + 1 + password.size());
    credentials.append(user).append(1, ':').append(password);
    std::string encoded = base64_encode(credentials);
    header_value_.reserve(6 + encoded.size());
    header_value_.append("Basic ").append(encoded);
    wipe(encoded);
    wipe(credentials);
}

BasicAuthenticator::~BasicAuthenticator() { wipe(header_value_); }

void BasicAuthenticator::authenticate(HttpRequest& request) {
    require_safe_for_credentials(request.url, allow_insecure_http_, "the Basic login");
    request.headers.set("Authorization", header_value_);
}

}  // namespace epicor::auth
