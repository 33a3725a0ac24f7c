// docs/connection-properties.md must equal the catalog's Markdown output.

#include <epicor/property_catalog.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using epicor::PropertyCatalog;

TEST(PropertyDocs, CommittedFileMatchesCatalog) {
    const std::string path = std::string(EPICOR_SOURCE_DIR) + "/docs/connection-properties.md";
    std::ifstream file(path, std::ios::binary);
    ASSERT_TRUE(file) << path << " is missing; run scripts/gen-property-docs.sh to create it";
    std::ostringstream content;
    content << file.rdbuf();

    EXPECT_TRUE(content.str() == PropertyCatalog::to_markdown())
        << path << " differs from the property catalog; run scripts/gen-property-docs.sh to regenerate it";
}

TEST(PropertyDocs, MarkdownDescribesEveryProperty) {
    const std::string markdown = PropertyCatalog::to_markdown();
    for (const auto& info : PropertyCatalog::all()) {
        EXPECT_THAT(markdown, testing::HasSubstr("\n### " + info.name + "\n")) << info.name;
    }
    EXPECT_THAT(markdown, testing::HasSubstr("- Allowed values: `Basic`, `Token`, `AzureADOpenID`"));
    EXPECT_THAT(markdown, testing::HasSubstr("- Type: integer, 1 to 10000"));
    EXPECT_THAT(markdown, testing::HasSubstr("- Aliases: `PWD`"));
}

}  // namespace
