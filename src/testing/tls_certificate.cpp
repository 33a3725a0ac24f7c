#include "testing/tls_certificate.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace epicor::testing {
namespace {

[[noreturn]] void throw_openssl_error(const std::string& step) {
    char text[256] = {};
    const unsigned long code = ERR_get_error();
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    throw std::runtime_error("mock server TLS setup failed while " + step + ": " + text);
}

EvpPkeyPtr generate_key() {
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) {
        throw_openssl_error("generating a P-256 key");
    }
    return key;
}

void set_random_serial(X509* certificate) {
    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
    if (!serial || BN_rand(serial.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) == nullptr) {
        throw_openssl_error("setting a certificate serial number");
    }
}

void set_common_name(X509_NAME* name, const char* common_name) {
    const auto* organization = reinterpret_cast<const unsigned char*>("epicor mock server");
    const auto* cn = reinterpret_cast<const unsigned char*>(common_name);
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, organization, -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1) {
        throw_openssl_error("setting a certificate name");
    }
}

void add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (extension == nullptr) {
        throw_openssl_error(std::string("building extension ") + OBJ_nid2sn(nid));
    }
    const int added = X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
    if (added != 1) {
        throw_openssl_error(std::string("adding extension ") + OBJ_nid2sn(nid));
    }
}

X509Ptr make_certificate(EVP_PKEY* subject_key, const char* common_name) {
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1) {
        throw_openssl_error("creating a certificate");
    }
    set_random_serial(certificate.get());
    constexpr long one_hour = 60L * 60L;
    constexpr long thirty_days = 30L * 24L * one_hour;
    if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -one_hour) == nullptr ||
        X509_gmtime_adj(X509_getm_notAfter(certificate.get()), thirty_days) == nullptr ||
        X509_set_pubkey(certificate.get(), subject_key) != 1) {
        throw_openssl_error("setting the validity period and public key");
    }
    set_common_name(X509_get_subject_name(certificate.get()), common_name);
    return certificate;
}

void sign(X509* certificate, EVP_PKEY* issuer_key) {
    if (X509_sign(certificate, issuer_key, EVP_sha256()) == 0) {
        throw_openssl_error("signing a certificate");
    }
}

}  // namespace

std::string to_pem(X509* certificate) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
        throw_openssl_error("writing a certificate as PEM");
    }
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

TlsCertificates generate_tls_certificates() {
    TlsCertificates result;

    result.ca_key = generate_key();
    result.ca_certificate = make_certificate(result.ca_key.get(), "epicor mock server test CA");
    X509* ca = result.ca_certificate.get();
    if (X509_set_issuer_name(ca, X509_get_subject_name(ca)) != 1) {
        throw_openssl_error("setting the CA issuer name");
    }
    add_extension(ca, ca, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca, ca, NID_subject_key_identifier, "hash");
    sign(ca, result.ca_key.get());

    result.server_key = generate_key();
    result.server_certificate = make_certificate(result.server_key.get(), "127.0.0.1");
    X509* server = result.server_certificate.get();
    if (X509_set_issuer_name(server, X509_get_subject_name(ca)) != 1) {
        throw_openssl_error("setting the server certificate issuer name");
    }
    add_extension(server, ca, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(server, ca, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_extension(server, ca, NID_ext_key_usage, "serverAuth");
    add_extension(server, ca, NID_subject_key_identifier, "hash");
    add_extension(server, ca, NID_authority_key_identifier, "keyid:always");
    add_extension(server, ca, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
    sign(server, result.ca_key.get());

    result.ca_certificate_pem = to_pem(ca);
    return result;
}

}  // namespace epicor::testing
