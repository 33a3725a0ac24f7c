#pragma once

// Helpers shared by the token store tests: a unique temporary folder and
// whole-file reads and writes.

#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>

namespace epicor::testing_support {

// A folder made with mkdtemp(), removed with its content on destruction.
class TemporaryFolder {
public:
    TemporaryFolder() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "epicor-token-store-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = pattern;
    }
    ~TemporaryFolder() {
        std::error_code error;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, error);
        std::filesystem::remove_all(path_, error);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_whole_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

// Tokens with recognizable secret values, so tests can check that no
// message quotes them.
inline OAuthTokens sample_tokens(const std::string& client_id) {
    using std::chrono::milliseconds;
    using std::chrono::system_clock;
    OAuthTokens tokens;
    tokens.access_token = "secret-access-token-value";
    tokens.id_token = "secret-id-token-value";
    tokens.refresh_token = "secret-refresh-token-value";
    tokens.expires_at = system_clock::time_point(milliseconds(1'900'000'000'123));
    tokens.token_type = "Bearer";
    tokens.scope = "openid offline_access api://kinetic/.default";
    tokens.client_id = client_id;
    tokens.tenant = "contoso.onmicrosoft.com";
    tokens.issued_at = system_clock::time_point(milliseconds(1'899'996'400'123));
    return tokens;
}

inline constexpr const char* test_client_id = "11111111-2222-3333-4444-555555555555";
inline constexpr const char* test_client_secret = "secret-client-secret-value";

// Files in `folder` whose names contain ".tmp-", the atomic write's
// temporary files.
inline int count_temporary_files(const std::filesystem::path& folder) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().filename().string().find(".tmp-") != std::string::npos) {
            ++count;
        }
    }
    return count;
}

}  // namespace epicor::testing_support
