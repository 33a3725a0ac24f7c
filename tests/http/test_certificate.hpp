#pragma once

// A self-signed certificate for 127.0.0.1 and localhost, generated with
// OpenSSL for each test run and written as PEM files into a temp directory.

#include <filesystem>
#include <string>

namespace epicor::test {

struct TestCertificate {
    std::filesystem::path certificate_file;  ///< PEM certificate (its own CA).
    std::filesystem::path private_key_file;  ///< PEM private key, unencrypted.
    std::string certificate_pem;             ///< Text of certificate_file.
};

/// Generates a P-256 key and a self-signed certificate with CA:TRUE and
/// subjectAltName IP:127.0.0.1, DNS:localhost, valid from an hour ago for a
/// day, and writes both into `directory`. Throws std::runtime_error when
/// OpenSSL fails.
TestCertificate make_test_certificate(const std::filesystem::path& directory);

/// Creates a fresh, uniquely named directory under the system temp
/// directory and removes it with its contents when destroyed.
class TempDirectory {
public:
    TempDirectory();
    ~TempDirectory();
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace epicor::test
