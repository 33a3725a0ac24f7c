#include "test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

namespace epicor::test {
namespace {

struct KeyDeleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct CertificateDeleter {
    void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct ExtensionDeleter {
    void operator()(X509_EXTENSION* extension) const noexcept { X509_EXTENSION_free(extension); }
};
struct FileDeleter {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

void check(bool ok, const char* step) {
    if (!ok) {
        throw std::runtime_error(std::string("OpenSSL failed to ") + step);
    }
}

void add_extension(X509* certificate, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ExtensionDeleter> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    check(extension != nullptr, "build a certificate extension");
    check(X509_add_ext(certificate, extension.get(), -1) == 1, "add a certificate extension");
}

std::unique_ptr<std::FILE, FileDeleter> open_for_writing(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, FileDeleter> file(std::fopen(path.c_str(), "wb"));
    check(file != nullptr, "open a PEM file for writing");
    return file;
}

}  // namespace

TestCertificate make_test_certificate(const std::filesystem::path& directory) {
    std::unique_ptr<EVP_PKEY, KeyDeleter> key(EVP_EC_gen("P-256"));
    check(key != nullptr, "generate a P-256 key");

    std::unique_ptr<X509, CertificateDeleter> certificate(X509_new());
    check(certificate != nullptr, "allocate a certificate");
    check(X509_set_version(certificate.get(), 2) == 1, "set the certificate version");
    std::random_device random;
    check(ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), static_cast<long>(random() & 0x7fffffff)) == 1,
          "set the serial number");
    check(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) != nullptr, "set notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 86400) != nullptr, "set notAfter");
    check(X509_set_pubkey(certificate.get(), key.get()) == 1, "set the public key");

    X509_NAME* name = X509_get_subject_name(certificate.get());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0) == 1,
          "set the common name");
    check(X509_set_issuer_name(certificate.get(), name) == 1, "set the issuer");
    add_extension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(certificate.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    add_extension(certificate.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "sign the certificate");

    TestCertificate result;
    result.certificate_file = directory / "server-cert.pem";
    result.private_key_file = directory / "server-key.pem";
    {
        auto file = open_for_writing(result.certificate_file);
        check(PEM_write_X509(file.get(), certificate.get()) == 1, "write the certificate");
    }
    {
        auto file = open_for_writing(result.private_key_file);
        check(PEM_write_PrivateKey(file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
              "write the private key");
    }
    std::ifstream input(result.certificate_file);
    std::ostringstream text;
    text << input.rdbuf();
    result.certificate_pem = text.str();
    return result;
}

TempDirectory::TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "epicor-http-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    path_ = pattern;
}

TempDirectory::~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace epicor::test
