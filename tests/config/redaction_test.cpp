// Secrets never appear in to_redacted_string() or in any ConfigError message.

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/property_catalog.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using epicor::ConfigError;
using epicor::ConnectionSettings;
using epicor::PropertyCatalog;
using testing::HasSubstr;
using testing::Not;

// A connection string that sets every sensitive property to a distinct,
// recognisable secret. The JWT certificate and the client secret cannot be
// set together, so the certificate variant is a second string.
struct SecretConnection {
    std::string text;
    std::vector<std::string> secrets;
};

SecretConnection with_every_secret(bool use_certificate) {
    SecretConnection result;
    result.text = "URL=https://h.example;AuthScheme=AzureADOpenID;InitiateOAuth=GETANDREFRESH;OAuthClientId=c;"
                  "ProxyServer=p.example;ProxyUser=pu;";
    for (const auto& info : PropertyCatalog::all()) {
        if (!info.sensitive) {
            continue;
        }
        if ((info.name == "OAuthJWTCert" && !use_certificate) ||
            (info.name == "OAuthClientSecret" && use_certificate)) {
            continue;
        }
        const std::string secret = "S3cr3t-" + info.name + "-;'\"}";
        result.secrets.push_back(secret);
        result.text += info.name + "=" + epicor::ConnectionString::quote_value(secret) + ";";
    }
    return result;
}

TEST(Redaction, CatalogMarksExpectedSecrets) {
    std::vector<std::string> sensitive;
    for (const auto& info : PropertyCatalog::all()) {
        if (info.sensitive) {
            sensitive.push_back(info.name);
        }
    }
    EXPECT_THAT(sensitive, testing::UnorderedElementsAre("Password", "ApiKey", "OAuthClientSecret",
                                                         "OAuthAccessToken", "OAuthRefreshToken", "OAuthVerifier",
                                                         "OAuthJWTCert", "OAuthJWTCertPassword", "ProxyPassword"));
}

TEST(Redaction, RedactedStringHidesEverySecret) {
    for (const bool use_certificate : {false, true}) {
        const auto connection = with_every_secret(use_certificate);
        const auto settings = ConnectionSettings::parse(connection.text);
        const std::string redacted = settings.to_redacted_string();
        for (const auto& secret : connection.secrets) {
            EXPECT_THAT(redacted, Not(HasSubstr(secret)));
            EXPECT_THAT(redacted, Not(HasSubstr("S3cr3t")));
        }
        EXPECT_THAT(redacted, HasSubstr("ProxyPassword=********"));
        EXPECT_THAT(redacted, HasSubstr("OAuthClientId=c"));

        // The full form keeps them, and reads back to the same settings.
        const std::string full = settings.to_string();
        for (const auto& secret : connection.secrets) {
            EXPECT_THAT(full, HasSubstr(epicor::ConnectionString::quote_value(secret)));
        }
        EXPECT_EQ(ConnectionSettings::parse(full), settings);
    }
}

TEST(Redaction, ErrorsAboutSecretsDoNotEchoThem) {
    const std::string secret = "hunter2-secret";
    const std::vector<std::string> texts = {
        // Invalid values of sensitive properties.
        "URL=https://h;User=u;Password=\"" + secret + "\n\"",
        "URL=https://h;User=u;Password=p;ApiKey=\"" + secret + "\x01\"",
        // A secret with an unquoted ';' splits into an unknown "property".
        "URL=https://h;User=u;Password=abc;" + secret + "=x",
        "URL=https://h;User=u;Password=abc;" + secret,
        // A URL carrying credentials.
        "URL=https://u:" + secret + "@h;User=u;Password=p",
        // Conflicts and missing values around secrets.
        "URL=https://h;AuthScheme=AzureADOpenID;InitiateOAuth=GETANDREFRESH;OAuthClientId=c;OAuthClientSecret=" +
            secret + ";OAuthJWTCert=" + secret,
        "URL=https://h;User=u;Password=p;ProxyPassword=" + secret,
        // Syntax errors inside a secret.
        "URL=https://h;User=u;Password=\"" + secret,
        "URL=https://h;User=u;Password={" + secret + "}x",
    };
    for (const auto& text : texts) {
        try {
            ConnectionSettings::parse(text);
            ADD_FAILURE() << "no ConfigError for case " << &text - texts.data();
        } catch (const ConfigError& error) {
            EXPECT_THAT(error.what(), Not(HasSubstr(secret))) << "case " << &text - texts.data();
            for (const auto& problem : error.problems()) {
                EXPECT_THAT(problem.property, Not(HasSubstr(secret)));
                EXPECT_THAT(problem.message, Not(HasSubstr(secret)));
            }
        }
    }
}

TEST(Redaction, SplitSecretGetsQuotingAdvice) {
    try {
        ConnectionSettings::parse("URL=https://h;User=u;Password=abc;def=ghi");
        FAIL() << "no ConfigError";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 1U);
        EXPECT_THAT(error.problems()[0].message,
                    HasSubstr("right after the unquoted value of Password; if that value contains ';'"));
    }
}

}  // namespace
