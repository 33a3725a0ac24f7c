// Fuzzes the settings file reader with a fixed key. The first input byte
// picks the path. After an even byte, the rest goes to the reader as file
// text, which exercises the header checks, base64 and authentication. After
// an odd byte, the rest is first encrypted as the plaintext of a valid file,
// so the JSON reading behind the authentication is reached too. The reader
// may throw only TokenStoreFileError.

#include "auth/settings_crypto.hpp"
#include "auth/settings_file.hpp"

#include <epicor/token_store.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr const char* fuzz_client_id = "11111111-2222-3333-4444-555555555555";
constexpr const char* fuzz_client_secret = "fuzz-client-secret";

const epicor::auth::SettingsFileContext& fuzz_context() {
    static const epicor::auth::SettingsFileContext context = [] {
        epicor::auth::SettingsFileContext built;
        built.path = "fuzz/OAuthSettings.txt";
        built.client_id = fuzz_client_id;
        built.key_kind = epicor::TokenStoreKey::Kind::client_secret;
        built.key = epicor::auth::derive_settings_key(
            epicor::TokenStoreKey::from_client_secret(fuzz_client_secret), fuzz_client_id);
        return built;
    }();
    return context;
}

std::string valid_file_around(std::string_view plaintext) {
    const std::string header = std::string("epicor-oauth-settings v1\nclient-id: ") +
                               fuzz_client_id + "\nkey: client-secret\n";
    return header +
           epicor::auth::encode_base64(epicor::auth::seal(fuzz_context().key, plaintext, header)) +
           "\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string text = data[0] % 2 == 0 ? std::string(input) : valid_file_around(input);

    try {
        const epicor::OAuthTokens tokens = epicor::auth::decode_settings_file(text, fuzz_context());

        // What was read must survive a write and a second read unchanged.
        const std::string rewritten = epicor::auth::encode_settings_file(tokens, fuzz_context());
        const epicor::OAuthTokens reread =
            epicor::auth::decode_settings_file(rewritten, fuzz_context());
        if (reread.access_token != tokens.access_token ||
            reread.refresh_token != tokens.refresh_token || reread.expires_at != tokens.expires_at ||
            reread.issued_at != tokens.issued_at) {
            std::abort();
        }
    } catch (const epicor::TokenStoreFileError&) {
        // The expected outcome for a damaged file.
    }
    return 0;
}
