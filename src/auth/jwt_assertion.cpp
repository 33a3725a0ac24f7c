#include "auth/jwt_assertion.hpp"

#include "auth/pkce.hpp"

#include <epicor/error.hpp>

#include <nlohmann/json.hpp>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <array>
#include <memory>

namespace epicor::azure {
namespace {

struct MdContextDeleter {
    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

std::string as_text(const unsigned char* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

std::string sign(EVP_PKEY* key, JwtAlgorithm algorithm, std::string_view input) {
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* key_context = nullptr;
    bool ok = context &&
              EVP_DigestSignInit(context.get(), &key_context, EVP_sha256(), nullptr, key) == 1;
    if (ok && algorithm == JwtAlgorithm::ps256) {
        // RFC 7518 section 3.5: MGF1 with SHA-256 and a salt as long as the hash.
        ok = EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST) == 1 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(key_context, EVP_sha256()) == 1;
    }

    std::size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    ok = ok && EVP_DigestSign(context.get(), nullptr, &size, data, input.size()) == 1;
    std::string signature(size, '\0');
    ok = ok && EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()),
                              &size, data, input.size()) == 1;
    if (!ok) {
        ERR_clear_error();
        throw AuthError("signing the client assertion with the OAuthJWTCert key failed; check "
                        "that the key is a valid RSA key of at least 2048 bits");
    }
    signature.resize(size);
    return signature;
}

}  // namespace

std::string thumbprint_sha1(std::string_view der) {
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char*>(der.data()), der.size(), digest.data());
    return base64url_encode(as_text(digest.data(), digest.size()));
}

std::string thumbprint_sha256(std::string_view der) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(der.data()), der.size(), digest.data());
    return base64url_encode(as_text(digest.data(), digest.size()));
}

std::string make_client_assertion(const ClientCertificate& certificate, JwtAlgorithm algorithm,
                                  std::string_view client_id, std::string_view token_url,
                                  std::chrono::system_clock::time_point now) {
    nlohmann::json header = {{"typ", "JWT"}};
    if (algorithm == JwtAlgorithm::rs256) {
        header["alg"] = "RS256";
        header["x5t"] = thumbprint_sha1(certificate.der());
    } else {
        header["alg"] = "PS256";
        header["x5t#S256"] = thumbprint_sha256(certificate.der());
    }

    const auto issued = std::chrono::duration_cast<std::chrono::seconds>(
                            now.time_since_epoch()).count();
    const auto expires = issued + std::chrono::seconds(kAssertionLifetime).count();
    const nlohmann::json claims = {
        {"aud", token_url}, {"iss", client_id}, {"sub", client_id},
        {"jti", random_uuid()}, {"nbf", issued}, {"iat", issued}, {"exp", expires}};

    const std::string signing_input =
        base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
    return signing_input + "." +
           base64url_encode(sign(certificate.key(), algorithm, signing_input));
}

}  // namespace epicor::azure
