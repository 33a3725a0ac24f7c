// HTTP errors become the matching HttpError subclass with Epicor's details,
// and plain-text or HTML bodies give a readable message.

#include "client_fixture.hpp"

#include <epicor/error.hpp>

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace client_test {
namespace {

using ErrorMappingTest = ClientTest;

TEST_P(ErrorMappingTest, WrongCaseEntitySetIsNotFound) {
    start();
    auto rows = connect().service("Erp.BO.CustomerSvc").entity_set("customers").query().execute();
    try {
        rows.next();
        FAIL() << "expected NotFoundError";
    } catch (const epicor::NotFoundError& error) {
        EXPECT_EQ(error.status(), 404);
        EXPECT_EQ(error.info().method, "GET");
        EXPECT_NE(error.info().url.find("/customers"), std::string::npos) << error.info().url;
        EXPECT_FALSE(error.error_message().empty());
    }
}

TEST_P(ErrorMappingTest, WrongCaseServiceIsNotFound) {
    start();
    EXPECT_THROW(connect().service("Erp.BO.customerSvc").entity_sets(), epicor::NotFoundError);
}

TEST_P(ErrorMappingTest, DuplicateCreateIsConflict) {
    start();
    auto parts = connect().service("Erp.BO.PartSvc").entity_set("Parts");
    epicor::FieldValues part{{"Company", "EPIC06"},
                             {"PartNum", "BRK-100"},
                             {"PartDescription", "Duplicate"},
                             {"UnitPrice", epicor::Decimal::parse("1.00")}};
    EXPECT_THROW(parts.create(part), epicor::ConflictError);
}

TEST_P(ErrorMappingTest, EpicorBodyFillsInfo) {
    start();
    server().faults().add(mock::Fault::status(400)
                              .message("Customer ID is required.", "Ice.Common.BusinessObjectException")
                              .on("/Customers"));
    auto rows = connect().service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();
    try {
        rows.next();
        FAIL() << "expected BadRequestError";
    } catch (const epicor::BadRequestError& error) {
        EXPECT_EQ(error.status(), 400);
        EXPECT_EQ(error.error_message(), "Customer ID is required.");
        EXPECT_EQ(error.error_type(), "Ice.Common.BusinessObjectException");
        const std::string message = error.what();
        EXPECT_NE(message.find("Customer ID is required."), std::string::npos) << message;
    }
}

TEST_P(ErrorMappingTest, HtmlBodyGivesReadableMessage) {
    start();
    server().faults().add(
        mock::Fault::status(502)
            .html("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>")
            .on("/Customers"));
    auto rows = connect("MaxRetries=0").service("Erp.BO.CustomerSvc").entity_set("Customers").query().execute();
    try {
        rows.next();
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 502);
        EXPECT_NE(error.error_message().find("Bad Gateway"), std::string::npos) << error.error_message();
        EXPECT_EQ(error.error_message().find("<title>"), std::string::npos) << error.error_message();
    }
}

TEST_P(ErrorMappingTest, PlainTextBodyIsMessage) {
    start();
    server().faults().add(mock::Fault::status(503).plain_text("Conversions pending").on("/Parts"));
    auto parts = connect("MaxRetries=0").service("Erp.BO.PartSvc").entity_set("Parts");
    try {
        parts.query().execute().next();
        FAIL() << "expected ServerError";
    } catch (const epicor::ServerError& error) {
        EXPECT_EQ(error.status(), 503);
        EXPECT_NE(error.error_message().find("Conversions pending"), std::string::npos);
    }
}

TEST_P(ErrorMappingTest, RetriedGatewayErrorSucceeds) {
    start();
    server().faults().add(mock::Fault::status(503).retry_after("0").on("/Parts").times(1));
    auto rows = connect("MaxRetries=2").service("Erp.BO.PartSvc").entity_set("Parts").query().top(1).execute();
    EXPECT_TRUE(rows.next());
}

TEST_P(ErrorMappingTest, MalformedBodyIsDataError) {
    start();
    server().faults().add(mock::Fault::malformed_json().on("/Parts"));
    auto rows = connect().service("Erp.BO.PartSvc").entity_set("Parts").query().execute();
    EXPECT_THROW(rows.next(), epicor::DataError);
}

INSTANTIATE_TEST_SUITE_P(Flavors, ErrorMappingTest, all_flavors(), flavor_name);

// A server on 127.0.0.1 that redirects every request, as a Kinetic server
// does for http:// when it wants https://.
TEST(RedirectError, MessageNamesRedactedLocation) {
    httplib::Server server;
    server.Get(".*", [](const httplib::Request& request, httplib::Response& response) {
        response.status = 302;
        response.set_header("Location", "https://127.0.0.1:1" + request.path + "?access_token=Tok-5e1f-SECRET");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    std::thread thread([&server] { server.listen_after_bind(); });
    while (!server.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    try {
        auto connection = epicor::connect("URL=http://127.0.0.1:" + std::to_string(port) +
                                          ";ERPInstance=Kinetic;ApiVersion=v2;Company=EPIC06;User=u;Password=p;ApiKey=k");
        connection.services();
        ADD_FAILURE() << "services() returned";
    } catch (const epicor::HttpError& error) {
        const std::string message = error.what();
        EXPECT_EQ(error.status(), 302);
        EXPECT_NE(message.find("redirects to https://127.0.0.1:1/Kinetic/api/v2/"), std::string::npos) << message;
        EXPECT_EQ(message.find("Tok-5e1f-SECRET"), std::string::npos) << message;
    } catch (const std::exception& error) {
        ADD_FAILURE() << "expected HttpError, got: " << error.what();
    }

    server.stop();
    thread.join();
}

}  // namespace
}  // namespace client_test
