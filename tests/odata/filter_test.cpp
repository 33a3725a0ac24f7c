#include <epicor/error.hpp>
#include <epicor/filter.hpp>

#include <gtest/gtest.h>

#include <algorithm>
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

// A filter built term by term is a chain as deep as it has terms, so
// rendering and destroying it must not recurse once per term.
TEST(Filter, LongOrChainRenders) {
    constexpr int terms = 100'000;
    auto filter = Filter::eq("CustNum", 0);
    for (int i = 1; i < terms; ++i) {
        filter = filter || Filter::eq("CustNum", i);
    }

    const std::string text = filter.to_string(ApiVersion::v2);

    EXPECT_EQ(text.rfind("CustNum eq 0 or CustNum eq 1 or ", 0), 0U);
    const std::string last_terms = "CustNum eq 99998 or CustNum eq 99999";
    EXPECT_EQ(text.substr(text.size() - last_terms.size()), last_terms);
    std::size_t separators = 0;
    for (auto at = text.find(" or "); at != std::string::npos; at = text.find(" or ", at + 1)) {
        ++separators;
    }
    EXPECT_EQ(separators, static_cast<std::size_t>(terms - 1));
    EXPECT_EQ(text.find('('), std::string::npos);
}

TEST(Filter, LongMixedChainKeepsGrouping) {
    constexpr int terms = 100'000;
    auto filter = Filter::eq("A", 0);
    for (int i = 1; i < terms; ++i) {
        filter = (i % 2 == 0) ? (Filter::eq("A", i) || filter) : (Filter::eq("A", i) && filter);
    }

    const std::string text = filter.to_string(ApiVersion::v2);

    EXPECT_EQ(text.rfind("A eq 99999 and (A eq 99998 or (A eq 99997 and (", 0), 0U);
    const std::string innermost = "A eq 1 and A eq 0" + std::string(terms - 2, ')');
    EXPECT_EQ(text.substr(text.size() - innermost.size()), innermost);
    EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '(')),
              static_cast<std::size_t>(terms - 2));
}

TEST(Filter, DeepNegationRendersAndDestroys) {
    constexpr int depth = 300'000;
    {
        auto filter = Filter::eq("A", 1);
        for (int i = 0; i < depth; ++i) {
            filter = !filter;
        }
        const std::string text = filter.to_string(ApiVersion::v2);
        EXPECT_EQ(text.rfind("not (not (not (", 0), 0U);
        EXPECT_EQ(text.size(), std::string("not A eq 1").size() +
                                   static_cast<std::size_t>(depth - 1) * std::string("not ()").size());
    }
    // Reaching this point means the deep chain was released without
    // overflowing the stack.
    SUCCEED();
}

TEST(Filter, SharedSubtreeSurvivesRelease) {
    const auto shared = Filter::eq("A", 1) || Filter::eq("B", 2);
    {
        auto first = shared && Filter::eq("C", 3);
        auto second = !first;
        EXPECT_EQ(second.to_string(ApiVersion::v2), "not ((A eq 1 or B eq 2) and C eq 3)");
    }
    EXPECT_EQ(shared.to_string(ApiVersion::v2), "A eq 1 or B eq 2");
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
