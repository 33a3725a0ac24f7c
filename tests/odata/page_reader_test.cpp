#include <epicor/error.hpp>

#include "odata/page_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

using epicor::Column;
using epicor::DataError;
using epicor::DateTime;
using epicor::Decimal;
using epicor::EdmType;
using epicor::Guid;
using epicor::Value;
using epicor::ValueType;
using epicor::odata::read_entity;
using epicor::odata::read_page;

Column column(const char* name, EdmType type) {
    Column result;
    result.name = name;
    result.type = type;
    return result;
}

std::string message_of(std::string_view body) {
    try {
        read_page(body);
    } catch (const DataError& error) {
        return error.what();
    }
    return "no exception";
}

TEST(PageReader, ReadsV1Collection) {
    const auto page = read_page(R"({"odata.metadata":"https://h/api/v1/Svc/$metadata#Customers",
        "odata.count":"2","value":[{"Company":"EPIC06","CustNum":1},{"Company":"EPIC06","CustNum":2}],
        "odata.nextLink":"https://h/api/v1/Svc/Customers?$skip=2"})");
    ASSERT_EQ(page.fields.size(), 2u);
    EXPECT_EQ(page.fields[0], "Company");
    EXPECT_EQ(page.fields[1], "CustNum");
    ASSERT_EQ(page.rows.size(), 2u);
    EXPECT_EQ(page.rows[1][1], Value(2));
    ASSERT_TRUE(page.count.has_value());
    EXPECT_EQ(*page.count, 2);
    ASSERT_TRUE(page.next_link.has_value());
    EXPECT_EQ(*page.next_link, "https://h/api/v1/Svc/Customers?$skip=2");
    EXPECT_EQ(page.context, "https://h/api/v1/Svc/$metadata#Customers");
}

TEST(PageReader, ReadsV2Collection) {
    const auto page = read_page(R"({"@odata.context":"ctx","@odata.count":5,"value":[{"A":true}],
        "@odata.nextLink":"next"})");
    EXPECT_EQ(page.context, "ctx");
    EXPECT_EQ(page.count, std::optional<std::int64_t>(5));
    EXPECT_EQ(page.next_link, std::optional<std::string>("next"));
    EXPECT_EQ(page.rows.at(0).at(0), Value(true));
}

TEST(PageReader, EmptyCollectionHasNoRows) {
    const auto page = read_page(R"({"value":[]})");
    EXPECT_TRUE(page.rows.empty());
    EXPECT_TRUE(page.fields.empty());
    EXPECT_FALSE(page.next_link.has_value());
    EXPECT_FALSE(page.count.has_value());
}

TEST(PageReader, KeepsDecimalDigitsWithoutColumns) {
    const auto page = read_page(
        R"({"value":[{"Big":1234567890123456789012345678.5,"Fine":0.0123456789,"Exp":-1.5E-3,"Huge":123456789012345678901234567890}]})");
    const auto& row = page.rows.at(0);
    EXPECT_EQ(row.at(0).get<Decimal>().to_string(), "1234567890123456789012345678.5");
    EXPECT_EQ(row.at(1).get<Decimal>().to_string(), "0.0123456789");
    EXPECT_EQ(row.at(2).get<Decimal>().to_string(), "-0.0015");
    EXPECT_EQ(row.at(3).get<Decimal>().to_string(), "123456789012345678901234567890");
}

TEST(PageReader, TypesValuesByColumns) {
    const std::vector<Column> columns = {
        column("Price", EdmType::decimal),  column("Qty", EdmType::int32),
        column("When", EdmType::date_time_offset), column("Row", EdmType::guid),
        column("Ratio", EdmType::double_),  column("Blob", EdmType::binary),
        column("Whole", EdmType::decimal),  column("Text", EdmType::string),
    };
    const auto page = read_page(R"({"value":[{"Price":"12.5000000000","Qty":3,
        "When":"2025-01-31T08:15:00.123-05:00","Row":"00000003-B615-4300-957B-34956697F040",
        "Ratio":0.5,"Blob":"AQID","Whole":18446744073709551616,"Text":"x"}]})",
                                columns);
    const auto& row = page.rows.at(0);
    EXPECT_EQ(row.at(0).get<Decimal>().to_string(), "12.5000000000");
    EXPECT_EQ(row.at(1).get<int>(), 3);
    EXPECT_EQ(row.at(2).get<DateTime>().to_string(), "2025-01-31T08:15:00.123-05:00");
    EXPECT_EQ(row.at(3).get<Guid>(), Guid::parse("00000003-b615-4300-957b-34956697f040"));
    EXPECT_EQ(row.at(4).type(), ValueType::float64);
    EXPECT_EQ(row.at(5).get<epicor::Binary>(), (epicor::Binary{1, 2, 3}));
    EXPECT_EQ(row.at(6).get<Decimal>().to_string(), "18446744073709551616");
    EXPECT_EQ(row.at(7).get<std::string>(), "x");
}

TEST(PageReader, NullStaysNullInEveryType) {
    const std::vector<Column> columns = {column("D", EdmType::date_time), column("N", EdmType::decimal),
                                         column("S", EdmType::string)};
    const auto page = read_page(R"({"value":[{"D":null,"N":null,"S":null,"X":null}]})", columns);
    for (const auto& value : page.rows.at(0)) {
        EXPECT_TRUE(value.is_null());
    }
}

TEST(PageReader, DatesWithAndWithoutOffset) {
    const std::vector<Column> columns = {column("A", EdmType::date_time), column("B", EdmType::date_time_offset)};
    const auto page = read_page(R"({"value":[{"A":"2025-01-31T00:00:00","B":"2025-01-31T13:15:00Z"}]})", columns);
    EXPECT_FALSE(page.rows[0][0].get<DateTime>().has_offset());
    EXPECT_TRUE(page.rows[0][1].get<DateTime>().has_offset());
}

TEST(PageReader, StringsAreNotGuessedWithoutColumns) {
    const auto page = read_page(R"({"value":[{"D":"2025-01-31T00:00:00","G":"00000000-0000-0000-0000-000000000000"}]})");
    EXPECT_EQ(page.rows[0][0].type(), ValueType::string);
    EXPECT_EQ(page.rows[0][1].type(), ValueType::string);
}

TEST(PageReader, SkipsAnnotations) {
    const auto page = read_page(R"({"value":[{"odata.etag":"W/1","A":1,"B@odata.navigationLinkUrl":"x",
        "@odata.id":"y","C":{"nested":[1,2]}}]})");
    ASSERT_EQ(page.fields.size(), 2u);
    EXPECT_EQ(page.fields[0], "A");
    EXPECT_EQ(page.fields[1], "C");
    EXPECT_EQ(page.rows[0][1].type(), ValueType::json);
    EXPECT_EQ(page.rows[0][1].get<nlohmann::json>(), nlohmann::json::parse(R"({"nested":[1,2]})"));
}

TEST(PageReader, RowsWithDifferentFields) {
    const auto page = read_page(R"({"value":[{"A":1},{"B":2,"A":3}]})");
    ASSERT_EQ(page.fields.size(), 2u);
    EXPECT_EQ(page.rows[0].size(), 1u);
    EXPECT_EQ(page.rows[1][0], Value(3));
    EXPECT_EQ(page.rows[1][1], Value(2));
}

TEST(PageReader, ExpandedCollectionsAreJson) {
    const auto page = read_page(R"({"value":[{"PONum":1,"PODetails":[{"Line":1},{"Line":2}]}]})");
    const auto details = page.rows[0][1].get<nlohmann::json>();
    ASSERT_TRUE(details.is_array());
    EXPECT_EQ(details.size(), 2u);
    EXPECT_EQ(details[1]["Line"], 2);
}

TEST(PageReader, RejectsBodyWithoutValueArray) {
    const std::string message = message_of(R"({"odata.metadata":"x","rows":[]})");
    EXPECT_NE(message.find("no 'value' array"), std::string::npos) << message;
    EXPECT_NE(message.find("odata.metadata"), std::string::npos) << message;
    EXPECT_THROW(read_page(R"({"value":{"A":1}})"), DataError);
    EXPECT_THROW(read_page(R"({"value":null})"), DataError);
    EXPECT_THROW(read_page(R"({"value":[1,2]})"), DataError);
    EXPECT_THROW(read_page(R"({"value":[[1]]})"), DataError);
    EXPECT_THROW(read_page(R"([{"A":1}])"), DataError);
    EXPECT_THROW(read_page(R"("value")"), DataError);
}

TEST(PageReader, RejectsTruncatedJson) {
    const std::string message = message_of(R"({"value":[{"A":1},{"B":)");
    EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
    EXPECT_THROW(read_page(""), DataError);
    EXPECT_THROW(read_page(R"({"value":[]} trailing)"), DataError);
}

TEST(PageReader, ExcerptIsShortAndSanitized) {
    std::string body = "<html>\n\t<body>\x01\x02" + std::string(5000, 'x') + "\xff</body></html>";
    const std::string message = message_of(body);
    EXPECT_LT(message.size(), 500u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_EQ(message.find('\x01'), std::string::npos);
    EXPECT_NE(message.find("<html> <body>"), std::string::npos) << message;
    EXPECT_NE(message.find("..."), std::string::npos) << message;
}

TEST(PageReader, RejectsValueThatDoesNotFitColumn) {
    const std::vector<Column> columns = {column("Qty", EdmType::int32)};
    try {
        read_page(R"({"value":[{"Qty":"many"}]})", columns);
        FAIL() << "expected DataError";
    } catch (const DataError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("'Qty'"), std::string::npos) << message;
        EXPECT_NE(message.find("Edm.Int32"), std::string::npos) << message;
        EXPECT_NE(message.find("row 1"), std::string::npos) << message;
    }
    EXPECT_THROW(read_page(R"({"value":[{"Qty":1.5}]})", columns), DataError);
    EXPECT_THROW(read_page(R"({"value":[{"Qty":true}]})", columns), DataError);
}

TEST(PageReader, RejectsDeepNesting) {
    const std::string body = R"({"value":[{"A":)" + std::string(100000, '[') + std::string(100000, ']') + "}]}";
    EXPECT_THROW(read_page(body), DataError);
}

TEST(PageReader, ReadsEntity) {
    const std::vector<Column> columns = {column("CreditLimit", EdmType::decimal)};
    const auto entity = read_entity(R"({"@odata.context":"x","Company":"EPIC06","CustNum":12,
        "CreditLimit":1000.0000000001,"SysRowID":"a"})", columns);
    ASSERT_EQ(entity.fields.size(), 4u);
    EXPECT_EQ(entity.fields[0], "Company");
    EXPECT_EQ(entity.values[2].get<Decimal>().to_string(), "1000.0000000001");
    EXPECT_THROW(read_entity("[]"), DataError);
    EXPECT_THROW(read_entity("{"), DataError);
}

}  // namespace

namespace {

TEST(PageReader, NumbersBeyondDecimalLimitBecomeDouble) {
    const std::string long_fraction = "0." + std::string(1001, '1');
    const auto page = epicor::odata::read_page(
        R"({"value":[{"Tiny":-1e-5000,"Long":)" + long_fraction + R"(,"Fine":1e300}]})");
    const auto& row = page.rows.at(0);
    EXPECT_EQ(row.at(0).type(), epicor::ValueType::float64);
    EXPECT_EQ(row.at(0).get<double>(), 0.0);
    EXPECT_EQ(row.at(1).type(), epicor::ValueType::float64);
    EXPECT_NEAR(row.at(1).get<double>(), 0.111111, 1e-6);
    EXPECT_EQ(row.at(2).type(), epicor::ValueType::decimal);
}

TEST(PageReader, RejectsNumberBeyondDoubleRange) {
    // nlohmann's lexer rejects such numbers before the SAX handler receives them.
    EXPECT_THROW(epicor::odata::read_page(R"({"value":[{"Big":1e5000}]})"), epicor::DataError);
}

TEST(PageReader, DoubleColumnReadsSpecialValues) {
    epicor::Column ratio;
    ratio.name = "Ratio";
    ratio.type = epicor::EdmType::double_;
    const auto page = epicor::odata::read_page(R"({"value":[{"Ratio":"INF"},{"Ratio":"NaN"},{"Ratio":2}]})", {ratio});
    EXPECT_TRUE(std::isinf(page.rows.at(0).at(0).get<double>()));
    EXPECT_TRUE(std::isnan(page.rows.at(1).at(0).get<double>()));
    EXPECT_EQ(page.rows.at(2).at(0).get<double>(), 2.0);
}

}  // namespace
