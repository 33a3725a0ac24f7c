#include "auth/client_certificate.hpp"

#include <epicor/error.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace epicor::azure {
namespace {

struct BioDeleter {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct Pkcs12Deleter {
    void operator()(PKCS12* p12) const noexcept { PKCS12_free(p12); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using KeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using CertPtr = std::unique_ptr<X509, X509Deleter>;

constexpr const char* kProperty = "OAuthJWTCert";

std::string lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

// Lowercases a distinguished name and drops the spaces around ',', '+' and
// '=', so "CN=App, O=Acme" and "cn=app,o=acme" compare equal.
std::string normalize_name(std::string_view name) {
    std::string out;
    for (char c : lower(name)) {
        if (c == ' ' && !out.empty() &&
            (out.back() == ',' || out.back() == '=' || out.back() == '+')) {
            continue;
        }
        if ((c == ',' || c == '=' || c == '+') && !out.empty() && out.back() == ' ') {
            while (!out.empty() && out.back() == ' ') {
                out.pop_back();
            }
        }
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

BioPtr memory_bio(std::string_view bytes) {
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    if (!bio) {
        throw AuthError("OpenSSL could not allocate a buffer for OAuthJWTCert");
    }
    return bio;
}

std::string name_text(const X509_NAME* name, unsigned long flags) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        return {};
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string common_name(const X509_NAME* name) {
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0) {
        return {};
    }
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) {
        return {};
    }
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return out;
}

bool subject_matches(X509* cert, std::string_view expected) {
    const X509_NAME* name = X509_get_subject_name(cert);
    const std::string normalized = normalize_name(expected);
    if (normalized == normalize_name(common_name(name))) {
        return true;
    }
    // RFC 2253 lists the most specific component first; also accept the
    // order in which the certificate stores them.
    return normalized == normalize_name(name_text(name, XN_FLAG_RFC2253)) ||
           normalized == normalize_name(name_text(name, XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV));
}

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw AuthError(std::string("cannot read the certificate file given in ") + kProperty +
                        ": " + path + " (" + std::strerror(errno) +
                        "); check the path and its permissions");
    }
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

std::string decode_standard_base64(std::string_view text) {
    std::string compact;
    for (char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c))) {
            compact.push_back(c);
        }
    }
    if (compact.empty() || compact.size() % 4 != 0) {
        throw AuthError(std::string(kProperty) +
                        " with OAuthJWTCertType=PFXBLOB must be base64-encoded PKCS#12 data");
    }
    std::string out(compact.size() / 4 * 3, '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(compact.data()),
                                       static_cast<int>(compact.size()));
    if (length < 0) {
        throw AuthError(std::string(kProperty) +
                        " with OAuthJWTCertType=PFXBLOB must be base64-encoded PKCS#12 data");
    }
    std::size_t padding = 0;
    for (auto it = compact.rbegin(); it != compact.rend() && *it == '='; ++it) {
        ++padding;
    }
    out.resize(static_cast<std::size_t>(length) - padding);
    return out;
}

int pem_password_callback(char* buffer, int size, int /*rwflag*/, void* user_data) {
    const auto* password = static_cast<const std::string*>(user_data);
    if (password->empty() || password->size() > static_cast<std::size_t>(size)) {
        return -1;
    }
    std::memcpy(buffer, password->data(), password->size());
    return static_cast<int>(password->size());
}

struct LoadedMaterial {
    KeyPtr key;
    std::vector<CertPtr> certificates;
};

LoadedMaterial read_pem(std::string_view pem, const std::string& password) {
    LoadedMaterial material;
    auto key_bio = memory_bio(pem);
    material.key.reset(PEM_read_bio_PrivateKey(
        key_bio.get(), nullptr, pem_password_callback, const_cast<std::string*>(&password)));
    ERR_clear_error();
    if (!material.key) {
        if (pem.find("ENCRYPTED") != std::string_view::npos) {
            throw AuthError(std::string("cannot decrypt the private key in ") + kProperty +
                            "; check OAuthJWTCertPassword");
        }
        throw AuthError(std::string("no PEM private key found in ") + kProperty +
                        "; it must contain a private key and a certificate, or set "
                        "OAuthJWTCertType to PFXFILE or PFXBLOB for PKCS#12 data");
    }

    auto cert_bio = memory_bio(pem);
    while (X509* cert = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr)) {
        material.certificates.emplace_back(cert);
    }
    ERR_clear_error();
    return material;
}

LoadedMaterial read_pkcs12(std::string_view der, const std::string& password) {
    auto bio = memory_bio(der);
    std::unique_ptr<PKCS12, Pkcs12Deleter> p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12) {
        ERR_clear_error();
        throw AuthError(std::string(kProperty) +
                        " is not PKCS#12 (PFX) data; check OAuthJWTCertType (PEMKEY_FILE or "
                        "PEMKEY_BLOB for PEM text)");
    }

    // OpenSSL treats an empty password and no password differently, and a PFX
    // exported without a password usually uses one of the two, so both are tried.
    const char* pass = password.c_str();
    const int pass_length = static_cast<int>(password.size());
    if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), pass, pass_length)) {
        if (!password.empty() || !PKCS12_verify_mac(p12.get(), nullptr, 0)) {
            ERR_clear_error();
            throw AuthError(std::string("wrong password for the PKCS#12 data in ") + kProperty +
                            "; check OAuthJWTCertPassword");
        }
        pass = nullptr;
    }

    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    if (!PKCS12_parse(p12.get(), pass, &key, &cert, &chain)) {
        ERR_clear_error();
        throw AuthError(std::string("cannot read the key and certificate from the PKCS#12 data "
                                    "in ") + kProperty +
                        "; check OAuthJWTCertPassword. A PFX protected with legacy RC2 "
                        "encryption needs re-export with AES");
    }

    LoadedMaterial material;
    material.key.reset(key);
    if (cert != nullptr) {
        material.certificates.emplace_back(cert);
    }
    if (chain != nullptr) {
        while (X509* extra = sk_X509_shift(chain)) {
            material.certificates.emplace_back(extra);
        }
        sk_X509_free(chain);
    }
    if (!material.key) {
        throw AuthError(std::string("the PKCS#12 data in ") + kProperty +
                        " contains no private key; export it with its private key");
    }
    return material;
}

CertPtr pick_certificate(LoadedMaterial& material, const std::string& subject) {
    if (material.certificates.empty()) {
        throw AuthError(std::string("no certificate found in ") + kProperty +
                        "; it must contain the certificate registered with the Azure AD app");
    }

    const bool any = subject.empty() || subject == "*";
    for (auto& cert : material.certificates) {
        if (any && X509_check_private_key(cert.get(), material.key.get()) == 1) {
            return std::move(cert);
        }
        if (!any && subject_matches(cert.get(), subject)) {
            if (X509_check_private_key(cert.get(), material.key.get()) != 1) {
                ERR_clear_error();
                throw AuthError(std::string("the private key in ") + kProperty +
                                " does not match the certificate with subject " + subject +
                                "; supply the key that belongs to that certificate");
            }
            return std::move(cert);
        }
    }
    ERR_clear_error();
    if (any) {
        throw AuthError(std::string("the private key in ") + kProperty +
                        " matches none of its certificates; supply the key that belongs to "
                        "the registered certificate");
    }
    throw AuthError("no certificate in " + std::string(kProperty) +
                    " matches OAuthJWTCertSubject " + subject +
                    "; give the certificate's CN, its full subject, or * for the first");
}

}  // namespace

CertificateSource parse_certificate_source(std::string_view text) {
    const std::string value = lower(text);
    if (value == "pemkey_file") return CertificateSource::pem_file;
    if (value == "pemkey_blob") return CertificateSource::pem_blob;
    if (value == "pfxfile") return CertificateSource::pfx_file;
    if (value == "pfxblob") return CertificateSource::pfx_blob;
    throw AuthError("unsupported OAuthJWTCertType " + std::string(text) +
                    "; use PEMKEY_FILE, PEMKEY_BLOB, PFXFILE or PFXBLOB");
}

ClientCertificate::ClientCertificate(KeyPtr key, CertPtr certificate)
    : key_(std::move(key)), certificate_(std::move(certificate)) {
    const int length = i2d_X509(certificate_.get(), nullptr);
    if (length <= 0) {
        throw AuthError(std::string("cannot encode the certificate from ") + kProperty);
    }
    der_.resize(static_cast<std::size_t>(length));
    auto* out = reinterpret_cast<unsigned char*>(der_.data());
    i2d_X509(certificate_.get(), &out);
    subject_ = name_text(X509_get_subject_name(certificate_.get()), XN_FLAG_RFC2253);
}

std::shared_ptr<const ClientCertificate> load_client_certificate(const CertificateSpec& spec) {
    if (spec.value.empty()) {
        throw AuthError(std::string(kProperty) + " is empty; give the certificate path or data");
    }

    LoadedMaterial material;
    switch (spec.source) {
    case CertificateSource::pem_file:
        material = read_pem(read_file(spec.value), spec.password);
        break;
    case CertificateSource::pem_blob:
        material = read_pem(spec.value, spec.password);
        break;
    case CertificateSource::pfx_file:
        material = read_pkcs12(read_file(spec.value), spec.password);
        break;
    case CertificateSource::pfx_blob:
        material = read_pkcs12(decode_standard_base64(spec.value), spec.password);
        break;
    }

    if (EVP_PKEY_is_a(material.key.get(), "RSA") != 1) {
        throw AuthError(std::string("the private key in ") + kProperty +
                        " is not an RSA key; Azure AD client assertions need RSA (RS256 or "
                        "PS256)");
    }
    CertPtr cert = pick_certificate(material, spec.subject);
    return std::make_shared<const ClientCertificate>(std::move(material.key), std::move(cert));
}

}  // namespace epicor::azure
