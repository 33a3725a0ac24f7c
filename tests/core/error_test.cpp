#include <epicor/error.hpp>

#include <gtest/gtest.h>

namespace {

TEST(HttpError, ThrowForPicksSubclassByStatus) {
    epicor::HttpErrorInfo info;
    info.status = 404;
    info.error_message = "Customer not found.";
    info.error_type = "Ice.Common.RecordNotFoundException";
    info.correlation_id = "5f0c1e";
    EXPECT_THROW(epicor::HttpError::throw_for(info), epicor::NotFoundError);

    info.status = 503;
    EXPECT_THROW(epicor::HttpError::throw_for(info), epicor::ServerError);

    info.status = 418;
    try {
        epicor::HttpError::throw_for(info);
        FAIL() << "throw_for returned";
    } catch (const epicor::ServerError&) {
        FAIL() << "418 is not a server error";
    } catch (const epicor::HttpError& error) {
        EXPECT_EQ(error.status(), 418);
    }
}

TEST(HttpError, MessageNamesStatusTypeAndCorrelationId) {
    epicor::HttpErrorInfo info;
    info.status = 400;
    info.method = "GET";
    info.url = "https://erp.example/Kinetic/api/v1/Erp.BO.CustomerSvc/Customers";
    info.error_message = "Customer ID is required.";
    info.error_type = "Ice.Common.BusinessObjectException";
    info.correlation_id = "abc-123";
    const epicor::HttpError error(info);
    const std::string text = error.what();
    EXPECT_NE(text.find("HTTP 400"), std::string::npos);
    EXPECT_NE(text.find("Customer ID is required."), std::string::npos);
    EXPECT_NE(text.find("Ice.Common.BusinessObjectException"), std::string::npos);
    EXPECT_NE(text.find("abc-123"), std::string::npos);
}

TEST(ConfigError, ListsEveryProblem) {
    const std::vector<epicor::ConfigProblem> problems{{"URL", "missing"}, {"ApiVersion", "must be v1 or v2"}};
    const epicor::ConfigError error(problems);
    ASSERT_EQ(error.problems().size(), 2u);
    const std::string text = error.what();
    EXPECT_NE(text.find("URL: missing"), std::string::npos);
    EXPECT_NE(text.find("ApiVersion: must be v1 or v2"), std::string::npos);
}

}  // namespace
