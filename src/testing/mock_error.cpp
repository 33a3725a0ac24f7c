#include <epicor/testing/mock_error.hpp>

#include <utility>

namespace epicor::testing {

MockError::MockError(int http_status, std::string error_type, const std::string& message)
    : std::runtime_error(message), http_status_(http_status), error_type_(std::move(error_type)) {}

QueryError::QueryError(const std::string& message)
    : MockError(400, "Epicor.RESTApi.ErrorHandling.ApiException", message) {}

ValidationError::ValidationError(const std::string& message)
    : MockError(400, "Ice.Common.BusinessObjectException", message) {}

NotFoundError::NotFoundError(const std::string& message)
    : MockError(404, "Ice.Common.RecordNotFoundException", message) {}

DuplicateKeyError::DuplicateKeyError(const std::string& message)
    : MockError(409, "Ice.Common.DuplicateRecordException", message) {}

UnsupportedWriteError::UnsupportedWriteError(const std::string& message)
    : MockError(405, "Epicor.RESTApi.ErrorHandling.ApiException", message) {}

}  // namespace epicor::testing
