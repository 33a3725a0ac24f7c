// The property catalog: coverage, consistent entries, lookups, suggestions.

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>
#include <epicor/property_catalog.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using epicor::ConnectionSettings;
using epicor::PropertyCatalog;
using epicor::PropertyType;

TEST(PropertyCatalog, CoversEveryKnownProperty) {
    const std::vector<std::string> expected = {
        "URL", "ERPInstance", "Service", "ApiKey", "ApiVersion", "Company", "Plant", "LicenseType",
        "AuthScheme", "User", "Password", "AzureTenant", "AzureADAuthority", "InitiateOAuth", "OAuthClientId",
        "OAuthClientSecret",
        "OAuthAccessToken", "OAuthRefreshToken", "OAuthVerifier", "OAuthSettingsLocation", "CallbackURL", "Scope",
        "OAuthExpiresIn", "OAuthTokenTimestamp", "OAuthBearerToken", "OAuthJWTCert", "OAuthJWTCertType",
        "OAuthJWTCertPassword", "OAuthJWTCertSubject", "OAuthJWTAlgorithm", "SSLServerCert", "SSLInsecureSkipVerify",
        "AllowInsecureHttp", "ProxyServer", "ProxyPort", "ProxyUser", "ProxyPassword", "ProxyExceptions",
        "Timeout", "ConnectTimeout", "MaxRetries", "RetryTimeout", "Logfile", "Verbosity", "MaxLogFileSize",
        "MaxLogFileCount", "Pagesize", "MaxRows", "MaxResponseSize", "Other", "Readonly"};
    std::vector<std::string> actual;
    for (const auto& info : PropertyCatalog::all()) {
        actual.push_back(info.name);
    }
    EXPECT_THAT(actual, testing::UnorderedElementsAreArray(expected));
}

TEST(PropertyCatalog, EntriesAreConsistent) {
    std::set<std::string> names;
    for (const auto& info : PropertyCatalog::all()) {
        SCOPED_TRACE(info.name);
        EXPECT_FALSE(info.group.empty());
        EXPECT_FALSE(info.help.empty());
        EXPECT_TRUE(names.insert(info.name).second) << "duplicate name";
        EXPECT_EQ(PropertyCatalog::find(info.name), &info);
        for (const auto& alias : info.aliases) {
            EXPECT_EQ(PropertyCatalog::find(alias), &info) << alias;
        }
        if (info.type == PropertyType::enumeration) {
            EXPECT_FALSE(info.allowed_values.empty());
        } else {
            EXPECT_TRUE(info.allowed_values.empty());
        }
        if (info.type == PropertyType::integer || info.type == PropertyType::seconds ||
            info.type == PropertyType::byte_size) {
            EXPECT_LT(info.min_value, info.max_value);
        }
        if (info.sensitive) {
            EXPECT_TRUE(info.default_value.empty()) << "a secret has no default";
        }
    }
}

TEST(PropertyCatalog, DefaultsAreValidValues) {
    // Writing each default explicitly must parse and change nothing.
    const std::string base = "URL=https://h;User=u;Password=p;";
    const auto plain = ConnectionSettings::parse(base);
    for (const auto& info : PropertyCatalog::all()) {
        if (info.default_value.empty()) {
            continue;
        }
        SCOPED_TRACE(info.name);
        const auto text = base + info.name + "=" + epicor::ConnectionString::quote_value(info.default_value);
        EXPECT_EQ(ConnectionSettings::parse(text), plain);
    }
}

TEST(PropertyCatalog, EveryPropertyHasSettingsMember) {
    // Each property set to a valid non-default value must show in to_string().
    const std::string base = "URL=https://h;User=u;Password=p;";
    for (const auto& info : PropertyCatalog::all()) {
        SCOPED_TRACE(info.name);
        std::string value = "value";
        switch (info.type) {
        case PropertyType::enumeration: value = info.allowed_values.back(); break;
        case PropertyType::integer:
        case PropertyType::seconds: value = std::to_string(info.min_value + 2); break;
        case PropertyType::boolean: value = "true"; break;
        case PropertyType::byte_size: value = "1 GB"; break;
        case PropertyType::url: value = "https://other.example"; break;
        default: break;
        }
        std::string extra;
        if (info.name == "ProxyUser" || info.name == "ProxyPassword") {
            extra = "ProxyServer=p;ProxyUser=pu;";
        }
        if (info.name == "AuthScheme") {
            extra = "OAuthAccessToken=t;";
        }
        if (info.name == "ApiVersion") {
            extra = "Company=C;";
        }
        const auto settings = ConnectionSettings::parse(base + extra + info.name + "=" + value);
        EXPECT_THAT(settings.to_string(), testing::HasSubstr(info.name + "="));
    }
}

TEST(PropertyCatalog, FindIgnoresCaseAndSpaces) {
    ASSERT_NE(PropertyCatalog::find("  oauthclientid "), nullptr);
    EXPECT_EQ(PropertyCatalog::find("  oauthclientid ")->name, "OAuthClientId");
    EXPECT_EQ(PropertyCatalog::find("pwd")->name, "Password");
    EXPECT_EQ(PropertyCatalog::find("NoSuchProperty"), nullptr);
}

TEST(PropertyCatalog, SuggestsOnlyCloseNames) {
    EXPECT_EQ(PropertyCatalog::suggest("Passwrod"), "Password");
    EXPECT_EQ(PropertyCatalog::suggest("ERPInstanse"), "ERPInstance");
    EXPECT_EQ(PropertyCatalog::suggest("OAuthJWTCertPasword"), "OAuthJWTCertPassword");
    EXPECT_EQ(PropertyCatalog::suggest("Xyzzy"), std::nullopt);
    EXPECT_EQ(PropertyCatalog::suggest(std::string(1000, 'a')), std::nullopt);
    EXPECT_EQ(PropertyCatalog::suggest(""), std::nullopt);
}

}  // namespace
