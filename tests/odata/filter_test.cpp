#include <epicor/error.hpp>
#include <epicor/filter.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using epicor::ApiVersion;
using epicor::DataError;
using epicor::DateTime;
using epicor::Decimal;
using epicor::Filter;
using epicor::Value;

TEST(Filter, Comparisons) {
    EXPECT_EQ(Filter::eq("Company", "EPIC06").to_string(ApiVersion::v2), "Company eq 'EPIC06'");
    EXPECT_EQ(Filter::ne("CustNum", 12).to_string(ApiVersion::v2), "CustNum ne 12");
    EXPECT_EQ(Filter::gt("CreditLimit", Decimal::parse("1000.50")).to_string(ApiVersion::v1),
              "CreditLimit gt 1000.50M");
    EXPECT_EQ(Filter::ge("OrderDate", DateTime::parse("2025-01-31T00:00:00")).to_string(ApiVersion::v1),
              "OrderDate ge datetime'2025-01-31T00:00:00'");
    EXPECT_EQ(Filter::lt("Qty", 5).to_string(ApiVersion::v2), "Qty lt 5");
    EXPECT_EQ(Filter::le("Qty", 5).to_string(ApiVersion::v2), "Qty le 5");
    EXPECT_EQ(Filter::eq("ShipDate", Value()).to_string(ApiVersion::v2), "ShipDate eq null");
}

TEST(Filter, StringFunctions) {
    EXPECT_EQ(Filter::startswith("Name", "Dal").to_string(ApiVersion::v2), "startswith(Name,'Dal')");
    EXPECT_EQ(Filter::endswith("Name", "Inc.").to_string(ApiVersion::v1), "endswith(Name,'Inc.')");
    EXPECT_EQ(Filter::contains("Name", "ore").to_string(ApiVersion::v2), "contains(Name,'ore')");
    EXPECT_EQ(Filter::contains("Name", "ore").to_string(ApiVersion::v1), "substringof('ore',Name)");
}

TEST(Filter, CombinesWithParentheses) {
    const auto filter = Filter::eq("Company", "EPIC06") &&
                        (Filter::startswith("Name", "O'Brien") || Filter::gt("CreditLimit", 1000));
    EXPECT_EQ(filter.to_string(ApiVersion::v2),
              "Company eq 'EPIC06' and (startswith(Name,'O''Brien') or CreditLimit gt 1000)");
}

TEST(Filter, ChainsWithoutExtraParentheses) {
    const auto filter = Filter::eq("A", 1) && Filter::eq("B", 2) && Filter::eq("C", 3);
    EXPECT_EQ(filter.to_string(ApiVersion::v2), "A eq 1 and B eq 2 and C eq 3");
    const auto either = Filter::eq("A", 1) || Filter::eq("B", 2) || Filter::eq("C", 3);
    EXPECT_EQ(either.to_string(ApiVersion::v2), "A eq 1 or B eq 2 or C eq 3");
}

TEST(Filter, AndInsideOrKeepsGrouping) {
    const auto filter = (Filter::eq("A", 1) && Filter::eq("B", 2)) || Filter::eq("C", 3);
    EXPECT_EQ(filter.to_string(ApiVersion::v2), "(A eq 1 and B eq 2) or C eq 3");
}

TEST(Filter, NotWrapsCompoundOperand) {
    EXPECT_EQ((!Filter::eq("A", 1)).to_string(ApiVersion::v2), "not A eq 1");
    EXPECT_EQ((!(Filter::eq("A", 1) || Filter::eq("B", 2))).to_string(ApiVersion::v2), "not (A eq 1 or B eq 2)");
}

TEST(Filter, RawIsParenthesisedWhenCombined) {
    const auto filter = Filter::raw("A eq 1 or B eq 2") && Filter::eq("C", 3);
    EXPECT_EQ(filter.to_string(ApiVersion::v2), "(A eq 1 or B eq 2) and C eq 3");
    EXPECT_EQ(Filter::raw("A eq 1").to_string(ApiVersion::v2), "A eq 1");
    EXPECT_THROW(Filter::raw("  "), DataError);
}

TEST(Filter, InjectionStaysOneLiteral) {
    const std::string attack = "x') or (1 eq 1";
    EXPECT_EQ(Filter::eq("Name", attack).to_string(ApiVersion::v2), "Name eq 'x'') or (1 eq 1'");
    EXPECT_EQ(Filter::startswith("Name", "a' or Name ne 'b").to_string(ApiVersion::v1),
              "startswith(Name,'a'' or Name ne ''b')");
    EXPECT_EQ(Filter::eq("Name", "Zoë & Søn ) or").to_string(ApiVersion::v2), "Name eq 'Zoë & Søn ) or'");
}

TEST(Filter, RejectsFieldsThatAreNotPaths) {
    for (const char* field : {"", "Name eq 'x' or Name", "Name)", "1Name", "/Name", "Name/", "Na me", "a//b",
                              "Name'", "$filter"}) {
        EXPECT_THROW(Filter::eq(field, 1), DataError) << field;
        EXPECT_THROW(Filter::startswith(field, "x"), DataError) << field;
    }
    EXPECT_NO_THROW(Filter::eq("OrderDtls/PartNum", "X"));
    EXPECT_NO_THROW(Filter::eq("_Calculated_Total1", 1));
}

TEST(Filter, NestedJsonValueThrowsOnRender) {
    const auto filter = Filter::eq("Data", Value(nlohmann::json::array()));
    EXPECT_THROW(filter.to_string(ApiVersion::v2), DataError);
}

}  // namespace
