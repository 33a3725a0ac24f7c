#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/odata_query.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace epicor::testing {
namespace {

std::shared_ptr<const EntityType> sample_type() {
    return std::make_shared<const EntityType>(
        "Sample",
        std::vector<Field>{
            {"Company", FieldType::String, false, 8, 0, 0},
            {"Num", FieldType::Int32, false, std::nullopt, 0, 0},
            {"Name", FieldType::String, true, 50, 0, 0},
            {"Amount", FieldType::Decimal, true, std::nullopt, 28, 10},
            {"Ratio", FieldType::Double, true, std::nullopt, 0, 0},
            {"Active", FieldType::Boolean, false, std::nullopt, 0, 0},
            {"Due", FieldType::DateTime, true, std::nullopt, 0, 0},
            {"Changed", FieldType::DateTimeOffset, true, std::nullopt, 0, 0},
            {"Id", FieldType::Guid, true, std::nullopt, 0, 0},
        },
        std::vector<std::string>{"Company", "Num"});
}

Row sample_row() {
    return Row{{"Company", "EPIC06"},
               {"Num", 12},
               {"Name", "O'Brien Ölwerke"},
               {"Amount", "1234.5678901234"},
               {"Ratio", 0.25},
               {"Active", true},
               {"Due", "2025-01-31T00:00:00"},
               {"Changed", "2025-01-31T10:00:00+02:00"},
               {"Id", "6f9619ff-8b86-d011-b42d-00cf4fc964ff"}};
}

Row null_row() {
    return Row{{"Company", "EPIC06"}, {"Num", 13},     {"Name", nullptr}, {"Amount", nullptr}, {"Ratio", nullptr},
               {"Active", false},     {"Due", nullptr}, {"Changed", nullptr}, {"Id", nullptr}};
}

bool matches(const std::string& filter, ODataVersion version = ODataVersion::v2, const Row& row = sample_row()) {
    return Filter::parse(filter, *sample_type(), version).matches(row);
}

std::string error_of(const std::string& filter, ODataVersion version = ODataVersion::v2) {
    try {
        (void)Filter::parse(filter, *sample_type(), version);
    } catch (const QueryError& error) {
        EXPECT_EQ(error.http_status(), 400);
        return error.what();
    }
    ADD_FAILURE() << "no QueryError for: " << filter;
    return {};
}

TEST(FilterTest, ComparisonOperators) {
    EXPECT_TRUE(matches("Num eq 12"));
    EXPECT_FALSE(matches("Num eq 13"));
    EXPECT_TRUE(matches("Num ne 13"));
    EXPECT_FALSE(matches("Num ne 12"));
    EXPECT_TRUE(matches("Num gt 11"));
    EXPECT_FALSE(matches("Num gt 12"));
    EXPECT_TRUE(matches("Num ge 12"));
    EXPECT_FALSE(matches("Num ge 13"));
    EXPECT_TRUE(matches("Num lt 13"));
    EXPECT_FALSE(matches("Num lt 12"));
    EXPECT_TRUE(matches("Num le 12"));
    EXPECT_FALSE(matches("Num le 11"));
    EXPECT_TRUE(matches("12 eq Num"));
}

TEST(FilterTest, LogicalOperatorsAndPrecedence) {
    EXPECT_TRUE(matches("Num eq 12 and Active"));
    EXPECT_FALSE(matches("Num eq 12 and not Active"));
    EXPECT_TRUE(matches("Num eq 1 or Num eq 12"));
    // and binds tighter than or: true or (false and false).
    EXPECT_TRUE(matches("Num eq 12 or Num eq 1 and Num eq 2"));
    EXPECT_FALSE(matches("(Num eq 12 or Num eq 1) and Num eq 2"));
    EXPECT_TRUE(matches("not (Num eq 1)"));
    EXPECT_TRUE(matches("not not Active"));
    EXPECT_TRUE(matches("((((Num eq 12))))"));
}

TEST(FilterTest, StringFunctions) {
    EXPECT_TRUE(matches("startswith(Name,'O''Brien')"));
    EXPECT_FALSE(matches("startswith(Name,'Brien')"));
    EXPECT_TRUE(matches("endswith(Name,'Ölwerke')"));
    EXPECT_TRUE(matches("contains(Name,'Bri')"));
    EXPECT_TRUE(matches("substringof('Bri',Name)", ODataVersion::v1));
    EXPECT_FALSE(matches("substringof('xyz',Name)", ODataVersion::v1));
    EXPECT_TRUE(matches("tolower(Company) eq 'epic06'"));
    EXPECT_TRUE(matches("toupper(Name) eq 'O''BRIEN ÖLWERKE'"));
    EXPECT_TRUE(matches("length(Name) eq 15"));
    EXPECT_TRUE(matches("startswith(Name,'O') eq true"));
}

TEST(FilterTest, StringLiteralEscapes) {
    EXPECT_TRUE(matches("Name eq 'O''Brien Ölwerke'"));
    EXPECT_FALSE(matches("Name eq 'o''brien ölwerke'"));  // Comparison is case-sensitive.
    EXPECT_TRUE(matches("Name gt 'N'"));
    EXPECT_TRUE(matches("Company eq ''", ODataVersion::v2, Row{{"Company", ""}}));
}

TEST(FilterTest, DecimalLiteralsCompareExactly) {
    EXPECT_TRUE(matches("Amount eq 1234.5678901234"));
    EXPECT_TRUE(matches("Amount eq 1234.5678901234M"));
    EXPECT_TRUE(matches("Amount eq 1234.567890123400m"));
    EXPECT_FALSE(matches("Amount eq 1234.5678901235"));
    EXPECT_TRUE(matches("Amount lt 1234.5678901235"));
    EXPECT_TRUE(matches("Amount gt 1234"));
    EXPECT_TRUE(matches("Amount gt -5.5"));
    EXPECT_TRUE(matches("Amount gt 1e3"));
    EXPECT_TRUE(matches("Num eq 12.0"));
    EXPECT_TRUE(matches("Num eq 12L"));
    // 28 significant digits beyond double precision still compare exactly.
    const Row big{{"Amount", "12345678901234567890123456.78"}};
    EXPECT_TRUE(matches("Amount eq 12345678901234567890123456.78", ODataVersion::v2, big));
    EXPECT_FALSE(matches("Amount eq 12345678901234567890123456.79", ODataVersion::v2, big));
    EXPECT_TRUE(matches("Amount gt 12345678901234567890123456.779", ODataVersion::v2, big));
}

TEST(FilterTest, DoubleLiterals) {
    EXPECT_TRUE(matches("Ratio eq 0.25"));
    EXPECT_TRUE(matches("Ratio eq 2.5e-1"));
    EXPECT_TRUE(matches("Ratio lt 0.5d"));
    EXPECT_TRUE(matches("Ratio gt 0"));
}

TEST(FilterTest, DateLiteralsPerVersion) {
    EXPECT_TRUE(matches("Due eq datetime'2025-01-31T00:00:00'", ODataVersion::v1));
    EXPECT_TRUE(matches("Due lt datetime'2025-02-01T00:00:00'", ODataVersion::v1));
    EXPECT_TRUE(matches("Changed eq datetimeoffset'2025-01-31T08:00:00Z'", ODataVersion::v1));
    EXPECT_TRUE(matches("Due eq 2025-01-31T00:00:00Z"));
    EXPECT_TRUE(matches("Due eq 2025-01-31"));
    EXPECT_TRUE(matches("Due ge 2025-01-30T23:59:59.9999999Z"));
    EXPECT_TRUE(matches("Changed eq 2025-01-31T03:00:00-05:00"));
    EXPECT_TRUE(matches("Changed gt 2025-01-31T07:59:59Z"));
}

TEST(FilterTest, GuidLiteralsPerVersion) {
    EXPECT_TRUE(matches("Id eq guid'6F9619FF-8B86-D011-B42D-00CF4FC964FF'", ODataVersion::v1));
    EXPECT_TRUE(matches("Id eq 6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
    EXPECT_FALSE(matches("Id eq 00000000-0000-0000-0000-000000000000"));
    EXPECT_TRUE(matches("Id ne 00000000-0000-0000-0000-000000000000"));
}

TEST(FilterTest, BooleanLiterals) {
    EXPECT_TRUE(matches("Active eq true"));
    EXPECT_FALSE(matches("Active eq false"));
    EXPECT_TRUE(matches("Active ne false"));
    EXPECT_TRUE(matches("Active"));
}

TEST(FilterTest, NullSemantics) {
    EXPECT_TRUE(matches("Name eq null", ODataVersion::v2, null_row()));
    EXPECT_FALSE(matches("Name ne null", ODataVersion::v2, null_row()));
    EXPECT_TRUE(matches("Name ne null"));
    EXPECT_FALSE(matches("Amount gt 0", ODataVersion::v2, null_row()));
    EXPECT_FALSE(matches("Amount le 0", ODataVersion::v2, null_row()));
    EXPECT_TRUE(matches("Due eq null", ODataVersion::v2, null_row()));
    EXPECT_FALSE(matches("Due lt 2025-01-01", ODataVersion::v2, null_row()));
    // An unknown comparison stays unknown under not, so the row is excluded.
    EXPECT_FALSE(matches("not startswith(Name,'x')", ODataVersion::v2, null_row()));
    EXPECT_TRUE(matches("Amount eq null or Num eq 13", ODataVersion::v2, null_row()));
}

TEST(FilterTest, FieldNamesAreCaseSensitive) {
    EXPECT_NE(error_of("num eq 12").find("unknown field 'num'"), std::string::npos);
    EXPECT_NE(error_of("NUM eq 12").find("case-sensitive"), std::string::npos);
}

TEST(FilterTest, MalformedFiltersRaiseQueryError) {
    EXPECT_NE(error_of("Nope eq 1").find("unknown field 'Nope'"), std::string::npos);
    EXPECT_NE(error_of("(Num eq 12").find("unbalanced parenthesis"), std::string::npos);
    EXPECT_NE(error_of("Num eq 12)").find("unbalanced parenthesis"), std::string::npos);
    EXPECT_NE(error_of("Num eq 12 Name").find("position 11"), std::string::npos);
    EXPECT_NE(error_of("Num eq").find("ends where"), std::string::npos);
    EXPECT_NE(error_of("Name eq 'open").find("no closing quote"), std::string::npos);
    EXPECT_NE(error_of("Name eq 5").find("cannot compare a String with a integer"), std::string::npos);
    EXPECT_NE(error_of("Num eq 'x'").find("cannot compare"), std::string::npos);
    EXPECT_NE(error_of("Num").find("must be a Boolean condition"), std::string::npos);
    EXPECT_NE(error_of("Num eq 1 and Name").find("must be a Boolean condition"), std::string::npos);
    EXPECT_NE(error_of("Num add 1 eq 2").find("arithmetic operator"), std::string::npos);
    EXPECT_NE(error_of("Num eq 12abc").find("invalid number"), std::string::npos);
    EXPECT_NE(error_of("Num eq 99999999999999999999").find("Int64 range"), std::string::npos);
    EXPECT_NE(error_of("Due eq 2025-13-01").find("invalid date"), std::string::npos);
    EXPECT_NE(error_of("Id eq guid'xyz'", ODataVersion::v1).find("invalid GUID"), std::string::npos);
    EXPECT_NE(error_of("Num eq X'AB'").find("unknown literal prefix"), std::string::npos);
    EXPECT_NE(error_of("Num eq 1 # 2").find("unexpected character"), std::string::npos);
    EXPECT_NE(error_of("frobnicate(Name)").find("unknown function"), std::string::npos);
    EXPECT_NE(error_of("startswith(Name)").find("takes 2 arguments"), std::string::npos);
    EXPECT_NE(error_of("startswith(Num,'1')").find("String arguments"), std::string::npos);
    EXPECT_NE(error_of("startswith(Name,'a'").find("never closed"), std::string::npos);
    EXPECT_NE(error_of("Active gt true").find("only eq and ne"), std::string::npos);
    EXPECT_NE(error_of("OrderDtls/any(d: d/OrderLine eq 1)").find("not supported"), std::string::npos);
    EXPECT_NE(error_of("").find("empty"), std::string::npos);
    EXPECT_NE(error_of("   ").find("empty"), std::string::npos);
}

TEST(FilterTest, VersionSpecificSyntaxIsRejected) {
    EXPECT_NE(error_of("substringof('a',Name)", ODataVersion::v2).find("in v2 write contains"), std::string::npos);
    EXPECT_NE(error_of("contains(Name,'a')", ODataVersion::v1).find("in v1 write substringof"), std::string::npos);
    EXPECT_NE(error_of("Due eq 2025-01-31T00:00:00", ODataVersion::v1).find("datetime'"), std::string::npos);
    EXPECT_NE(error_of("Due eq datetime'2025-01-31T00:00:00'", ODataVersion::v2).find("without the datetime prefix"),
              std::string::npos);
    EXPECT_NE(error_of("Id eq 6f9619ff-8b86-d011-b42d-00cf4fc964ff", ODataVersion::v1).find("guid'"),
              std::string::npos);
    EXPECT_NE(error_of("Id eq guid'6f9619ff-8b86-d011-b42d-00cf4fc964ff'", ODataVersion::v2).find("without the guid prefix"),
              std::string::npos);
}

TEST(FilterTest, DeepNestingIsRejected) {
    const std::string parentheses = std::string(10000, '(') + "Num eq 12" + std::string(10000, ')');
    EXPECT_NE(error_of(parentheses).find("deeper than"), std::string::npos);

    std::string nots;
    for (int i = 0; i < 10000; ++i) {
        nots += "not ";
    }
    EXPECT_NE(error_of(nots + "Active").find("deeper than"), std::string::npos);

    std::string calls;
    for (int i = 0; i < 1000; ++i) {
        calls += "tolower(";
    }
    EXPECT_NE(error_of(calls + "Name" + std::string(1000, ')') + " eq 'x'").find("deeper than"), std::string::npos);
}

TEST(FilterTest, NestingAtTheLimitIsAccepted) {
    const std::string text = std::string(kMaxFilterDepth, '(') + "Num eq 12" + std::string(kMaxFilterDepth, ')');
    EXPECT_TRUE(matches(text));
}

TEST(FilterTest, OverlongInputIsRejected) {
    const std::string text = "Name eq '" + std::string(kMaxFilterLength, 'x') + "'";
    EXPECT_NE(error_of(text).find("bytes long"), std::string::npos);
}

TEST(FilterTest, LongFlatChainsDoNotRecurse) {
    // A 3,000-term chain is flat, so neither evaluation nor destruction recurses per term.
    std::string text = "Num eq 0";
    for (int i = 1; i < 3000; ++i) {
        text += " or Num eq " + std::to_string(i);
    }
    ASSERT_LT(text.size(), kMaxFilterLength);
    EXPECT_TRUE(matches(text));
    EXPECT_FALSE(matches(text, ODataVersion::v2, Row{{"Num", 5000}}));
}

TEST(FilterTest, HostileBytesRaiseQueryErrorOnly) {
    // Every single byte and a few byte pairs either parse or raise QueryError.
    for (int c = 0; c < 256; ++c) {
        const std::string text = "Num eq " + std::string(1, static_cast<char>(c));
        try {
            (void)Filter::parse(text, *sample_type(), ODataVersion::v2);
        } catch (const QueryError&) {
        }
        if (c == '\'') {
            continue;  // "Name eq ''" is a valid empty string.
        }
        const std::string quoted = "Name eq '" + std::string(1, static_cast<char>(c));
        EXPECT_THROW((void)Filter::parse(quoted, *sample_type(), ODataVersion::v2), QueryError);
    }
}

TEST(KeyPredicateTest, PositionalAndNamedForms) {
    const auto type = sample_type();
    const Key positional = parse_key_predicate("'EPIC06',12", *type, ODataVersion::v2);
    ASSERT_EQ(positional.size(), 2u);
    EXPECT_EQ(positional[0], "EPIC06");
    EXPECT_EQ(positional[1], 12);

    const Key named = parse_key_predicate("Num=12,Company='EPIC06'", *type, ODataVersion::v2);
    EXPECT_EQ(named, positional);

    const Key quoted = parse_key_predicate("'O''Neil',1", *type, ODataVersion::v1);
    EXPECT_EQ(quoted[0], "O'Neil");
    EXPECT_EQ(format_key_predicate(*type, quoted, ODataVersion::v1), "'O''Neil',1");
}

TEST(KeyPredicateTest, MalformedKeysRaiseQueryError) {
    const auto type = sample_type();
    EXPECT_THROW((void)parse_key_predicate("'EPIC06'", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("'EPIC06',12,3", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("'EPIC06','12'", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("12,'EPIC06'", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("company='EPIC06',Num=1", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("'EPIC06',12,", *type, ODataVersion::v2), QueryError);
    EXPECT_THROW((void)parse_key_predicate("Company='EPIC06',12", *type, ODataVersion::v2), QueryError);
}

}  // namespace
}  // namespace epicor::testing
