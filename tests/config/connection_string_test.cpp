// The connection-string grammar: quoting, trimming, repeated names, and
// syntax errors with their positions.

#include <epicor/connection_string.hpp>
#include <epicor/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using epicor::ConfigError;
using epicor::ConnectionString;
using epicor::ValueQuoting;
using testing::HasSubstr;

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pairs_of(const ConnectionString& parsed) {
    Pairs result;
    for (const auto& entry : parsed.entries()) {
        result.emplace_back(entry.name, entry.value);
    }
    return result;
}

// Returns the message of the ConfigError that parsing `text` throws, or
// fails the test when it does not throw.
std::string syntax_error_of(const std::string& text) {
    try {
        ConnectionString::parse(text);
    } catch (const ConfigError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no ConfigError for: " << text;
    return {};
}

struct GrammarCase {
    const char* label;
    std::string text;
    Pairs expected;
};

class GrammarTest : public testing::TestWithParam<GrammarCase> {};

TEST_P(GrammarTest, ParsesPairs) {
    const auto& param = GetParam();
    EXPECT_EQ(pairs_of(ConnectionString::parse(param.text)), param.expected) << param.text;
}

INSTANTIATE_TEST_SUITE_P(
    ConnectionString, GrammarTest,
    testing::Values(
        GrammarCase{"empty", "", {}},
        GrammarCase{"only_separators", " ; ;; ", {}},
        GrammarCase{"one_pair", "User=manager", {{"User", "manager"}}},
        GrammarCase{"trailing_separator", "User=manager;", {{"User", "manager"}}},
        GrammarCase{"empty_segments", ";;User=a;;Company=EPIC06;;", {{"User", "a"}, {"Company", "EPIC06"}}},
        GrammarCase{"trimmed_name_and_value", "  User  =  manager  ; Company\t=\tEPIC06 ",
                    {{"User", "manager"}, {"Company", "EPIC06"}}},
        GrammarCase{"inner_spaces_kept", "Scope=openid offline_access", {{"Scope", "openid offline_access"}}},
        GrammarCase{"empty_value", "Plant=;User=a", {{"Plant", ""}, {"User", "a"}}},
        GrammarCase{"equals_in_unquoted_value", "ApiKey=abc==", {{"ApiKey", "abc=="}}},
        GrammarCase{"double_quotes", "Password=\"a;b=c\"", {{"Password", "a;b=c"}}},
        GrammarCase{"double_quotes_keep_spaces", "Password=\"  x  \"", {{"Password", "  x  "}}},
        GrammarCase{"doubled_double_quote", "Password=\"say \"\"hi\"\"\"", {{"Password", "say \"hi\""}}},
        GrammarCase{"single_quotes", "Password='a;b'", {{"Password", "a;b"}}},
        GrammarCase{"doubled_single_quote", "Password='it''s'", {{"Password", "it's"}}},
        GrammarCase{"other_quote_inside", "Password='say \"hi\"'", {{"Password", "say \"hi\""}}},
        GrammarCase{"braces", "Password={a;b=c}", {{"Password", "a;b=c"}}},
        GrammarCase{"doubled_closing_brace", "Password={a}}b}", {{"Password", "a}b"}}},
        GrammarCase{"opening_brace_inside", "Password={a{b}", {{"Password", "a{b"}}},
        GrammarCase{"empty_quoted", "Password=\"\";User=''", {{"Password", ""}, {"User", ""}}},
        GrammarCase{"space_around_quoted", "Password = \"x\" ; User=a", {{"Password", "x"}, {"User", "a"}}},
        GrammarCase{"quote_not_leading_is_literal", "Password=ab\"c", {{"Password", "ab\"c"}}},
        GrammarCase{"repeated_name_keeps_last", "User=a;Company=C;user=b",
                    {{"user", "b"}, {"Company", "C"}}},
        GrammarCase{"newlines_between_pairs", "User=a;\nCompany=C;\r\n", {{"User", "a"}, {"Company", "C"}}},
        GrammarCase{"utf8_value", "Company=\xE6\x9D\xB1\xE4\xBA\xAC", {{"Company", "\xE6\x9D\xB1\xE4\xBA\xAC"}}},
        GrammarCase{"name_with_space", "User ID=a", {{"User ID", "a"}}}),
    [](const testing::TestParamInfo<GrammarCase>& test_case) { return std::string(test_case.param.label); });

TEST(ConnectionString, NamesAreCaseInsensitive) {
    const auto parsed = ConnectionString::parse("PassWord=x;COMPANY=EPIC06");
    EXPECT_EQ(parsed.get("password"), "x");
    EXPECT_EQ(parsed.get("  Company "), "EPIC06");
    EXPECT_TRUE(parsed.contains("company"));
    EXPECT_FALSE(parsed.get("User").has_value());
}

TEST(ConnectionString, RecordsQuotingAndPosition) {
    const auto parsed = ConnectionString::parse("A=1; B=\"2\";C='3';D={4}");
    ASSERT_EQ(parsed.size(), 4U);
    EXPECT_EQ(parsed.entries()[0].quoting, ValueQuoting::none);
    EXPECT_EQ(parsed.entries()[1].quoting, ValueQuoting::double_quotes);
    EXPECT_EQ(parsed.entries()[2].quoting, ValueQuoting::single_quotes);
    EXPECT_EQ(parsed.entries()[3].quoting, ValueQuoting::braces);
    EXPECT_EQ(parsed.entries()[1].position, 5U);
}

struct SyntaxCase {
    const char* label;
    std::string text;
    std::string expected_fragment;
};

class SyntaxErrorTest : public testing::TestWithParam<SyntaxCase> {};

TEST_P(SyntaxErrorTest, NamesPositionAndFix) {
    const auto& param = GetParam();
    EXPECT_THAT(syntax_error_of(param.text), HasSubstr(param.expected_fragment));
}

INSTANTIATE_TEST_SUITE_P(
    ConnectionString, SyntaxErrorTest,
    testing::Values(
        SyntaxCase{"unclosed_double_quote", "User=a;Password=\"abc", "starting at position 16 has no closing \""},
        SyntaxCase{"unclosed_single_quote", "Password='abc''", "has no closing '"},
        SyntaxCase{"unclosed_brace", "Password={abc}}", "has no closing }"},
        SyntaxCase{"text_after_quote", "Password=\"abc\"def;User=a", "unexpected text at position 14"},
        SyntaxCase{"equals_without_name", "User=a;=b", "'=' without a name at position 7"},
        SyntaxCase{"blank_name", "User=a;   =b", "'=' without a name at position 10"},
        SyntaxCase{"name_without_equals", "User=a;Company", "text without '=' at position 7"},
        SyntaxCase{"name_without_equals_then_more", "Company;User=a", "text without '=' at position 0"},
        SyntaxCase{"control_in_name", std::string("Us\x01r=a"), "control character in a property name at position 2"},
        SyntaxCase{"nul_in_name", std::string("Us\0r=a", 6), "control character in a property name at position 2"},
        SyntaxCase{"invalid_utf8", "Company=\xC3\x28", "invalid UTF-8 at byte position 8"},
        SyntaxCase{"overlong_utf8", "Company=\xC0\xAF", "invalid UTF-8 at byte position 8"},
        SyntaxCase{"surrogate_utf8", "Company=ab\xED\xA0\x80", "invalid UTF-8 at byte position 10"},
        SyntaxCase{"truncated_utf8", "Company=\xE6\x9D", "invalid UTF-8 at byte position 8"},
        SyntaxCase{"above_unicode_range", "Company=\xF4\x90\x80\x80", "invalid UTF-8 at byte position 8"}),
    [](const testing::TestParamInfo<SyntaxCase>& test_case) { return std::string(test_case.param.label); });

TEST(ConnectionString, ReportsEverySyntaxProblem) {
    try {
        ConnectionString::parse("=a;Company;User=b;Plant=\"x\"y");
        FAIL() << "no ConfigError";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 3U);
        EXPECT_THAT(error.problems()[0].message, HasSubstr("'=' without a name"));
        EXPECT_THAT(error.problems()[1].message, HasSubstr("text without '='"));
        EXPECT_THAT(error.problems()[2].message, HasSubstr("unexpected text"));
        EXPECT_EQ(error.problems()[2].property, "Plant");
    }
}

TEST(ConnectionString, SyntaxErrorsNeverEchoValues) {
    const std::string secret = "Sup3rS3cret";
    const std::vector<std::string> texts = {
        "Password=\"" + secret,
        "Password={" + secret,
        "Password='" + secret + "'" + secret,
        "User=a;" + secret,
        "User=a;" + secret + "\x01=b",
    };
    for (const auto& text : texts) {
        EXPECT_THAT(syntax_error_of(text), testing::Not(HasSubstr(secret))) << text;
    }
}

TEST(ConnectionString, ParsesOneMegabyteValue) {
    const std::string big(1024 * 1024, 'x');
    const auto unquoted = ConnectionString::parse("Other=" + big + ";User=a");
    EXPECT_EQ(unquoted.get("Other")->size(), big.size());

    std::string quoted_source = "Other=\"";
    for (int i = 0; i < 512 * 1024; ++i) {
        quoted_source += "\"\"";  // 1 MB of doubled quotes, each one quote
    }
    quoted_source += "\"";
    const auto quoted = ConnectionString::parse(quoted_source);
    EXPECT_EQ(quoted.get("Other"), std::string(512 * 1024, '"'));

    const auto braced = ConnectionString::parse("Other={" + big + "}");
    EXPECT_EQ(braced.get("Other")->size(), big.size());
}

TEST(ConnectionString, UnclosedQuoteOverOneMegabyteFails) {
    const std::string text = "Other=\"" + std::string(1024 * 1024, ';');
    EXPECT_THAT(syntax_error_of(text), HasSubstr("has no closing"));
}

TEST(ConnectionString, ParsesTenThousandProperties) {
    std::string text;
    for (int i = 0; i < 10'000; ++i) {
        text += "Name" + std::to_string(i) + "=" + std::to_string(i) + ";";
    }
    const auto parsed = ConnectionString::parse(text);
    ASSERT_EQ(parsed.size(), 10'000U);
    EXPECT_EQ(parsed.get("name9999"), "9999");
    EXPECT_EQ(parsed.entries()[1234].name, "Name1234");
}

TEST(ConnectionString, TenThousandRepeatsKeepLast) {
    std::string text;
    for (int i = 0; i < 10'000; ++i) {
        text += "User=" + std::to_string(i) + ";";
    }
    const auto parsed = ConnectionString::parse(text);
    ASSERT_EQ(parsed.size(), 1U);
    EXPECT_EQ(parsed.get("User"), "9999");
}

TEST(ConnectionString, SetReplacesAndAppends) {
    auto parsed = ConnectionString::parse("User=a;Company=C");
    parsed.set("USER", "b");
    parsed.set("Plant", "MfgSys");
    EXPECT_EQ(pairs_of(parsed), (Pairs{{"User", "b"}, {"Company", "C"}, {"Plant", "MfgSys"}}));
    EXPECT_THROW(parsed.set("Bad=Name", "x"), ConfigError);
    EXPECT_THROW(parsed.set("", "x"), ConfigError);
}

TEST(ConnectionString, EraseKeepsLookupConsistent) {
    auto parsed = ConnectionString::parse("A=1;B=2;C=3");
    EXPECT_TRUE(parsed.erase("b"));
    EXPECT_FALSE(parsed.erase("B"));
    EXPECT_EQ(parsed.get("C"), "3");
    EXPECT_EQ(pairs_of(parsed), (Pairs{{"A", "1"}, {"C", "3"}}));
}

TEST(ConnectionString, QuoteValueOnlyWhenNeeded) {
    EXPECT_EQ(ConnectionString::quote_value("plain"), "plain");
    EXPECT_EQ(ConnectionString::quote_value("a=b"), "a=b");
    EXPECT_EQ(ConnectionString::quote_value(""), "");
    EXPECT_EQ(ConnectionString::quote_value("a;b"), "\"a;b\"");
    EXPECT_EQ(ConnectionString::quote_value(" a"), "\" a\"");
    EXPECT_EQ(ConnectionString::quote_value("\"a"), "\"\"\"a\"");
    EXPECT_EQ(ConnectionString::quote_value("{a}"), "\"{a}\"");
    EXPECT_EQ(ConnectionString::quote_value("'a"), "\"'a\"");
}

TEST(ConnectionString, ToStringParsesBack) {
    const std::vector<std::string> values = {"plain", "a;b", " spaced ", "\"quoted\"", "{braced}}", "'", "x=y;z",
                                             "", "\t"};
    ConnectionString original;
    for (std::size_t i = 0; i < values.size(); ++i) {
        original.set("Name" + std::to_string(i), values[i]);
    }
    const auto reparsed = ConnectionString::parse(original.to_string());
    EXPECT_EQ(pairs_of(reparsed), pairs_of(original));
}

TEST(ConnectionString, RedactedStringHidesSecretsAndUnknownNames) {
    const auto parsed = ConnectionString::parse("User=manager;Password=hunter2;Passwrod=hunter3;ApiKey=k3y");
    const std::string redacted = parsed.to_redacted_string();
    EXPECT_EQ(redacted, "User=manager;Password=********;Passwrod=********;ApiKey=********");
}

}  // namespace
