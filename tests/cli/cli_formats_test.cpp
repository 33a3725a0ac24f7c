// Output formats: table alignment with wide characters, CSV quoting, exact
// decimals in CSV and JSON Lines, and --output files.

#include "cli_fixture.hpp"

#include "cli/text_width.hpp"

#include <epicor/connection.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace epicor::cli::test {
namespace {

constexpr const char* kCreditLimit28Digits = "12345678901234567890123456.78";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
        lines.push_back(line);
    }
    return lines;
}

// Returns the display column where `needle` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& needle) {
    const auto position = line.find(needle);
    EXPECT_NE(position, std::string::npos) << needle << " not in " << line;
    return display_width(std::string_view(line).substr(0, position));
}

TEST(TextWidth, CountsWideCharactersTwice) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("株式会社"), 8u);
    EXPECT_EQ(display_width("Müller"), 6u);
    EXPECT_EQ(display_width("🚀"), 2u);
    EXPECT_EQ(display_width("\u2600\uFE0F"), 2u);  // sun with emoji presentation
    EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute accent
}

TEST(TextWidth, TruncatesOnCharacterBoundary) {
    EXPECT_EQ(truncate_to_width("株式会社", 5), "株式…");
    EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
    EXPECT_EQ(truncate_to_width("abc", 3), "abc");
}

TEST_F(CliTest, TableAlignsJapaneseNames) {
    const auto result = run({"query", "Customers", "--select", "CustNum,Name,Country", "--filter",
                             "CustNum le 3", "--format", "table"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = lines_of(result.out);
    ASSERT_GE(lines.size(), 5u) << result.out;

    const std::size_t country_column = column_of(lines[0], "Country");
    EXPECT_EQ(column_of(lines[2], "USA"), country_column) << result.out;
    EXPECT_EQ(column_of(lines[3], "Japan"), country_column) << result.out;
    EXPECT_EQ(column_of(lines[4], "Germany"), country_column) << result.out;
    EXPECT_NE(lines[3].find("株式会社さくら精機"), std::string::npos);
    EXPECT_EQ(lines.back(), "(3 rows)");
}

TEST_F(CliTest, TableShowsNullDistinctly) {
    // Customer 5 has no e-mail address (null); customer 4 has one.
    const auto result = run({"query", "Customers", "--select", "CustNum,EMailAddress", "--filter",
                             "CustNum eq 5", "--format", "table"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = lines_of(result.out);
    ASSERT_GE(lines.size(), 3u);
    EXPECT_NE(lines[2].find("NULL"), std::string::npos) << result.out;
}

TEST_F(CliTest, CsvQuotesCommaQuoteAndNewline) {
    const std::string awkward = "Smith, \"Jr.\"\nDept. 5";
    auto connection = epicor::connect(connection_string());
    connection.service().entity_set("Customers").update({"EPIC06", 5}, FieldValues{{"Name", Value(awkward)}});

    const auto result = run({"query", "Customers", "--select", "CustNum,Name,EMailAddress", "--filter",
                             "CustNum eq 5", "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "CustNum,Name,EMailAddress\r\n5,\"Smith, \"\"Jr.\"\"\nDept. 5\",\r\n");
}

TEST_F(CliTest, CsvWritesEmptyStringQuoted) {
    // Japanese customers have an empty State; null would be an empty field.
    const auto result = run({"query", "Customers", "--select", "CustNum,State", "--filter", "CustNum eq 2",
                             "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "CustNum,State\r\n2,\"\"\r\n");
}

TEST_F(CliTest, CsvKeepsDecimalDigits) {
    const auto result = run({"query", "Customers", "--select", "CustNum,CreditLimit", "--filter", "CustNum eq 1",
                             "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, std::string("CustNum,CreditLimit\r\n1,") + kCreditLimit28Digits + "\r\n");
}

TEST_F(CliTest, JsonLinesKeepsDecimalDigits) {
    const auto result = run({"query", "Customers", "--select", "CustNum,CreditLimit,EMailAddress", "--filter",
                             "CustNum eq 1", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, std::string("{\"CustNum\":1,\"CreditLimit\":") + kCreditLimit28Digits +
                              ",\"EMailAddress\":\"orders@ADDISON.example\"}\n");
}

TEST_F(CliTest, JsonLinesWritesNullAndUnicode) {
    const auto result = run({"query", "Customers", "--select", "CustNum,Name,EMailAddress", "--filter",
                             "CustNum eq 10 or CustNum eq 13", "--format", "jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = lines_of(result.out);
    ASSERT_EQ(lines.size(), 2u) << result.out;
    const auto harbor = nlohmann::json::parse(lines[0]);
    EXPECT_TRUE(harbor["EMailAddress"].is_null());
    const auto kestrel = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(kestrel["Name"], "Kestrel Aerospace 🚀");
    EXPECT_NE(result.out.find("🚀"), std::string::npos) << "non-ASCII text is written as UTF-8, not escaped";
}

TEST_F(CliTest, OutputFileGetsRowsStdoutStaysEmpty) {
    TempDirectory directory;
    const std::string path = directory.path() + "/customers.csv";
    const auto result = run({"query", "Customers", "--select", "CustNum", "--format", "csv", "--output", path});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
    const std::string content = read_file(path);
    EXPECT_EQ(std::count(content.begin(), content.end(), '\n'), 41) << content;
    EXPECT_EQ(directory.file_names(), std::vector<std::string>{"customers.csv"});
}

TEST_F(CliTest, FailedExportLeavesNoFile) {
    TempDirectory directory;
    const std::string path = directory.path() + "/missing.csv";
    const auto result = run({"query", "NoSuchSet", "--format", "csv", "--output", path});
    EXPECT_EQ(result.exit_code, 5) << result.err;
    EXPECT_TRUE(directory.file_names().empty());
}

TEST_F(CliTest, FailedExportKeepsOldFile) {
    TempDirectory directory;
    const std::string path = directory.path() + "/customers.csv";
    write_file(path, "previous export\n");
    const auto result = run({"query", "NoSuchSet", "--format", "csv", "--output", path});
    EXPECT_EQ(result.exit_code, 5);
    EXPECT_EQ(read_file(path), "previous export\n");
    EXPECT_EQ(directory.file_names(), std::vector<std::string>{"customers.csv"});
}

TEST_F(CliTest, OutputToMissingDirectoryFails) {
    const auto result = run({"services", "--output", "/nonexistent-epicor-dir/x.csv"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("/nonexistent-epicor-dir/x.csv"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace epicor::cli::test
