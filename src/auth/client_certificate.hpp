#pragma once

// The certificate and private key an app registration authenticates with
// (OAuthJWTCert and its companion properties), loaded with OpenSSL 3.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace epicor::azure {

/// Form of the OAuthJWTCert value (OAuthJWTCertType).
enum class CertificateSource {
    pem_file,  ///< PEMKEY_FILE: path of a PEM file with the private key and certificate.
    pem_blob,  ///< PEMKEY_BLOB: the PEM text itself.
    pfx_file,  ///< PFXFILE: path of a PKCS#12 file.
    pfx_blob,  ///< PFXBLOB: the PKCS#12 bytes, base64-encoded.
};

/// Parses an OAuthJWTCertType value (case-insensitive). Throws AuthError
/// naming the property for any other value.
CertificateSource parse_certificate_source(std::string_view text);

struct PkeyDeleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct X509Deleter {
    void operator()(X509* cert) const noexcept { X509_free(cert); }
};

/// A certificate with its RSA private key. Immutable after loading, so one
/// instance serves any number of threads.
class ClientCertificate {
public:
    ClientCertificate(std::unique_ptr<EVP_PKEY, PkeyDeleter> key,
                      std::unique_ptr<X509, X509Deleter> certificate);

    EVP_PKEY* key() const noexcept { return key_.get(); }
    X509* certificate() const noexcept { return certificate_.get(); }

    /// The certificate in DER form.
    const std::string& der() const noexcept { return der_; }
    /// The subject in RFC 2253 form, e.g. "CN=kinetic-client,O=Acme".
    const std::string& subject() const noexcept { return subject_; }

private:
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key_;
    std::unique_ptr<X509, X509Deleter> certificate_;
    std::string der_;
    std::string subject_;
};

/// Source and protection of the client certificate.
struct CertificateSpec {
    std::string value;  ///< OAuthJWTCert: a path, PEM text or base64 PKCS#12.
    CertificateSource source = CertificateSource::pem_file;
    std::string password;       ///< OAuthJWTCertPassword; may be empty.
    std::string subject = "*";  ///< OAuthJWTCertSubject: "*", a CN or a full subject.
};

/// Loads the key and the certificate picked by `spec.subject`. "*" takes the
/// first certificate that matches the key. Any other value is compared,
/// ignoring case, with each certificate's CN and with its whole subject.
/// Throws AuthError naming the property when the file cannot be read, the
/// content is not of the stated type, the password is wrong, no certificate
/// matches the subject, the key does not match the certificate, or the key
/// is not RSA. Messages never contain the password or key material.
std::shared_ptr<const ClientCertificate> load_client_certificate(const CertificateSpec& spec);

}  // namespace epicor::azure
