// A helper program for the two-process token store test. It rotates the
// refresh token of the settings file at argv[1] argv[2] times; each rotation
// reads "rt-N" and writes "rt-N+1" under the store's lock. Exits 0 on
// success, 1 with the error on stderr otherwise.

#include <epicor/token_store.hpp>

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s SETTINGS_FILE ROTATIONS CLIENT_SECRET\n", argv[0]);
        return 2;
    }
    try {
        const std::string path = argv[1];
        const int rotations = std::stoi(argv[2]);
        auto store = epicor::open_token_store(
            path, epicor::TokenStoreKey::from_client_secret(argv[3]),
            "11111111-2222-3333-4444-555555555555");
        for (int i = 0; i < rotations; ++i) {
            store->update([](const std::optional<epicor::OAuthTokens>& current) {
                long count = 0;
                if (current) {
                    count = std::stol(current->refresh_token.substr(3));
                }
                epicor::OAuthTokens next;
                next.refresh_token = "rt-" + std::to_string(count + 1);
                next.access_token = "at-" + std::to_string(count + 1);
                return next;
            });
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "token_store_rotate_helper: %s\n", error.what());
        return 1;
    }
    return 0;
}
