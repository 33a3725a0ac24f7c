#include "azure_test_support.hpp"

#include "auth/client_certificate.hpp"
#include "auth/jwt_assertion.hpp"
#include "auth/pkce.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <sys/stat.h>

namespace {

using namespace epicor::azure;
using azure_test::make_certificate;
using azure_test::TempDir;
using azure_test::TestCertificate;

std::string load_error(const CertificateSpec& spec) {
    try {
        load_client_certificate(spec);
    } catch (const epicor::AuthError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no AuthError thrown";
    return {};
}

std::string der_of(X509* cert) {
    const int length = i2d_X509(cert, nullptr);
    std::string der(static_cast<std::size_t>(length), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(cert, &out);
    return der;
}

// Verifies a JWT's signature with the certificate's public key, the way a
// token endpoint does, and returns its header and claims.
std::pair<nlohmann::json, nlohmann::json> verify_jwt(const std::string& jwt, X509* cert,
                                                     bool pss) {
    const auto first = jwt.find('.');
    const auto second = jwt.find('.', first + 1);
    const std::string input = jwt.substr(0, second);
    const std::string signature = base64url_decode(jwt.substr(second + 1));

    EVP_PKEY* key = X509_get_pubkey(cert);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_PKEY_CTX* key_context = nullptr;
    EXPECT_EQ(EVP_DigestVerifyInit(context, &key_context, EVP_sha256(), nullptr, key), 1);
    if (pss) {
        EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST);
    }
    const int verified = EVP_DigestVerify(
        context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
        reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    EXPECT_EQ(verified, 1) << "signature does not verify";

    return {nlohmann::json::parse(base64url_decode(jwt.substr(0, first))),
            nlohmann::json::parse(base64url_decode(jwt.substr(first + 1, second - first - 1)))};
}

class AzureCertificate : public ::testing::Test {
protected:
    TestCertificate cert_ = make_certificate("kinetic-client");
    TempDir dir_;
};

TEST_F(AzureCertificate, PemFileWithKeyAndCertificate) {
    CertificateSpec spec;
    spec.value = dir_.write("client.pem", cert_.key_pem + cert_.certificate_pem);
    const auto loaded = load_client_certificate(spec);
    EXPECT_EQ(loaded->der(), der_of(cert_.certificate.get()));
    EXPECT_EQ(loaded->subject(), "CN=kinetic-client,O=Acme Test");
}

TEST_F(AzureCertificate, PemBlobCertificateFirst) {
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = cert_.certificate_pem + cert_.key_pem;
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(cert_.certificate.get()));
}

TEST_F(AzureCertificate, EncryptedPemNeedsPassword) {
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = azure_test::encrypted_key_pem(cert_, "pem-pass") + cert_.certificate_pem;
    spec.password = "pem-pass";
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(cert_.certificate.get()));

    spec.password = "wrong";
    const std::string message = load_error(spec);
    EXPECT_NE(message.find("OAuthJWTCertPassword"), std::string::npos) << message;
    EXPECT_EQ(message.find("wrong"), std::string::npos) << message;
    spec.password.clear();
    EXPECT_NE(load_error(spec).find("OAuthJWTCertPassword"), std::string::npos);
}

TEST_F(AzureCertificate, PfxFileAndBlob) {
    const std::string pfx = azure_test::make_pfx(cert_, "pfx-pass");
    CertificateSpec spec;
    spec.source = CertificateSource::pfx_file;
    spec.value = dir_.write("client.pfx", pfx);
    spec.password = "pfx-pass";
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(cert_.certificate.get()));

    spec.source = CertificateSource::pfx_blob;
    spec.value = azure_test::standard_base64(pfx);
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(cert_.certificate.get()));
}

TEST_F(AzureCertificate, PfxWrongPassword) {
    CertificateSpec spec;
    spec.source = CertificateSource::pfx_file;
    spec.value = dir_.write("client.pfx", azure_test::make_pfx(cert_, "pfx-pass"));
    spec.password = "not-the-pass";
    const std::string message = load_error(spec);
    EXPECT_NE(message.find("wrong password"), std::string::npos) << message;
    EXPECT_NE(message.find("OAuthJWTCertPassword"), std::string::npos) << message;
    EXPECT_EQ(message.find("not-the-pass"), std::string::npos) << message;
}

TEST_F(AzureCertificate, WrongType) {
    CertificateSpec spec;
    spec.source = CertificateSource::pfx_file;
    spec.value = dir_.write("client.pem", cert_.key_pem + cert_.certificate_pem);
    EXPECT_NE(load_error(spec).find("OAuthJWTCertType"), std::string::npos);

    spec.source = CertificateSource::pem_file;
    spec.value = dir_.write("client.pfx", azure_test::make_pfx(cert_, "x"));
    EXPECT_NE(load_error(spec).find("OAuthJWTCertType"), std::string::npos);

    spec.source = CertificateSource::pfx_blob;
    spec.value = "not base64 at all!";
    EXPECT_NE(load_error(spec).find("base64"), std::string::npos);
}

TEST_F(AzureCertificate, UnreadableFile) {
    CertificateSpec spec;
    spec.value = dir_.file("missing.pem");
    const std::string message = load_error(spec);
    EXPECT_NE(message.find("OAuthJWTCert"), std::string::npos) << message;
    EXPECT_NE(message.find("missing.pem"), std::string::npos) << message;
}

TEST_F(AzureCertificate, KeyNotMatchingCertificate) {
    const TestCertificate other = make_certificate("kinetic-client");
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = other.key_pem + cert_.certificate_pem;
    EXPECT_NE(load_error(spec).find("matches none"), std::string::npos);

    spec.subject = "kinetic-client";
    EXPECT_NE(load_error(spec).find("does not match"), std::string::npos);
}

TEST_F(AzureCertificate, PicksBySubject) {
    const TestCertificate second = make_certificate("second-app", "Other Org");
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = second.key_pem + cert_.certificate_pem + second.certificate_pem;

    spec.subject = "*";  // the certificate that belongs to the key
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(second.certificate.get()));
    spec.subject = "SECOND-APP";
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(second.certificate.get()));
    spec.subject = "CN=second-app, O=Other Org";
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(second.certificate.get()));
    spec.subject = "O=Other Org,CN=second-app";
    EXPECT_EQ(load_client_certificate(spec)->der(), der_of(second.certificate.get()));

    spec.subject = "nobody";
    EXPECT_NE(load_error(spec).find("OAuthJWTCertSubject nobody"), std::string::npos);
}

TEST_F(AzureCertificate, ParsesCertificateTypeNames) {
    EXPECT_EQ(parse_certificate_source("pemkey_file"), CertificateSource::pem_file);
    EXPECT_EQ(parse_certificate_source("PEMKEY_BLOB"), CertificateSource::pem_blob);
    EXPECT_EQ(parse_certificate_source("PFXFILE"), CertificateSource::pfx_file);
    EXPECT_EQ(parse_certificate_source("PfxBlob"), CertificateSource::pfx_blob);
    EXPECT_THROW(parse_certificate_source("USER"), epicor::AuthError);
}

TEST_F(AzureCertificate, Rs256AssertionVerifies) {
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = cert_.key_pem + cert_.certificate_pem;
    const auto loaded = load_client_certificate(spec);
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    const std::string jwt = make_client_assertion(*loaded, JwtAlgorithm::rs256, "client-1",
                                                  "https://login.example/t/oauth2/v2.0/token", now);
    const auto [header, claims] = verify_jwt(jwt, cert_.certificate.get(), false);

    unsigned char digest[SHA_DIGEST_LENGTH];
    const std::string der = der_of(cert_.certificate.get());
    SHA1(reinterpret_cast<const unsigned char*>(der.data()), der.size(), digest);
    EXPECT_EQ(header["alg"], "RS256");
    EXPECT_EQ(header["x5t"],
              base64url_encode(std::string(reinterpret_cast<char*>(digest), sizeof digest)));
    EXPECT_FALSE(header.contains("x5t#S256"));
    EXPECT_EQ(claims["aud"], "https://login.example/t/oauth2/v2.0/token");
    EXPECT_EQ(claims["iss"], "client-1");
    EXPECT_EQ(claims["sub"], "client-1");
    EXPECT_EQ(claims["nbf"], 1'700'000'000);
    EXPECT_EQ(claims["exp"], 1'700'000'600);
    EXPECT_EQ(claims["jti"].get<std::string>().size(), 36u);

    const std::string again = make_client_assertion(*loaded, JwtAlgorithm::rs256, "client-1",
                                                    "https://login.example/t/oauth2/v2.0/token",
                                                    now);
    EXPECT_NE(verify_jwt(again, cert_.certificate.get(), false).second["jti"], claims["jti"]);
}

TEST_F(AzureCertificate, Ps256AssertionVerifies) {
    CertificateSpec spec;
    spec.source = CertificateSource::pfx_blob;
    spec.value = azure_test::standard_base64(azure_test::make_pfx(cert_, "p"));
    spec.password = "p";
    const auto loaded = load_client_certificate(spec);
    const std::string jwt = make_client_assertion(*loaded, JwtAlgorithm::ps256, "client-1",
                                                  "https://aud", std::chrono::system_clock::now());
    const auto [header, claims] = verify_jwt(jwt, cert_.certificate.get(), true);

    unsigned char digest[SHA256_DIGEST_LENGTH];
    const std::string der = der_of(cert_.certificate.get());
    SHA256(reinterpret_cast<const unsigned char*>(der.data()), der.size(), digest);
    EXPECT_EQ(header["alg"], "PS256");
    EXPECT_EQ(header["x5t#S256"],
              base64url_encode(std::string(reinterpret_cast<char*>(digest), sizeof digest)));
    EXPECT_FALSE(header.contains("x5t"));
    EXPECT_EQ(claims["aud"], "https://aud");
}

TEST_F(AzureCertificate, RejectsNonRsaKey) {
    EVP_PKEY* ec = EVP_EC_gen("P-256");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, ec, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    CertificateSpec spec;
    spec.source = CertificateSource::pem_blob;
    spec.value = std::string(data, static_cast<std::size_t>(size)) + cert_.certificate_pem;
    BIO_free(bio);
    EVP_PKEY_free(ec);
    EXPECT_NE(load_error(spec).find("not an RSA key"), std::string::npos);
}

}  // namespace
