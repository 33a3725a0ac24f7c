// Hostile filter values and keys: quotes, parentheses, ` or `, `&`, `%`,
// `+`, `#` and non-ASCII text must each reach the server as one literal.
// The mock's request log shows what was sent and its rows show what
// matched.

#include "resilience_support.hpp"

#include <epicor/error.hpp>
#include <epicor/filter.hpp>

#include <string>
#include <vector>

namespace resilience_test {
namespace {

using epicor::Filter;

class ODataInjectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = start_server();
        connection_ = std::make_unique<epicor::Connection>(epicor::connect(connection_string(*server_)));
    }

    // Runs a query on Customers with `filter` and returns the names found.
    std::vector<std::string> names_matching(const Filter& filter) {
        auto rows = connection_->service(kCustomerService)
                        .entity_set("Customers")
                        .query()
                        .select({"CustNum", "Name"})
                        .filter(filter)
                        .execute();
        std::vector<std::string> names;
        while (rows.next()) {
            names.push_back(rows.row().get<std::string>("Name"));
        }
        return names;
    }

    // The decoded $filter of the newest Customers request.
    std::string last_filter_sent() {
        const auto requests = requests_to(*server_, "GET", "/Customers");
        return requests.empty() ? std::string() : query_parameter(requests.back().query, "$filter");
    }

    std::unique_ptr<mock::MockKineticServer> server_;
    std::unique_ptr<epicor::Connection> connection_;
};

TEST_F(ODataInjectionTest, QuoteAndOrStayInsideLiteral) {
    EXPECT_TRUE(names_matching(Filter::eq("Name", "O'Neill' or 1 eq 1")).empty());
    EXPECT_EQ(last_filter_sent(), "Name eq 'O''Neill'' or 1 eq 1'");
}

TEST_F(ODataInjectionTest, NameWithQuoteMatchesExactly) {
    EXPECT_EQ(names_matching(Filter::eq("Name", "Lumen Optical O'Neill")),
              std::vector<std::string>{"Lumen Optical O'Neill"});
    EXPECT_EQ(last_filter_sent(), "Name eq 'Lumen Optical O''Neill'");
}

TEST_F(ODataInjectionTest, FunctionArgumentsStayLiteral) {
    EXPECT_EQ(names_matching(Filter::contains("Name", "O'Neill")), std::vector<std::string>{"Lumen Optical O'Neill"});
    EXPECT_EQ(names_matching(Filter::startswith("Name", "Lumen Optical O'")),
              std::vector<std::string>{"Lumen Optical O'Neill"});
    EXPECT_TRUE(names_matching(Filter::startswith("Name", "x') or (1 eq 1) or startswith(Name,'")).empty());
    EXPECT_EQ(last_filter_sent(), "startswith(Name,'x'') or (1 eq 1) or startswith(Name,''')");
}

TEST_F(ODataInjectionTest, ParenthesesCannotCloseTheExpression) {
    const Filter filter = Filter::eq("Name", "x') or (Name ne '") && Filter::eq("Country", "USA");

    EXPECT_TRUE(names_matching(filter).empty());
    EXPECT_EQ(last_filter_sent(), "Name eq 'x'') or (Name ne ''' and Country eq 'USA'");
}

TEST_F(ODataInjectionTest, UrlSyntaxStaysInsideLiteral) {
    // `&` and `#` would end the parameter or the URL, `+` would become a
    // space and `%27` a quote if the library did not percent-encode them.
    for (const std::string value : {"a&$top=1000&x=", "a#b", "a+b", "100%27 or 1 eq 1", "a;b\\c"}) {
        SCOPED_TRACE(value);
        EXPECT_TRUE(names_matching(Filter::eq("Name", value)).empty());
        EXPECT_EQ(last_filter_sent(), "Name eq '" + value + "'");
        const auto requests = requests_to(*server_, "GET", "/Customers");
        EXPECT_EQ(query_parameter(requests.back().query, "x"), "");
    }
}

TEST_F(ODataInjectionTest, NonAsciiTextMatchesExactly) {
    EXPECT_EQ(names_matching(Filter::eq("Name", mock::demo::kJapaneseCustomerName)),
              std::vector<std::string>{mock::demo::kJapaneseCustomerName});
    EXPECT_EQ(names_matching(Filter::eq("Name", mock::demo::kGermanCustomerName)),
              std::vector<std::string>{mock::demo::kGermanCustomerName});
    EXPECT_EQ(names_matching(Filter::eq("Name", "Kestrel Aerospace \xF0\x9F\x9A\x80")),
              std::vector<std::string>{"Kestrel Aerospace \xF0\x9F\x9A\x80"});

    const std::string hostile = std::string(mock::demo::kJapaneseCustomerName) + "' or 'a' eq 'a";
    EXPECT_TRUE(names_matching(Filter::eq("Name", hostile)).empty());
    EXPECT_EQ(last_filter_sent(), std::string("Name eq '") + mock::demo::kJapaneseCustomerName + "'' or ''a'' eq ''a'");
}

TEST_F(ODataInjectionTest, HostileFieldNameIsRejected) {
    // Field names are never quoted, so anything but a property path is
    // refused before a request is sent.
    const std::size_t before = server_->request_log().size();
    for (const std::string field : {"Name eq 'x' or 1 eq 1 or Name", "Name)", "Name'", "Na me", ""}) {
        SCOPED_TRACE(field);
        EXPECT_THROW(names_matching(Filter::eq(field, "x")), epicor::DataError);
    }
    EXPECT_EQ(server_->request_log().size(), before);
}

TEST_F(ODataInjectionTest, KeyWithQuoteIsOneLiteral) {
    auto parts = connection_->service(kPartService).entity_set("Parts");

    EXPECT_THROW(parts.get({"EPIC06", "BRK-100') or ('1' eq '1"}), epicor::NotFoundError);
    EXPECT_EQ(parts.get({"EPIC06", "BRK-100"}).get<std::string>("PartNum"), "BRK-100");

    // A quote in a real key works both ways: create, then read back.
    parts.create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "O'NEILL/(1)"}, {"IUM", "EA"}});
    EXPECT_EQ(parts.get({"EPIC06", "O'NEILL/(1)"}).get<std::string>("PartNum"), "O'NEILL/(1)");
}

}  // namespace
}  // namespace resilience_test
