#pragma once

/// \file
/// The exception hierarchy. Every failure the library reports is an
/// epicor::Error subclass whose message names what failed, on which value,
/// and what to do next. No message carries a secret.

#include <epicor/export.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace epicor {

/// Base of every exception the library throws.
class EPICOR_API Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
};

/// One problem found in a connection string or in connection settings.
struct ConfigProblem {
    std::string property;  ///< Canonical property name, or the name as written when unknown.
    std::string message;   ///< What is wrong and what is allowed; never contains a secret value.
};

/// A connection string or its settings are invalid. Thrown before any
/// network traffic; lists every problem found, not only the first.
class EPICOR_API ConfigError : public Error {
public:
    explicit ConfigError(std::vector<ConfigProblem> problems);
    ConfigError(std::string property, std::string message);

    const std::vector<ConfigProblem>& problems() const noexcept { return problems_; }

private:
    std::vector<ConfigProblem> problems_;
};

/// The request never produced an HTTP response: DNS, connect, TLS, timeout,
/// reset or a malformed response. Carries libcurl's code and error text.
class EPICOR_API TransportError : public Error {
public:
    TransportError(const std::string& message, int curl_code, std::string url);

    /// libcurl's CURLcode value, or 0 when the failure did not come from libcurl.
    int curl_code() const noexcept { return curl_code_; }
    /// The request URL with secrets removed.
    const std::string& url() const noexcept { return url_; }

private:
    int curl_code_;
    std::string url_;
};

/// The request ran out of time (the `Timeout` property, a low-speed limit,
/// or the retry policy's total time).
class EPICOR_API TimeoutError : public TransportError {
public:
    using TransportError::TransportError;
};

/// A POST whose body may have reached the server failed before a response
/// arrived, so whether the server acted on it is unknown. Never retried.
class EPICOR_API OutcomeUnknownError : public TransportError {
public:
    using TransportError::TransportError;
};

/// One entry of Epicor's `ErrorDetails` array.
struct ErrorDetail {
    std::string message;
    std::string type;
    std::string table;
    std::string field;
    std::string program;
    std::string method;
};

/// Everything the server sent about a failed call. Fields Kinetic did not
/// send are empty.
struct HttpErrorInfo {
    int status = 0;
    std::string method;              ///< HTTP method of the failed request.
    std::string url;                 ///< Request URL with secrets removed.
    std::string reason_phrase;       ///< Epicor `ReasonPhrase`, else the HTTP reason.
    std::string error_message;       ///< Epicor `ErrorMessage`, or readable text from a non-JSON body.
    std::string error_type;          ///< Epicor `ErrorType`, e.g. Ice.Common.BusinessObjectException.
    std::vector<ErrorDetail> details;  ///< Epicor `ErrorDetails`.
    std::string correlation_id;      ///< Epicor `CorrelationId`, quote it to the Kinetic administrator.
};

/// The server responded with an HTTP error status. Subclasses below match the
/// statuses Kinetic uses; other statuses throw HttpError itself.
class EPICOR_API HttpError : public Error {
public:
    explicit HttpError(HttpErrorInfo info);

    int status() const noexcept { return info_.status; }
    const HttpErrorInfo& info() const noexcept { return info_; }
    const std::string& error_message() const noexcept { return info_.error_message; }
    const std::string& error_type() const noexcept { return info_.error_type; }
    const std::vector<ErrorDetail>& details() const noexcept { return info_.details; }
    const std::string& correlation_id() const noexcept { return info_.correlation_id; }

    /// Builds the exception subclass that matches `info.status`.
    [[noreturn]] static void throw_for(HttpErrorInfo info);

private:
    HttpErrorInfo info_;
};

/// 400: a business rule rejected the call, or the OData query is malformed.
class EPICOR_API BadRequestError : public HttpError { public: using HttpError::HttpError; };
/// 401: the login, the token or the API key was rejected.
class EPICOR_API UnauthorizedError : public HttpError { public: using HttpError::HttpError; };
/// 403: service security or the API key's scope forbids the call.
class EPICOR_API ForbiddenError : public HttpError { public: using HttpError::HttpError; };
/// 404: unknown service, entity set, record or function (names are case-sensitive).
class EPICOR_API NotFoundError : public HttpError { public: using HttpError::HttpError; };
/// 409: a record with the same key exists.
class EPICOR_API ConflictError : public HttpError { public: using HttpError::HttpError; };
/// 410: the Epicor session id is no longer valid.
class EPICOR_API SessionExpiredError : public HttpError { public: using HttpError::HttpError; };
/// 429: a gateway in front of Kinetic is limiting the request rate.
class EPICOR_API TooManyRequestsError : public HttpError { public: using HttpError::HttpError; };
/// 5xx: the server or a proxy in front of it failed.
class EPICOR_API ServerError : public HttpError { public: using HttpError::HttpError; };

/// Sign-in failed: Epicor's token service, Azure AD (with its AADSTS code),
/// the browser flow, or the OAuth settings store.
class EPICOR_API AuthError : public Error {
public:
    explicit AuthError(const std::string& message, std::string oauth_error = {},
                       std::string aadsts_code = {});

    /// The OAuth `error` value, e.g. invalid_grant; empty when none was sent.
    const std::string& oauth_error() const noexcept { return oauth_error_; }
    /// The Azure AD code such as AADSTS70008; empty when none was sent.
    const std::string& aadsts_code() const noexcept { return aadsts_code_; }

private:
    std::string oauth_error_;
    std::string aadsts_code_;
};

/// The OAuth settings file cannot be read, written, locked or decrypted.
class EPICOR_API TokenStoreError : public AuthError {
public:
    using AuthError::AuthError;
};

/// A response body or a value does not have the expected shape or type:
/// malformed JSON, a missing `value` array, or reading null or a string as a
/// number.
class EPICOR_API DataError : public Error {
public:
    using Error::Error;
};

/// The operation was cancelled by the caller.
class EPICOR_API CancelledError : public Error {
public:
    using Error::Error;
};

}  // namespace epicor
