#include <epicor/testing/csdl.hpp>
#include <epicor/testing/dataset.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <string>

namespace epicor::testing {
namespace {

ServiceInfo service(const char* name) {
    return make_demo_dataset()->find_service(name).value();
}

pugi::xml_node parse(pugi::xml_document& document, const std::string& xml) {
    const pugi::xml_parse_result parsed = document.load_string(xml.c_str());
    EXPECT_TRUE(parsed) << parsed.description();
    return document.child("edmx:Edmx");
}

pugi::xml_node schema_of(pugi::xml_node edmx) {
    return edmx.child("edmx:DataServices").child("Schema");
}

pugi::xml_node property(pugi::xml_node entity_type, const char* name) {
    return entity_type.find_child_by_attribute("Property", "Name", name);
}

TEST(CsdlTest, V1ShapeKeysAndTypes) {
    pugi::xml_document document;
    const auto edmx = parse(document, write_metadata(service(demo::kCustomerService), ODataVersion::v1));
    EXPECT_STREQ(edmx.attribute("Version").value(), "1.0");
    EXPECT_STREQ(edmx.child("edmx:DataServices").attribute("m:DataServiceVersion").value(), "3.0");
    const auto schema = schema_of(edmx);
    EXPECT_STREQ(schema.attribute("Namespace").value(), "Erp.BO.CustomerSvc");

    const auto customer = schema.find_child_by_attribute("EntityType", "Name", "Customer");
    ASSERT_TRUE(customer);
    const auto key = customer.child("Key");
    auto ref = key.child("PropertyRef");
    EXPECT_STREQ(ref.attribute("Name").value(), "Company");
    EXPECT_STREQ(ref.next_sibling("PropertyRef").attribute("Name").value(), "CustNum");

    EXPECT_STREQ(property(customer, "EstDate").attribute("Type").value(), "Edm.DateTime");
    EXPECT_STREQ(property(customer, "ChangedOn").attribute("Type").value(), "Edm.DateTimeOffset");
    EXPECT_STREQ(property(customer, "CustNum").attribute("Nullable").value(), "false");
    EXPECT_FALSE(property(customer, "EstDate").attribute("Nullable"));
    EXPECT_STREQ(property(customer, "CustID").attribute("MaxLength").value(), "10");
    EXPECT_STREQ(property(customer, "CreditLimit").attribute("Type").value(), "Edm.Decimal");
    EXPECT_STREQ(property(customer, "CreditLimit").attribute("Precision").value(), "28");
    EXPECT_STREQ(property(customer, "CreditLimit").attribute("Scale").value(), "2");
    EXPECT_STREQ(property(customer, "SysRowID").attribute("Type").value(), "Edm.Guid");

    const auto container = schema.child("EntityContainer");
    EXPECT_TRUE(container.find_child_by_attribute("EntitySet", "Name", "Customers"));
    EXPECT_TRUE(container.find_child_by_attribute("EntitySet", "Name", "ShipToes"));
}

TEST(CsdlTest, V1NavigationHasAssociation) {
    pugi::xml_document document;
    const auto schema = schema_of(parse(document, write_metadata(service(demo::kSalesOrderService), ODataVersion::v1)));
    const auto order = schema.find_child_by_attribute("EntityType", "Name", "OrderHed");
    const auto navigation = order.find_child_by_attribute("NavigationProperty", "Name", "OrderDtls");
    ASSERT_TRUE(navigation);
    const std::string relationship = navigation.attribute("Relationship").value();
    ASSERT_EQ(relationship.rfind("Erp.BO.SalesOrderSvc.", 0), 0u);
    const auto association =
        schema.find_child_by_attribute("Association", "Name", relationship.substr(std::string("Erp.BO.SalesOrderSvc.").size()).c_str());
    ASSERT_TRUE(association);
    EXPECT_TRUE(association.find_child_by_attribute("End", "Multiplicity", "*"));
    EXPECT_TRUE(schema.child("EntityContainer").child("AssociationSet"));
}

TEST(CsdlTest, V2ShapeAndNavigationBinding) {
    pugi::xml_document document;
    const auto edmx = parse(document, write_metadata(service(demo::kSalesOrderService), ODataVersion::v2));
    EXPECT_STREQ(edmx.attribute("Version").value(), "4.0");
    const auto schema = schema_of(edmx);
    const auto order = schema.find_child_by_attribute("EntityType", "Name", "OrderHed");
    ASSERT_TRUE(order);
    EXPECT_STREQ(property(order, "OrderDate").attribute("Type").value(), "Edm.DateTimeOffset");
    EXPECT_STREQ(property(order, "OrderAmt").attribute("Scale").value(), "2");

    const auto navigation = order.find_child_by_attribute("NavigationProperty", "Name", "OrderDtls");
    ASSERT_TRUE(navigation);
    EXPECT_STREQ(navigation.attribute("Type").value(), "Collection(Erp.BO.SalesOrderSvc.OrderDtl)");
    EXPECT_TRUE(navigation.find_child_by_attribute("ReferentialConstraint", "Property", "OrderNum"));

    const auto set = schema.child("EntityContainer").find_child_by_attribute("EntitySet", "Name", "SalesOrders");
    ASSERT_TRUE(set);
    EXPECT_STREQ(set.attribute("EntityType").value(), "Erp.BO.SalesOrderSvc.OrderHed");
    const auto binding = set.child("NavigationPropertyBinding");
    EXPECT_STREQ(binding.attribute("Path").value(), "OrderDtls");
    EXPECT_STREQ(binding.attribute("Target").value(), "OrderDtls");
}

TEST(CsdlTest, ServiceDocumentPerVersion) {
    const auto customers = service(demo::kCustomerService);
    const std::string v1_text = write_service_document(customers, ODataVersion::v1, "https://127.0.0.1/api/v1/Erp.BO.CustomerSvc/$metadata");
    EXPECT_EQ(v1_text.rfind("{\"odata.metadata\":", 0), 0u);
    const auto v1 = nlohmann::json::parse(v1_text);
    ASSERT_EQ(v1["value"].size(), 2u);
    EXPECT_EQ(v1["value"][0]["name"], "Customers");
    EXPECT_EQ(v1["value"][0]["url"], "Customers");
    EXPECT_FALSE(v1["value"][0].contains("kind"));

    const auto v2 = nlohmann::json::parse(write_service_document(customers, ODataVersion::v2, "ctx"));
    EXPECT_EQ(v2["@odata.context"], "ctx");
    EXPECT_EQ(v2["value"][1]["name"], "ShipToes");
    EXPECT_EQ(v2["value"][1]["kind"], "EntitySet");
}

}  // namespace
}  // namespace epicor::testing
