// Creating, updating and deleting rows through an entity set, with exact
// decimals on the way in, and the Readonly property.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

namespace client_test {
namespace {

using WriteTest = ClientTest;

TEST_P(WriteTest, CreateUpdateDeleteRoundTrip) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");

    const epicor::Row created = parts.create(epicor::FieldValues{
        {"Company", "EPIC06"},
        {"PartNum", "TST-1"},
        {"PartDescription", "Test part \xE2\x80\x94 \"quoted\""},
        {"IUM", "EA"},
        {"UnitPrice", epicor::Decimal::parse("9876543210.0123456789")},
    });
    EXPECT_EQ(created.get<std::string>("PartNum"), "TST-1");
    EXPECT_EQ(created.get<epicor::Decimal>("UnitPrice").to_string(), "9876543210.0123456789");

    const epicor::Row read = parts.get({"EPIC06", "TST-1"});
    EXPECT_EQ(read.get<std::string>("PartDescription"), "Test part \xE2\x80\x94 \"quoted\"");
    EXPECT_EQ(read.get<epicor::Decimal>("UnitPrice").to_string(), "9876543210.0123456789");

    parts.update({"EPIC06", "TST-1"}, epicor::FieldValues{{"PartDescription", "Changed"}});
    EXPECT_EQ(parts.get({"EPIC06", "TST-1"}).get<std::string>("PartDescription"), "Changed");

    parts.remove({"EPIC06", "TST-1"});
    EXPECT_THROW(parts.get({"EPIC06", "TST-1"}), epicor::NotFoundError);
}

TEST_P(WriteTest, CreateFromJson) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");
    const epicor::Row created = parts.create(nlohmann::json{
        {"Company", "EPIC06"}, {"PartNum", "TST-J"}, {"PartDescription", "From JSON"}, {"IUM", "EA"}});
    EXPECT_EQ(created.get<std::string>("PartDescription"), "From JSON");
    EXPECT_THROW(parts.create(nlohmann::json::array()), epicor::DataError);
}

TEST_P(WriteTest, KeyWithQuoteIsOneLiteral) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");
    parts.create(epicor::FieldValues{{"Company", "EPIC06"}, {"PartNum", "O'NEIL/1"}, {"IUM", "EA"}});
    EXPECT_EQ(parts.get({"EPIC06", "O'NEIL/1"}).get<std::string>("PartNum"), "O'NEIL/1");
}

TEST_P(WriteTest, UpdateMissingRowIsNotFound) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");
    EXPECT_THROW(parts.update({"EPIC06", "NO-SUCH"}, epicor::FieldValues{{"IUM", "EA"}}),
                 epicor::NotFoundError);
}

TEST_P(WriteTest, ReadonlyRejectsWritesBeforeSending) {
    start();
    auto parts = connect("Readonly=true").service("Erp.BO.PartSvc").entity_set("Parts");
    EXPECT_THROW(parts.remove({"EPIC06", "BRK-100"}), epicor::ConfigError);
    EXPECT_EQ(server().counters().requests, 0U);
}

TEST_P(WriteTest, RepeatedFieldIsDataError) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");
    EXPECT_THROW(parts.update({"EPIC06", "BRK-100"}, epicor::FieldValues{{"IUM", "EA"}, {"IUM", "PC"}}),
                 epicor::DataError);
}

INSTANTIATE_TEST_SUITE_P(Flavors, WriteTest, all_flavors(), flavor_name);

}  // namespace
}  // namespace client_test
