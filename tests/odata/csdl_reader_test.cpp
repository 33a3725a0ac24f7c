#include <epicor/error.hpp>

#include "odata/csdl_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using epicor::DataError;
using epicor::EdmType;
using epicor::odata::read_csdl;

const char* const v1_metadata = R"xml(<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
  <edmx:DataServices m:DataServiceVersion="3.0" m:MaxDataServiceVersion="3.0"
      xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
    <Schema Namespace="Erp.Tablesets" xmlns="http://schemas.microsoft.com/ado/2009/11/edm">
      <EntityType Name="CustomerRow">
        <Key><PropertyRef Name="Company"/><PropertyRef Name="CustNum"/></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false" MaxLength="8"/>
        <Property Name="CustNum" Type="Edm.Int32" Nullable="false"/>
        <Property Name="Name" Type="Edm.String" MaxLength="Max"/>
        <Property Name="CreditLimit" Type="Edm.Decimal" Precision="17" Scale="3"/>
        <Property Name="EstDate" Type="Edm.DateTime"/>
        <Property Name="SysRowID" Type="Edm.Guid" Nullable="false"/>
        <NavigationProperty Name="ShipToes" Relationship="Erp.Tablesets.Customer_ShipTo"
            FromRole="Customer" ToRole="ShipTo"/>
      </EntityType>
      <EntityType Name="ShipToRow">
        <Key><PropertyRef Name="Company"/><PropertyRef Name="CustNum"/><PropertyRef Name="ShipToNum"/></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false"/>
        <Property Name="CustNum" Type="Edm.Int32" Nullable="false"/>
        <Property Name="ShipToNum" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <Association Name="Customer_ShipTo">
        <End Type="Erp.Tablesets.CustomerRow" Role="Customer" Multiplicity="1"/>
        <End Type="Erp.Tablesets.ShipToRow" Role="ShipTo" Multiplicity="*"/>
      </Association>
    </Schema>
    <Schema Namespace="Erp.BO.CustomerSvc" xmlns="http://schemas.microsoft.com/ado/2009/11/edm">
      <EntityContainer Name="CustomerSvc" m:IsDefaultEntityContainer="true">
        <EntitySet Name="Customers" EntityType="Erp.Tablesets.CustomerRow"/>
        <EntitySet Name="ShipToes" EntityType="Erp.Tablesets.ShipToRow"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>)xml";

const char* const v4_metadata = R"xml(<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Erp.Tablesets" Alias="T" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="BaseRow" Abstract="true">
        <Key><PropertyRef Name="Company"/></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <EntityType Name="OrderHedRow" BaseType="T.BaseRow">
        <Property Name="OrderNum" Type="Edm.Int32" Nullable="false"/>
        <Property Name="OrderDate" Type="Edm.DateTimeOffset" Precision="7"/>
        <Property Name="DocTotal" Type="Edm.Decimal" Precision="38" Scale="variable"/>
        <Property Name="Tags" Type="Collection(Edm.String)"/>
        <NavigationProperty Name="OrderDtls" Type="Collection(Erp.Tablesets.OrderDtlRow)"/>
        <NavigationProperty Name="Customer" Type="T.CustomerRow"/>
      </EntityType>
    </Schema>
    <Schema Namespace="Default" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityContainer Name="Container">
        <EntitySet Name="SalesOrders" EntityType="T.OrderHedRow"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>)xml";

TEST(CsdlReader, ReadsV1EntityTypes) {
    const auto metadata = read_csdl(v1_metadata);
    ASSERT_EQ(metadata.entity_types.size(), 2u);
    ASSERT_EQ(metadata.entity_sets.size(), 2u);

    const auto* customer = metadata.find_entity_set("Customers");
    ASSERT_NE(customer, nullptr);
    EXPECT_EQ(customer->qualified_name, "Erp.Tablesets.CustomerRow");
    ASSERT_EQ(customer->key.size(), 2u);
    EXPECT_EQ(customer->key[0], "Company");
    EXPECT_EQ(customer->key[1], "CustNum");
    ASSERT_EQ(customer->columns.size(), 6u);

    const auto& company = customer->columns[0];
    EXPECT_EQ(company.type, EdmType::string);
    EXPECT_FALSE(company.nullable);
    EXPECT_EQ(company.max_length, std::optional<int>(8));
    EXPECT_TRUE(company.is_key);

    const auto& name = customer->columns[2];
    EXPECT_TRUE(name.nullable);
    EXPECT_FALSE(name.max_length.has_value());
    EXPECT_FALSE(name.is_key);

    const auto& credit = customer->columns[3];
    EXPECT_EQ(credit.type, EdmType::decimal);
    EXPECT_EQ(credit.type_name, "Edm.Decimal");
    EXPECT_EQ(credit.precision, std::optional<int>(17));
    EXPECT_EQ(credit.scale, std::optional<int>(3));

    EXPECT_EQ(customer->columns[4].type, EdmType::date_time);
    EXPECT_EQ(customer->columns[5].type, EdmType::guid);
}

TEST(CsdlReader, ResolvesV1Associations) {
    const auto metadata = read_csdl(v1_metadata);
    const auto* customer = metadata.find_entity_type("CustomerRow");
    ASSERT_NE(customer, nullptr);
    ASSERT_EQ(customer->navigation.size(), 1u);
    EXPECT_EQ(customer->navigation[0].name, "ShipToes");
    EXPECT_EQ(customer->navigation[0].target_type, "Erp.Tablesets.ShipToRow");
    EXPECT_TRUE(customer->navigation[0].is_collection);
}

TEST(CsdlReader, ReadsV4WithAliasAndBaseType) {
    const auto metadata = read_csdl(v4_metadata);
    const auto* order = metadata.find_entity_set("SalesOrders");
    ASSERT_NE(order, nullptr);
    EXPECT_EQ(order->name, "OrderHedRow");
    ASSERT_EQ(order->key.size(), 1u);
    EXPECT_EQ(order->key[0], "Company");
    ASSERT_EQ(order->columns.size(), 5u);
    EXPECT_EQ(order->columns[0].name, "Company");
    EXPECT_TRUE(order->columns[0].is_key);
    EXPECT_EQ(order->columns[2].type, EdmType::date_time_offset);
    EXPECT_EQ(order->columns[2].precision, std::optional<int>(7));
    EXPECT_EQ(order->columns[3].precision, std::optional<int>(38));
    EXPECT_FALSE(order->columns[3].scale.has_value());
    EXPECT_EQ(order->columns[4].type, EdmType::unknown);
    EXPECT_EQ(order->columns[4].type_name, "Collection(Edm.String)");

    ASSERT_EQ(order->navigation.size(), 2u);
    EXPECT_EQ(order->navigation[0].target_type, "Erp.Tablesets.OrderDtlRow");
    EXPECT_TRUE(order->navigation[0].is_collection);
    EXPECT_EQ(order->navigation[1].target_type, "Erp.Tablesets.CustomerRow");
    EXPECT_FALSE(order->navigation[1].is_collection);
}

TEST(CsdlReader, LookupIsCaseSensitive) {
    const auto metadata = read_csdl(v1_metadata);
    EXPECT_EQ(metadata.find_entity_set("customers"), nullptr);
    EXPECT_EQ(metadata.find_entity_set("Nope"), nullptr);
    EXPECT_EQ(metadata.find_entity_type("Erp.Tablesets.Missing"), nullptr);
}

TEST(CsdlReader, RejectsMalformedXml) {
    try {
        read_csdl("<edmx:Edmx><edmx:DataServices>");
        FAIL() << "expected DataError";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("at byte"), std::string::npos) << error.what();
    }
    EXPECT_THROW(read_csdl(""), DataError);
}

TEST(CsdlReader, RejectsOtherDocuments) {
    EXPECT_THROW(read_csdl("<html><title>Login</title></html>"), DataError);
    EXPECT_THROW(read_csdl(R"(<edmx:Edmx Version="4.0"><edmx:DataServices/></edmx:Edmx>)"), DataError);
}

TEST(CsdlReader, IgnoresEntityDeclarations) {
    const std::string xml = R"xml(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<edmx:Edmx Version="4.0"><edmx:DataServices><Schema Namespace="N">
<EntityType Name="&b;"><Property Name="P" Type="Edm.String"/></EntityType></Schema></edmx:DataServices></edmx:Edmx>)xml";
    const auto metadata = read_csdl(xml);
    ASSERT_EQ(metadata.entity_types.size(), 1u);
    EXPECT_EQ(metadata.entity_types[0].name.find("aaaaaaaaaa"), std::string::npos);
}

TEST(CsdlReader, BaseTypeCycleTerminates) {
    const std::string xml = R"xml(<edmx:Edmx Version="4.0"><edmx:DataServices><Schema Namespace="N">
<EntityType Name="A" BaseType="N.B"><Property Name="PA" Type="Edm.String"/></EntityType>
<EntityType Name="B" BaseType="N.A"><Property Name="PB" Type="Edm.String"/></EntityType>
</Schema></edmx:DataServices></edmx:Edmx>)xml";
    const auto metadata = read_csdl(xml);
    EXPECT_EQ(metadata.entity_types.size(), 2u);
}

}  // namespace
