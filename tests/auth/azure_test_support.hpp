#pragma once

// Shared pieces of the Azure AD tests: generated certificates, temporary
// folders, the stand-in with one registered app, and settings that point
// the library at it.

#include <epicor/connection_settings.hpp>
#include <epicor/curl_transport.hpp>
#include <epicor/oauth.hpp>
#include <epicor/testing/azure_ad_stand_in.hpp>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>

namespace azure_test {

inline const std::string kTenant = "contoso";
inline const std::string kClientId = "11111111-2222-3333-4444-555555555555";
inline const std::string kClientSecret = "stand-in-client-secret-Q7x";

/// An RSA key and a self-signed certificate for it, in PEM.
struct TestCertificate {
    std::string key_pem;
    std::string certificate_pem;
    std::shared_ptr<EVP_PKEY> key;
    std::shared_ptr<X509> certificate;
};

inline TestCertificate make_certificate(const std::string& common_name,
                                        const std::string& organization = "Acme Test") {
    TestCertificate out;
    out.key.reset(EVP_RSA_gen(2048), EVP_PKEY_free);
    out.certificate.reset(X509_new(), X509_free);
    X509* cert = out.certificate.get();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24);
    X509_set_pubkey(cert, out.key.get());
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(organization.c_str()), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                               -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, out.key.get(), EVP_sha256());

    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, out.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    out.key_pem.assign(data, static_cast<std::size_t>(size));
    BIO_free(bio);

    bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    size = BIO_get_mem_data(bio, &data);
    out.certificate_pem.assign(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return out;
}

/// The key in PEM, encrypted with AES-256-CBC under `password`.
inline std::string encrypted_key_pem(const TestCertificate& certificate,
                                     const std::string& password) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PKCS8PrivateKey(bio, certificate.key.get(), EVP_aes_256_cbc(), password.data(),
                                  static_cast<int>(password.size()), nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return out;
}

/// Returns a PKCS#12 file (DER) with the key and certificate, protected by
/// `password` with OpenSSL 3's default (AES) algorithms.
inline std::string make_pfx(const TestCertificate& certificate, const std::string& password) {
    PKCS12* p12 = PKCS12_create(password.c_str(), "client", certificate.key.get(),
                                certificate.certificate.get(), nullptr, 0, 0, 0, 0, 0);
    BIO* bio = BIO_new(BIO_s_mem());
    i2d_PKCS12_bio(bio, p12);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    PKCS12_free(p12);
    return out;
}

inline std::string standard_base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(bytes.data()),
                                       static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

/// A folder under the system temp folder, removed with its content.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "epicor-azure-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(file(name), std::ios::binary) << content;
        return file(name);
    }

private:
    std::filesystem::path path_;
};

/// Returns a new memory:// store name on each call, so parallel tests never
/// share a store.
inline std::string unique_memory_location() {
    static std::atomic<int> counter{0};
    return "memory://azure-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
}

/// A clock the test moves by hand.
class TestClock {
public:
    std::chrono::system_clock::time_point now() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::chrono::system_clock::now() + offset_;
    }
    void advance(std::chrono::seconds amount) {
        std::lock_guard<std::mutex> lock(mutex_);
        offset_ += amount;
    }

private:
    mutable std::mutex mutex_;
    std::chrono::seconds offset_{0};
};

/// Splits a query string (without '?') into decoded name/value pairs.
inline std::map<std::string, std::string> parse_query(const std::string& query) {
    std::map<std::string, std::string> values;
    std::size_t start = 0;
    while (start < query.size()) {
        auto end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        const std::string pair = query.substr(start, end - start);
        const auto equals = pair.find('=');
        auto decode = [](const std::string& text) {
            std::string out;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '%' && i + 2 < text.size()) {
                    out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
                    i += 2;
                } else {
                    out.push_back(text[i] == '+' ? ' ' : text[i]);
                }
            }
            return out;
        };
        values[decode(pair.substr(0, equals))] =
            equals == std::string::npos ? "" : decode(pair.substr(equals + 1));
        start = end + 1;
    }
    return values;
}

/// The stand-in with one app (secret and certificate), served on its own
/// port, and settings for InitiateOAuth=REFRESH that point at it.
class AzureStandInTest : public ::testing::Test {
protected:
    void SetUp() override {
        certificate_ = make_certificate("kinetic-client");
        azure_.register_app({kTenant, kClientId, kClientSecret, certificate_.certificate_pem});
        azure_.start();
        transport_ = std::make_shared<epicor::CurlTransport>();
    }

    epicor::ConnectionSettings settings() const {
        epicor::ConnectionSettings settings;
        settings.url = "http://127.0.0.1:9";
        settings.auth_scheme = epicor::AuthScheme::azure_ad_openid;
        settings.azure_tenant = kTenant;
        settings.initiate_oauth = epicor::InitiateOAuth::refresh;
        settings.oauth_client_id = kClientId;
        settings.oauth_client_secret = kClientSecret;
        settings.oauth_settings_location = store_location_;
        settings.callback_url = "http://127.0.0.1:0/callback";
        return settings;
    }

    epicor::AzureAdOptions options() {
        epicor::AzureAdOptions options;
        options.authority = azure_.authority();
        options.clock = [this] { return clock_.now(); };
        return options;
    }

    /// Runs the authorize step the way a browser would and returns the code
    /// from the redirect.
    std::string authorize(const std::string& redirect_uri, const std::string& code_challenge = "") {
        std::string url = azure_.authority() + "/" + kTenant +
                          "/oauth2/v2.0/authorize?client_id=" + kClientId +
                          "&response_type=code&scope=openid%20offline_access&state=s1"
                          "&redirect_uri=" + encode(redirect_uri);
        if (!code_challenge.empty()) {
            url += "&code_challenge=" + code_challenge + "&code_challenge_method=S256";
        }
        epicor::HttpRequest request;
        request.url = url;
        const epicor::HttpResponse response = transport_->send(request);
        EXPECT_EQ(response.status, 302);
        const std::string location = response.headers.get("Location").value_or("");
        return parse_query(location.substr(location.find('?') + 1))["code"];
    }

    static std::string encode(const std::string& text) {
        std::string out;
        const char* hex = "0123456789ABCDEF";
        for (char character : text) {
            const auto c = static_cast<unsigned char>(character);
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
                out.push_back(static_cast<char>(c));
            } else {
                out.push_back('%');
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            }
        }
        return out;
    }

    epicor::testing::AzureAdStandIn azure_;
    TestCertificate certificate_;
    std::shared_ptr<epicor::Transport> transport_;
    TestClock clock_;
    std::string store_location_ = unique_memory_location();
};

}  // namespace azure_test
