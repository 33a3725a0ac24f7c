// Hostile content in responses: oversized and multi-line error messages,
// terminal escape sequences and absurd Retry-After values must produce a
// short, one-line exception message and no forged log lines.

#include "resilience_support.hpp"

#include <epicor/error.hpp>

#include <string>

namespace resilience_test {
namespace {

TEST(HostileResponseTest, HugeErrorMessageIsShortened) {
    auto server = start_server();
    server->faults().add(mock::Fault::status(400).message(std::string(200000, 'A')).on("/Customers"));
    auto connection = epicor::connect(connection_string(*server));

    try {
        scan_customers(connection);
        FAIL() << "expected BadRequestError";
    } catch (const epicor::BadRequestError& error) {
        EXPECT_LT(std::string(error.what()).size(), 4096U);
        EXPECT_LT(error.error_message().size(), 4096U);
    }
}

TEST(HostileResponseTest, ControlCharactersCannotForgeLines) {
    // A server-controlled message that tries to start a new, forged log line
    // and to recolour the terminal.
    const std::string forged = "Bad row\n2026-01-31T12:00:00.000Z [1] conn=c9 req=1 forged\r\x1b[31mred";
    auto server = start_server();
    TempDir directory;
    const std::string log_path = (directory.path() / "forged.log").string();
    server->faults().add(mock::Fault::status(400).message(forged).on("/Customers"));
    server->faults().add(mock::Fault::status(500).plain_text(forged).on("/Parts"));
    auto connection = epicor::connect(connection_string(*server, "Verbosity=5;Logfile=" + log_path));

    for (const auto& message :
         {std::string(error_message_of([&] { scan_customers(connection); })),
          std::string(error_message_of([&] { connection.service(kPartService).entity_set("Parts").get({"EPIC06", "X"}); }))}) {
        SCOPED_TRACE(message);
        EXPECT_NE(message.find("Bad row"), std::string::npos);
        EXPECT_EQ(message.find('\n'), std::string::npos);
        EXPECT_EQ(message.find('\r'), std::string::npos);
        EXPECT_EQ(message.find('\x1b'), std::string::npos);
    }

    connection.logger()->flush();
    const std::string log = read_file(log_path);
    EXPECT_EQ(log.find("\nconn=c9"), std::string::npos);
    EXPECT_EQ(log.find("\n2026-01-31T12:00:00.000Z"), std::string::npos) << log;
    EXPECT_EQ(log.find('\x1b'), std::string::npos);
}

TEST(HostileResponseTest, HugeRetryAfterIsCapped) {
    for (const std::string value : {"99999999999999999999999", "2147483648", "Fri, 31 Dec 9999 23:59:59 GMT"}) {
        SCOPED_TRACE("Retry-After: " + value);
        auto server = start_server();
        server->faults().add(mock::Fault::status(503).retry_after(value).on("/Customers").times(1));
        RecordedWaits waits;
        auto connection = connect_through(*server, retrying_stack(recording_policy(waits)));

        EXPECT_NO_THROW(EXPECT_EQ(scan_customers(connection).rows, mock::demo::kCustomerCount));

        // Either read and capped at the 30 s maximum, or ignored for the
        // 500 ms backoff; never an overflow into a negative or endless wait.
        ASSERT_EQ(waits.waits().size(), 1U);
        EXPECT_GE(waits.waits()[0].count(), 500);
        EXPECT_LE(waits.waits()[0].count(), 30000);
    }
}

}  // namespace
}  // namespace resilience_test
