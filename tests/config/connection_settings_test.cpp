// ConnectionSettings: typed values, defaults, validation rules and the
// messages of ConfigError.

#include <epicor/connection_settings.hpp>
#include <epicor/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using epicor::ApiVersion;
using epicor::AuthScheme;
using epicor::ConfigError;
using epicor::ConfigProblem;
using epicor::ConnectionSettings;
using epicor::InitiateOAuth;
using epicor::LicenseType;
using epicor::OAuthBearerToken;
using epicor::OAuthJwtCertType;
using testing::HasSubstr;

// A valid Basic connection that tests extend with more properties.
const std::string kBase = "URL=https://acme.example;User=manager;Password=pw;";

std::vector<ConfigProblem> problems_of(const std::string& text) {
    try {
        ConnectionSettings::parse(text);
    } catch (const ConfigError& error) {
        return error.problems();
    }
    ADD_FAILURE() << "no ConfigError for: " << text;
    return {};
}

// Returns the one problem parsing `text` reports, or fails the test.
ConfigProblem single_problem_of(const std::string& text) {
    const auto problems = problems_of(text);
    EXPECT_EQ(problems.size(), 1U) << text;
    return problems.empty() ? ConfigProblem{} : problems.front();
}

TEST(ConnectionSettings, DefaultsMatchCatalog) {
    const auto settings = ConnectionSettings::parse(kBase);
    EXPECT_EQ(settings.api_version, ApiVersion::v1);
    EXPECT_EQ(settings.auth_scheme, AuthScheme::basic);
    EXPECT_EQ(settings.initiate_oauth, InitiateOAuth::off);
    EXPECT_EQ(settings.timeout, std::chrono::seconds(60));
    EXPECT_EQ(settings.connect_timeout, std::chrono::seconds(30));
    EXPECT_EQ(settings.retry_timeout, std::chrono::seconds(120));
    EXPECT_EQ(settings.max_retries, 3);
    EXPECT_EQ(settings.pagesize, 100);
    EXPECT_FALSE(settings.max_rows.has_value());
    EXPECT_EQ(settings.verbosity, 1);
    EXPECT_EQ(settings.max_log_file_size, 100 * 1024 * 1024);
    EXPECT_FALSE(settings.max_log_file_count.has_value());
    EXPECT_EQ(settings.callback_url, "http://localhost:33333");
    EXPECT_EQ(settings.oauth_jwt_cert_subject, "*");
    EXPECT_EQ(settings.oauth_settings_location, "OAuthSettings.txt");
    EXPECT_EQ(settings.oauth_bearer_token, OAuthBearerToken::id_token);
    EXPECT_EQ(settings.azure_tenant, "common");
    EXPECT_EQ(settings.proxy_port, 80);
    EXPECT_FALSE(settings.license_type.has_value());
    EXPECT_FALSE(settings.ssl_insecure_skip_verify);
    EXPECT_FALSE(settings.allow_insecure_http);
    EXPECT_FALSE(settings.readonly);
    EXPECT_EQ(settings, ConnectionSettings::parse(kBase));
}

TEST(ConnectionSettings, ReadsEveryTypedValue) {
    const auto settings = ConnectionSettings::parse(
        "URL=https://acme.epicorsaas.com/;ERPInstance=SaaS840;Service=Erp.BO.CustomerSvc;ApiKey=k;"
        "ApiVersion=V2;Company=EPIC06;Plant=MfgSys;LicenseType=webservice;AuthScheme=token;"
        "User=manager;Password=pw;Timeout=0;ConnectTimeout=5;MaxRetries=10;RetryTimeout=600;"
        "Pagesize=10000;MaxRows=5000;Verbosity=5;MaxLogFileSize=10 mb;MaxLogFileCount=7;"
        "Logfile=/tmp/epicor.log;Readonly=yes;SSLInsecureSkipVerify=on;ProxyServer=proxy.local;"
        "ProxyPort=3128;ProxyUser=pu;ProxyPassword=pp;ProxyExceptions=\"a.local; b.local,c.local\";"
        "OAuthBearerToken=accesstoken;OAuthJWTCertType=pfxblob;OAuthExpiresIn=3599;"
        "OAuthTokenTimestamp=1700000000000;Other=\"A=1;B=2\"");

    EXPECT_EQ(settings.url, "https://acme.epicorsaas.com/");
    EXPECT_EQ(settings.base_url(), "https://acme.epicorsaas.com/SaaS840");
    EXPECT_EQ(settings.service, "Erp.BO.CustomerSvc");
    EXPECT_EQ(settings.api_version, ApiVersion::v2);
    EXPECT_EQ(settings.company, "EPIC06");
    EXPECT_EQ(settings.plant, "MfgSys");
    EXPECT_EQ(settings.license_type, LicenseType::web_service);
    EXPECT_EQ(settings.license_guid, "00000003-9439-4B30-A6F4-6D2FD4B9FD0F");
    EXPECT_EQ(settings.auth_scheme, AuthScheme::token);
    EXPECT_EQ(settings.timeout, std::chrono::seconds(0));
    EXPECT_EQ(settings.connect_timeout, std::chrono::seconds(5));
    EXPECT_EQ(settings.max_retries, 10);
    EXPECT_EQ(settings.retry_timeout, std::chrono::seconds(600));
    EXPECT_EQ(settings.pagesize, 10000);
    EXPECT_EQ(settings.max_rows, 5000);
    EXPECT_EQ(settings.verbosity, 5);
    EXPECT_EQ(settings.max_log_file_size, 10 * 1024 * 1024);
    EXPECT_EQ(settings.max_log_file_count, 7);
    EXPECT_EQ(settings.logfile, "/tmp/epicor.log");
    EXPECT_TRUE(settings.readonly);
    EXPECT_TRUE(settings.ssl_insecure_skip_verify);
    EXPECT_EQ(settings.proxy_port, 3128);
    EXPECT_EQ(settings.proxy_exceptions, (std::vector<std::string>{"a.local", "b.local", "c.local"}));
    EXPECT_EQ(settings.oauth_bearer_token, OAuthBearerToken::access_token);
    EXPECT_EQ(settings.oauth_jwt_cert_type, OAuthJwtCertType::pfx_blob);
    EXPECT_EQ(settings.oauth_expires_in, std::chrono::seconds(3599));
    EXPECT_EQ(settings.oauth_token_timestamp_ms, 1700000000000);
    EXPECT_EQ(settings.other, "A=1;B=2");
}

TEST(ConnectionSettings, AliasesMapToCanonicalMembers) {
    const auto settings =
        ConnectionSettings::parse("Server=https://h.example;Instance=Kinetic;UID=u;PWD=p;Site=S1;Tenant=contoso");
    EXPECT_EQ(settings.url, "https://h.example");
    EXPECT_EQ(settings.erp_instance, "Kinetic");
    EXPECT_EQ(settings.user, "u");
    EXPECT_EQ(settings.password, "p");
    EXPECT_EQ(settings.plant, "S1");
    EXPECT_EQ(settings.azure_tenant, "contoso");
}

TEST(ConnectionSettings, EmptyValueKeepsDefault) {
    const auto settings = ConnectionSettings::parse(kBase + "Timeout=;Pagesize=;AzureTenant=");
    EXPECT_EQ(settings.timeout, std::chrono::seconds(60));
    EXPECT_EQ(settings.pagesize, 100);
    EXPECT_EQ(settings.azure_tenant, "common");
}

TEST(ConnectionSettings, BooleanSpellings) {
    for (const char* yes : {"true", "TRUE", "yes", "on", "1"}) {
        EXPECT_TRUE(ConnectionSettings::parse(kBase + "Readonly=" + yes).readonly) << yes;
    }
    for (const char* no : {"false", "No", "OFF", "0"}) {
        EXPECT_FALSE(ConnectionSettings::parse(kBase + "Readonly=" + no).readonly) << no;
    }
    EXPECT_THAT(single_problem_of(kBase + "Readonly=maybe").message, HasSubstr("expected true or false"));
}

TEST(ConnectionSettings, LimitsOfMinusOneOrZeroMeanUnlimited) {
    EXPECT_FALSE(ConnectionSettings::parse(kBase + "MaxRows=-1").max_rows.has_value());
    EXPECT_FALSE(ConnectionSettings::parse(kBase + "MaxRows=0").max_rows.has_value());
    EXPECT_FALSE(ConnectionSettings::parse(kBase + "MaxLogFileCount=0").max_log_file_count.has_value());
    EXPECT_THAT(single_problem_of(kBase + "MaxRows=-2").message, HasSubstr("-1 or 0 means no limit"));
}

TEST(ConnectionSettings, LicenseGuidIsAccepted) {
    const auto custom = ConnectionSettings::parse(kBase + "LicenseType=\"{0000abcd-0000-0000-0000-000000000001}\"");
    EXPECT_EQ(custom.license_type, LicenseType::custom);
    EXPECT_EQ(custom.license_guid, "0000ABCD-0000-0000-0000-000000000001");

    const auto known = ConnectionSettings::parse(kBase + "LicenseType=00000003-b8eb-40c4-8897-248cb30c5d47");
    EXPECT_EQ(known.license_type, LicenseType::data_collection);

    EXPECT_THAT(single_problem_of(kBase + "LicenseType=Gold").message,
                HasSubstr("expected Default, WebService, WebServiceShared, DataCollection, or a license GUID"));
}

struct InvalidValueCase {
    const char* label;
    std::string text;
    std::string property;
    std::string fragment;
};

class InvalidValueTest : public testing::TestWithParam<InvalidValueCase> {};

TEST_P(InvalidValueTest, NamesPropertyAndAllowedValues) {
    const auto& param = GetParam();
    const auto problem = single_problem_of(param.text);
    EXPECT_EQ(problem.property, param.property);
    EXPECT_THAT(problem.message, HasSubstr(param.fragment));
}

INSTANTIATE_TEST_SUITE_P(
    ConnectionSettings, InvalidValueTest,
    testing::Values(
        InvalidValueCase{"api_version", kBase + "ApiVersion=v3", "ApiVersion",
                         "invalid value \"v3\"; expected one of v1, v2"},
        InvalidValueCase{"auth_scheme", kBase + "AuthScheme=ApiKey", "AuthScheme",
                         "expected one of Basic, Token, AzureADOpenID"},
        InvalidValueCase{"initiate_oauth", kBase + "InitiateOAuth=ON", "InitiateOAuth",
                         "expected one of OFF, GETANDREFRESH, REFRESH"},
        InvalidValueCase{"pagesize_zero", kBase + "Pagesize=0", "Pagesize",
                         "expected a whole number from 1 to 10000 (the value is out of range)"},
        InvalidValueCase{"pagesize_text", kBase + "Pagesize=ten", "Pagesize", "expected a whole number"},
        InvalidValueCase{"pagesize_overflow", kBase + "Pagesize=99999999999999999999999", "Pagesize",
                         "out of range"},
        InvalidValueCase{"verbosity", kBase + "Verbosity=6", "Verbosity", "from 1 to 5"},
        InvalidValueCase{"max_retries", kBase + "MaxRetries=11", "MaxRetries", "from 0 to 10"},
        InvalidValueCase{"timeout_negative", kBase + "Timeout=-1", "Timeout", "from 0 to 86400 seconds"},
        InvalidValueCase{"timeout_with_unit", kBase + "Timeout=30s", "Timeout", "seconds"},
        InvalidValueCase{"connect_timeout_zero", kBase + "ConnectTimeout=0", "ConnectTimeout", "from 1 to"},
        InvalidValueCase{"proxy_port", kBase + "ProxyPort=70000", "ProxyPort", "from 1 to 65535"},
        InvalidValueCase{"log_size", kBase + "MaxLogFileSize=lots", "MaxLogFileSize", "KB, MB or GB suffix"},
        InvalidValueCase{"jwt_cert_type", kBase + "OAuthJWTCertType=USER", "OAuthJWTCertType",
                         "PEMKEY_FILE, PEMKEY_BLOB, PFXFILE, PFXBLOB"},
        InvalidValueCase{"jwt_algorithm", kBase + "OAuthJWTAlgorithm=HS256", "OAuthJWTAlgorithm",
                         "expected one of RS256, PS256"},
        InvalidValueCase{"authority_plain_http", kBase + "AzureADAuthority=http://login.example",
                         "AzureADAuthority", "over https://"},
        InvalidValueCase{"authority_query", kBase + "AzureADAuthority=https://login.example/?a=1",
                         "AzureADAuthority", "contains a query"},
        InvalidValueCase{"authority_relative", kBase + "AzureADAuthority=login.example",
                         "AzureADAuthority", "public cloud is https://login.microsoftonline.com"},
        InvalidValueCase{"url_scheme", "URL=ftp://h;User=u;Password=p", "URL", "http:// or https://"},
        InvalidValueCase{"url_relative", "URL=acme.example;User=u;Password=p", "URL", "absolute URL"},
        InvalidValueCase{"url_query", "URL=https://h/?company=EPIC06;User=u;Password=p", "URL",
                         "contains a query"},
        InvalidValueCase{"url_fragment", "URL=https://h/#x;User=u;Password=p", "URL", "fragment"},
        InvalidValueCase{"url_no_host", "URL=https:///SaaS;User=u;Password=p", "URL", "no host"},
        InvalidValueCase{"url_bad_port", "URL=https://h:99999;User=u;Password=p", "URL", "port"},
        InvalidValueCase{"url_space", "URL=https://h/a b;User=u;Password=p", "URL", "%20"},
        InvalidValueCase{"callback_url", kBase + "CallbackURL=localhost:33333", "CallbackURL",
                         "e.g. http://localhost:33333"},
        InvalidValueCase{"control_character", kBase + "Company=\"EP\nIC\"", "Company",
                         "control character at offset 2"},
        InvalidValueCase{"insecure_http", "URL=http://erp.example;User=u;Password=p", "URL",
                         "AllowInsecureHttp=true"},
        InvalidValueCase{"v2_without_company", kBase + "ApiVersion=v2", "Company", "ApiVersion=v2 needs"},
        InvalidValueCase{"basic_without_password", "URL=https://h;User=u", "Password",
                         "AuthScheme=Basic needs User and Password"},
        InvalidValueCase{"token_without_user", "URL=https://h;AuthScheme=Token;Password=p", "User",
                         "AuthScheme=Token needs"},
        InvalidValueCase{"azure_refresh_without_client", "URL=https://h;AuthScheme=AzureADOpenID;"
                                                         "InitiateOAuth=REFRESH;OAuthClientSecret=s",
                         "OAuthClientId", "needs the application (client) ID"},
        InvalidValueCase{"azure_without_secret_or_cert", "URL=https://h;AuthScheme=AzureADOpenID;"
                                                         "InitiateOAuth=GETANDREFRESH;OAuthClientId=c",
                         "OAuthClientSecret", "needs OAuthClientSecret or OAuthJWTCert"},
        InvalidValueCase{"azure_secret_and_cert", "URL=https://h;AuthScheme=AzureADOpenID;InitiateOAuth="
                                                  "GETANDREFRESH;OAuthClientId=c;OAuthClientSecret=s;"
                                                  "OAuthJWTCert=/k.pem",
                         "OAuthClientSecret", "not both"},
        InvalidValueCase{"azure_off_without_token", "URL=https://h;AuthScheme=AzureADOpenID", "OAuthAccessToken",
                         "set OAuthAccessToken"},
        InvalidValueCase{"proxy_user_without_server", kBase + "ProxyUser=u", "ProxyUser", "without ProxyServer"},
        InvalidValueCase{"set_twice_by_alias", kBase + "UID=other", "User", "set twice, as User and UID"}),
    [](const testing::TestParamInfo<InvalidValueCase>& test_case) { return std::string(test_case.param.label); });

TEST(ConnectionSettings, AcceptsValidSignInCombinations) {
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=https://h;AuthScheme=AzureADOpenID;OAuthAccessToken=t"));
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=https://h;AuthScheme=AzureADOpenID;OAuthClientId=c"));
    EXPECT_NO_THROW(ConnectionSettings::parse(
        "URL=https://h;AuthScheme=AzureADOpenID;InitiateOAuth=GETANDREFRESH;OAuthClientId=c;OAuthClientSecret=s"));
    EXPECT_NO_THROW(ConnectionSettings::parse(
        "URL=https://h;AuthScheme=AzureADOpenID;InitiateOAuth=REFRESH;OAuthClientId=c;OAuthJWTCert=/k.pem;"
        "OAuthVerifier=code"));
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=https://h;AuthScheme=Token;User=u;Password=p;ApiVersion=v2;"
                                              "Company=EPIC06"));
}

TEST(ConnectionSettings, AzureAdAuthorityAndAlgorithm) {
    EXPECT_EQ(ConnectionSettings::parse(kBase).azure_ad_authority, "https://login.microsoftonline.com");
    EXPECT_EQ(ConnectionSettings::parse(kBase).oauth_jwt_algorithm, epicor::OAuthJwtAlgorithm::rs256);
    for (const char* authority : {"https://login.microsoftonline.us", "https://login.chinacloudapi.cn/",
                                  "http://127.0.0.1:41234", "http://localhost:8080"}) {
        const auto settings = ConnectionSettings::parse(kBase + "AzureADAuthority=" + authority);
        EXPECT_EQ(settings.azure_ad_authority, authority);
    }
    const auto ps256 = ConnectionSettings::parse(kBase + "OAuthJWTAlgorithm=ps256");
    EXPECT_EQ(ps256.oauth_jwt_algorithm, epicor::OAuthJwtAlgorithm::ps256);
    EXPECT_THAT(ps256.to_string(), HasSubstr("OAuthJWTAlgorithm=PS256"));
    EXPECT_EQ(epicor::to_string(epicor::OAuthJwtAlgorithm::rs256), "RS256");
}

TEST(ConnectionSettings, PlainHttpToLoopbackOrOptIn) {
    for (const char* url : {"http://localhost:8080", "http://127.0.0.1:1/Kinetic", "http://[::1]:9",
                            "http://LOCALHOST", "http://api.localhost"}) {
        EXPECT_NO_THROW(ConnectionSettings::parse(std::string("URL=") + url + ";User=u;Password=p")) << url;
    }
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=http://erp.example;User=u;Password=p;AllowInsecureHttp=true"));
    EXPECT_EQ(single_problem_of("URL=http://127.0.0.1.evil.example;User=u;Password=p").property, "URL");
}

TEST(ConnectionSettings, UrlWithUserInfoIsNotEchoed) {
    const auto problem = single_problem_of("URL=https://bob:s3cr3t@h.example;User=u;Password=p");
    EXPECT_EQ(problem.property, "URL");
    EXPECT_THAT(problem.message, HasSubstr("user information"));
    EXPECT_THAT(problem.message, testing::Not(HasSubstr("s3cr3t")));
}

TEST(ConnectionSettings, UnknownNameSuggestsNearest) {
    struct Case {
        std::string written;
        std::string suggestion;
    };
    const std::vector<Case> cases = {{"Passwrod", "Password"},     {"usr", "User"},
                                     {"Compnay", "Company"},       {"AuthSchema", "AuthScheme"},
                                     {"OAuthClientID2", "OAuthClientId"}, {"pagesiz", "Pagesize"},
                                     {"ApiVerison", "ApiVersion"}};
    for (const auto& c : cases) {
        const auto problem = single_problem_of(c.written + "=x;" + kBase);
        EXPECT_EQ(problem.property, c.written);
        EXPECT_THAT(problem.message, HasSubstr("unknown property; did you mean " + c.suggestion + "?"));
    }
}

TEST(ConnectionSettings, UnknownNameAfterSecretNotEchoed) {
    const auto problem = single_problem_of(kBase + "Compnay=x");
    EXPECT_EQ(problem.property, "connection string");
    EXPECT_THAT(problem.message, HasSubstr("right after the unquoted value of Password; if that value contains ';', "
                                             "enclose it in braces {...} or quotes, otherwise did you mean "
                                             "Company?"));
    EXPECT_THAT(problem.message, testing::Not(HasSubstr("Compnay")));
}

TEST(ConnectionSettings, UnknownNameWithoutNearMatch) {
    const auto problem = single_problem_of("Frobnicate=1;" + kBase);
    EXPECT_EQ(problem.property, "Frobnicate");
    EXPECT_THAT(problem.message, HasSubstr("docs/connection-properties.md lists the known properties"));
}

TEST(ConnectionSettings, OneErrorListsEveryProblem) {
    try {
        ConnectionSettings::parse("URL=ftp://h;ApiVersion=v2;Pagesize=0;Verbosity=9;Passwrod=x;Readonly=perhaps");
        FAIL() << "no ConfigError";
    } catch (const ConfigError& error) {
        std::vector<std::string> properties;
        for (const auto& problem : error.problems()) {
            properties.push_back(problem.property);
        }
        EXPECT_THAT(properties, testing::UnorderedElementsAre("URL", "Pagesize", "Verbosity", "Passwrod", "Readonly",
                                                              "Company", "User", "Password"));
        const std::string message = error.what();
        EXPECT_THAT(message, HasSubstr("Pagesize: invalid value \"0\""));
        EXPECT_THAT(message, HasSubstr("Passwrod: unknown property; did you mean Password?"));
    }
}

TEST(ConnectionSettings, TenThousandUnknownNamesGiveOneError) {
    std::string text = kBase;
    for (int i = 0; i < 10'000; ++i) {
        text += "Custom" + std::to_string(i) + "=v;";
    }
    EXPECT_EQ(problems_of(text).size(), 10'000U);
}

TEST(ConnectionSettings, OneMegabyteValueIsKept) {
    const std::string big(1024 * 1024, 'o');
    const auto settings = ConnectionSettings::parse(kBase + "Other=" + big);
    EXPECT_EQ(settings.other, big);
}

TEST(ConnectionSettings, ErpInstanceRejectsPathCharacters) {
    for (const std::string instance : {"../../etc", "..", ".", "/../", "Live/Test", "Live\\Test", "/",
                                       " / ", "Kin\x01etic"}) {
        const auto problem = single_problem_of(kBase + "ERPInstance=" + instance);
        EXPECT_EQ(problem.property, "ERPInstance") << instance;
    }
}

TEST(ConnectionSettings, ErpInstanceIsPercentEncoded) {
    EXPECT_EQ(ConnectionSettings::parse(kBase + "ERPInstance=Kinetic Mock").base_url(),
              "https://acme.example/Kinetic%20Mock");
    EXPECT_EQ(ConnectionSettings::parse(kBase + "ERPInstance=Live%2F?x#y").base_url(),
              "https://acme.example/Live%252F%3Fx%23y");
    EXPECT_EQ(ConnectionSettings::parse(kBase + "ERPInstance=/SaaS840/").base_url(),
              "https://acme.example/SaaS840");
    EXPECT_EQ(ConnectionSettings::parse(kBase + "ERPInstance=Kinetic Mock").erp_instance, "Kinetic Mock");
}

TEST(ConnectionSettings, UpperCaseSchemeAccepted) {
    EXPECT_EQ(ConnectionSettings::parse("URL=HTTP://127.0.0.1:8080;User=u;Password=p").url,
              "http://127.0.0.1:8080");
    EXPECT_EQ(ConnectionSettings::parse("URL=HttpS://Acme.Example/;User=u;Password=p").base_url(),
              "https://Acme.Example");
}

TEST(ConnectionSettings, LoopbackNameWithTrailingDot) {
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=http://localhost.:8080;User=u;Password=p"));
    EXPECT_NO_THROW(ConnectionSettings::parse("URL=http://LOCALHOST.;User=u;Password=p"));
    EXPECT_EQ(single_problem_of("URL=http://erp.example.;User=u;Password=p").property, "URL");
}

TEST(ConnectionSettings, BaseUrlJoinsWithOneSlash) {
    auto settings = ConnectionSettings::parse(kBase);
    EXPECT_EQ(settings.base_url(), "https://acme.example");
    settings.url = "https://acme.example//";
    settings.erp_instance = "/SaaS840/";
    EXPECT_EQ(settings.base_url(), "https://acme.example/SaaS840");
}

}  // namespace
