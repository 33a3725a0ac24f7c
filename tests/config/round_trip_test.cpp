// ConnectionSettings::to_string() reads back to equal settings.

#include <epicor/connection_settings.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using epicor::ConnectionSettings;

class RoundTripTest : public testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, ParsesBackToEqualSettings) {
    const auto original = ConnectionSettings::parse(GetParam());
    const std::string written = original.to_string();
    const auto reparsed = ConnectionSettings::parse(written);
    EXPECT_EQ(reparsed, original) << written;
    EXPECT_EQ(reparsed.to_string(), written);
}

INSTANTIATE_TEST_SUITE_P(
    ConnectionSettings, RoundTripTest,
    testing::Values(
        "URL=https://h;User=u;Password=p",
        "url=https://acme.epicorsaas.com/;erpinstance=SaaS840;apiversion=V2;company=EPIC06;user=manager;"
        "password=\"p;w=d \";apikey='k''ey';plant={Mfg}}Sys}",
        "URL=https://h;AuthScheme=azureadopenid;InitiateOAuth=refresh;OAuthClientId=c;OAuthJWTCert=\"-----BEGIN "
        "PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\";OAuthJWTCertType=pemkey_blob;OAuthVerifier=code;"
        "Scope=openid offline_access api://kinetic/.default;OAuthExpiresIn=0;OAuthTokenTimestamp=0",
        "URL=https://h;User=u;Password=p;MaxRows=0;MaxLogFileCount=3;MaxLogFileSize=1536;Timeout=0;"
        "ProxyServer=proxy;ProxyUser=pu;ProxyPassword=\" pp \";ProxyExceptions=\"a, b;c\";LicenseType=DataCollection",
        "URL=https://h;User=u;Password=p;LicenseType=\"{0000abcd-0000-0000-0000-000000000001}\";"
        "Other=\"DefaultColumnSize=2000;UseSimpleNames=true\";Readonly=1;SSLInsecureSkipVerify=yes",
        "URL=http://127.0.0.1:8080/Kinetic;User=\"  spaced user  \";Password=\"\"\"\";CallbackURL="
        "http://localhost:5000/cb?x=1;AzureTenant=contoso.onmicrosoft.com;Logfile=/var/log/e p.log"));

TEST(RoundTrip, DefaultsAreLeftOut) {
    const auto settings = ConnectionSettings::parse("URL=https://h;User=u;Password=p;Timeout=60;Pagesize=100");
    EXPECT_EQ(settings.to_string(), "URL=https://h;User=u;Password=p");
    EXPECT_EQ(settings.to_redacted_string(), "URL=https://h;User=u;Password=********");
}

TEST(RoundTrip, WritesCanonicalNamesAndValues) {
    const auto settings = ConnectionSettings::parse(
        "server=https://h;uid=u;pwd=p;authscheme=token;readonly=YES;maxlogfilesize=2048 kb");
    EXPECT_EQ(settings.to_string(),
              "URL=https://h;AuthScheme=Token;User=u;Password=p;MaxLogFileSize=2 MB;Readonly=true");
}

TEST(RoundTrip, EqualityNoticesEveryChange) {
    const auto base = ConnectionSettings::parse("URL=https://h;User=u;Password=p");
    auto changed = base;
    changed.password = "q";
    EXPECT_NE(changed, base);
    changed = base;
    changed.proxy_exceptions.push_back("x");
    EXPECT_NE(changed, base);
    changed = base;
    changed.max_rows = 5;
    EXPECT_NE(changed, base);
}

}  // namespace
