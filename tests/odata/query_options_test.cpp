#include <epicor/error.hpp>
#include <epicor/query_options.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using epicor::ApiVersion;
using epicor::DataError;
using epicor::DateTime;
using epicor::Filter;
using epicor::format_query_string;
using epicor::percent_encode_query;
using epicor::QueryOptions;
using epicor::Value;

TEST(QueryOptions, EmptyGivesEmptyString) {
    EXPECT_EQ(format_query_string(QueryOptions{}, ApiVersion::v1), "");
}

TEST(QueryOptions, AllOptionsInOrder) {
    QueryOptions options;
    options.select = {"CustNum", "Name"};
    options.filter = Filter::eq("Company", "EPIC06");
    options.order_by = {{"Name", false}, {"CustNum", true}};
    options.top = 100;
    options.skip = 200;
    options.expand = {"ShipToes"};
    options.count = true;
    EXPECT_EQ(format_query_string(options, ApiVersion::v2),
              "$select=CustNum,Name&$filter=Company%20eq%20'EPIC06'&$orderby=Name,CustNum%20desc"
              "&$top=100&$skip=200&$expand=ShipToes&$count=true");
}

TEST(QueryOptions, CountDependsOnVersion) {
    QueryOptions options;
    options.count = true;
    EXPECT_EQ(format_query_string(options, ApiVersion::v1), "$inlinecount=allpages");
    EXPECT_EQ(format_query_string(options, ApiVersion::v2), "$count=true");
}

TEST(QueryOptions, EncodesReservedCharacters) {
    QueryOptions options;
    options.filter = Filter::eq("Name", "A&B=C#D+E%F?G");
    EXPECT_EQ(format_query_string(options, ApiVersion::v2),
              "$filter=Name%20eq%20'A%26B%3DC%23D%2BE%25F%3FG'");
}

TEST(QueryOptions, EncodesNonAsciiAsUtf8) {
    EXPECT_EQ(percent_encode_query("東"), "%E6%9D%B1");
    EXPECT_EQ(percent_encode_query("a b"), "a%20b");
    EXPECT_EQ(percent_encode_query("'(),:/$"), "'(),:/$");
}

TEST(QueryOptions, BaqParametersRepeatListNames) {
    QueryOptions options;
    options.top = 10;
    options.parameters = {{"Status", {Value("A"), Value("B")}},
                          {"FromDate", {Value(DateTime::parse("2025-01-31T00:00:00"))}},
                          {"Name", {Value("O'Brien & Co")}}};
    EXPECT_EQ(format_query_string(options, ApiVersion::v1),
              "$top=10&Status=A&Status=B&FromDate=2025-01-31T00:00:00&Name=O'Brien%20%26%20Co");
}

TEST(QueryOptions, RejectsInvalidOptions) {
    QueryOptions negative_top;
    negative_top.top = -1;
    EXPECT_THROW(format_query_string(negative_top, ApiVersion::v2), DataError);

    QueryOptions negative_skip;
    negative_skip.skip = -5;
    EXPECT_THROW(format_query_string(negative_skip, ApiVersion::v2), DataError);

    QueryOptions empty_select;
    empty_select.select = {"Name", ""};
    EXPECT_THROW(format_query_string(empty_select, ApiVersion::v2), DataError);

    QueryOptions unnamed_parameter;
    unnamed_parameter.parameters = {{"", {Value(1)}}};
    EXPECT_THROW(format_query_string(unnamed_parameter, ApiVersion::v2), DataError);

    QueryOptions json_parameter;
    json_parameter.parameters = {{"P", {Value(nlohmann::json::array())}}};
    EXPECT_THROW(format_query_string(json_parameter, ApiVersion::v2), DataError);
}

}  // namespace
