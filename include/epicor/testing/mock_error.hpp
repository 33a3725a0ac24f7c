#pragma once

/// \file
/// Errors raised by the mock server's data and query engine. Each carries the
/// HTTP status and the Epicor `ErrorType` the server puts in its error body,
/// so a route handler can turn any of them into a Kinetic-style response.

#include <epicor/testing/export.hpp>

#include <stdexcept>
#include <string>

namespace epicor::testing {

/// Base of every error the mock's engine raises.
class EPICOR_TESTING_API MockError : public std::runtime_error {
public:
    /// `http_status` is the status the server answers with, `error_type` the
    /// Epicor `ErrorType` of the body, `message` its `ErrorMessage`.
    MockError(int http_status, std::string error_type, const std::string& message);

    int http_status() const noexcept { return http_status_; }
    const std::string& error_type() const noexcept { return error_type_; }

private:
    int http_status_;
    std::string error_type_;
};

/// 400: a malformed OData query option, key predicate or request body (unknown
/// field, bad literal, unbalanced parenthesis, wrong types, input too long or
/// too deeply nested). ErrorType `Epicor.RESTApi.ErrorHandling.ApiException`,
/// the type Kinetic uses when its REST layer rejects the call itself.
class EPICOR_TESTING_API QueryError : public MockError {
public:
    explicit QueryError(const std::string& message);
};

/// 400: a row breaks a schema rule on insert or update (missing key, value of
/// the wrong type, string over its maximum length, null in a non-nullable
/// field). ErrorType `Ice.Common.BusinessObjectException`.
class EPICOR_TESTING_API ValidationError : public MockError {
public:
    explicit ValidationError(const std::string& message);
};

/// 404: no row has the given key, or no service, entity set or BAQ has the
/// given name (names are case-sensitive). ErrorType
/// `Ice.Common.RecordNotFoundException`.
class EPICOR_TESTING_API NotFoundError : public MockError {
public:
    explicit NotFoundError(const std::string& message);
};

/// 409: a row with the same key exists. ErrorType
/// `Ice.Common.DuplicateRecordException`.
class EPICOR_TESTING_API DuplicateKeyError : public MockError {
public:
    explicit DuplicateKeyError(const std::string& message);
};

/// 405: the table does not support this write (inserts into a generated
/// table). ErrorType `Epicor.RESTApi.ErrorHandling.ApiException`.
class EPICOR_TESTING_API UnsupportedWriteError : public MockError {
public:
    explicit UnsupportedWriteError(const std::string& message);
};

}  // namespace epicor::testing
