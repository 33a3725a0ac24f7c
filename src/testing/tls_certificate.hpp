#pragma once

// Certificates for the mock server's HTTPS mode, generated in memory with
// OpenSSL at start-up.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace epicor::testing {

struct X509Deleter {
    void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct EvpPkeyDeleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// A throwaway CA and a server certificate it signed, valid for IP 127.0.0.1,
// IP ::1 and DNS localhost, from one hour ago for 30 days. Keys are ECDSA
// P-256.
struct TlsCertificates {
    EvpPkeyPtr ca_key;
    X509Ptr ca_certificate;
    EvpPkeyPtr server_key;
    X509Ptr server_certificate;
    std::string ca_certificate_pem;
};

// Generates a fresh CA and server certificate. Throws std::runtime_error
// with OpenSSL's error text when a step fails.
TlsCertificates generate_tls_certificates();

// Returns the certificate in PEM form.
std::string to_pem(X509* certificate);

}  // namespace epicor::testing
