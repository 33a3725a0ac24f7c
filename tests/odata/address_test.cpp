#include <epicor/error.hpp>

#include "odata/address.hpp"

#include <gtest/gtest.h>

namespace {

using epicor::ApiVersion;
using epicor::ConfigError;
using epicor::DataError;
using epicor::Value;
using epicor::odata::Address;
using epicor::odata::encode_path_segment;

const char* const base = "https://acme.example/Kinetic";

TEST(Address, V1Addresses) {
    const Address address(base, ApiVersion::v1, "");
    EXPECT_EQ(address.service_list(), "https://acme.example/Kinetic/api/v1/");
    EXPECT_EQ(address.service_document("Erp.BO.CustomerSvc"), "https://acme.example/Kinetic/api/v1/Erp.BO.CustomerSvc/");
    EXPECT_EQ(address.metadata("Erp.BO.CustomerSvc"), "https://acme.example/Kinetic/api/v1/Erp.BO.CustomerSvc/$metadata");
    EXPECT_EQ(address.entity_set("Erp.BO.CustomerSvc", "Customers"),
              "https://acme.example/Kinetic/api/v1/Erp.BO.CustomerSvc/Customers");
    EXPECT_EQ(address.entity("Erp.BO.CustomerSvc", "Customers", {Value("EPIC06"), Value(12)}),
              "https://acme.example/Kinetic/api/v1/Erp.BO.CustomerSvc/Customers('EPIC06',12)");
    EXPECT_EQ(address.method("Erp.BO.CustomerSvc", "GetByID"),
              "https://acme.example/Kinetic/api/v1/Erp.BO.CustomerSvc/GetByID");
    EXPECT_EQ(address.baq("zCustomer01"), "https://acme.example/Kinetic/api/v1/BaqSvc/zCustomer01/");
}

TEST(Address, V2Addresses) {
    const Address address("https://acme.example/Kinetic/", ApiVersion::v2, "EPIC06");
    EXPECT_EQ(address.service_list(), "https://acme.example/Kinetic/api/v2/odata/EPIC06/");
    EXPECT_EQ(address.service_document("Erp.BO.CustomerSvc"),
              "https://acme.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/");
    EXPECT_EQ(address.metadata("Erp.BO.CustomerSvc"),
              "https://acme.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata");
    EXPECT_EQ(address.entity("Erp.BO.PartSvc", "Parts", {Value("EPIC06"), Value("BRK-100")}),
              "https://acme.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts('EPIC06','BRK-100')");
    EXPECT_EQ(address.method("Erp.BO.CustomerSvc", "GetList"),
              "https://acme.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/GetList");
    EXPECT_EQ(address.baq("zCustomer01"), "https://acme.example/Kinetic/api/v2/odata/EPIC06/BaqSvc/zCustomer01/Data");
    EXPECT_EQ(address.function("SalesLib", "PriceCheck"),
              "https://acme.example/Kinetic/api/v2/efx/EPIC06/SalesLib/PriceCheck");
    EXPECT_EQ(address.function("SalesLib", "PriceCheck", true),
              "https://acme.example/Kinetic/api/v2/efx/staging/EPIC06/SalesLib/PriceCheck");
}

TEST(Address, EncodesPathSegments) {
    const Address address(base, ApiVersion::v2, "EP IC/06");
    EXPECT_EQ(address.entity_set("Svc", "a/b?c#d%e"),
              "https://acme.example/Kinetic/api/v2/odata/EP%20IC%2F06/Svc/a%2Fb%3Fc%23d%25e");
    EXPECT_EQ(address.entity("Svc", "Parts", {Value("A/B C#'")}),
              "https://acme.example/Kinetic/api/v2/odata/EP%20IC%2F06/Svc/Parts('A%2FB%20C%23''')");
    EXPECT_EQ(encode_path_segment("東京"), "%E6%9D%B1%E4%BA%AC");
    EXPECT_EQ(encode_path_segment("$metadata"), "$metadata");
}

TEST(Address, RejectsDotSegmentsAndEmptyNames) {
    const Address address(base, ApiVersion::v1, "");
    EXPECT_THROW(address.entity_set("Svc", ".."), DataError);
    EXPECT_THROW(address.entity_set("Svc", "."), DataError);
    EXPECT_THROW(address.entity_set("", "Customers"), DataError);
    EXPECT_THROW(address.baq(""), DataError);
}

TEST(Address, V2NeedsCompany) {
    EXPECT_THROW(Address(base, ApiVersion::v2, ""), ConfigError);
    try {
        Address(base, ApiVersion::v2, "");
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 1u);
        EXPECT_EQ(error.problems()[0].property, "Company");
    }
}

TEST(Address, RejectsBadBaseUrl) {
    EXPECT_THROW(Address("ftp://host/x", ApiVersion::v1, ""), ConfigError);
    EXPECT_THROW(Address("acme.example/Kinetic", ApiVersion::v1, ""), ConfigError);
    EXPECT_THROW(Address("https://host/x?a=b", ApiVersion::v1, ""), ConfigError);
}

TEST(Address, FunctionsNeedV2) {
    const Address address(base, ApiVersion::v1, "EPIC06");
    EXPECT_THROW(address.function("Lib", "Fn"), ConfigError);
}

TEST(Address, BadUrlErrorHidesCredentials) {
    try {
        Address("htps://user:s3cret@host/x", ApiVersion::v1, "");
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos) << error.what();
    }
}

}  // namespace
