#include <epicor/error.hpp>

#include <utility>

namespace epicor {
namespace {

std::string join_problems(const std::vector<ConfigProblem>& problems) {
    std::string text = "invalid connection settings:";
    for (const auto& problem : problems) {
        text += "\n  ";
        text += problem.property;
        text += ": ";
        text += problem.message;
    }
    return text;
}

std::string describe_http_error(const HttpErrorInfo& info) {
    std::string text = "HTTP " + std::to_string(info.status);
    if (!info.reason_phrase.empty()) {
        text += " " + info.reason_phrase;
    }
    if (!info.method.empty() || !info.url.empty()) {
        text += " from " + info.method + " " + info.url;
    }
    if (!info.error_message.empty()) {
        text += ": " + info.error_message;
    }
    if (!info.error_type.empty()) {
        text += " [" + info.error_type + "]";
    }
    if (!info.correlation_id.empty()) {
        text += " (CorrelationId " + info.correlation_id + ")";
    }
    return text;
}

}  // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : Error(join_problems(problems)), problems_(std::move(problems)) {}

ConfigError::ConfigError(std::string property, std::string message)
    : ConfigError(std::vector<ConfigProblem>{{std::move(property), std::move(message)}}) {}

TransportError::TransportError(const std::string& message, int curl_code, std::string url)
    : Error(message), curl_code_(curl_code), url_(std::move(url)) {}

HttpError::HttpError(HttpErrorInfo info)
    : Error(describe_http_error(info)), info_(std::move(info)) {}

void HttpError::throw_for(HttpErrorInfo info) {
    switch (info.status) {
    case 400: throw BadRequestError(std::move(info));
    case 401: throw UnauthorizedError(std::move(info));
    case 403: throw ForbiddenError(std::move(info));
    case 404: throw NotFoundError(std::move(info));
    case 409: throw ConflictError(std::move(info));
    case 410: throw SessionExpiredError(std::move(info));
    case 429: throw TooManyRequestsError(std::move(info));
    default: break;
    }
    if (info.status >= 500 && info.status <= 599) {
        throw ServerError(std::move(info));
    }
    throw HttpError(std::move(info));
}

AuthError::AuthError(const std::string& message, std::string oauth_error, std::string aadsts_code)
    : Error(message), oauth_error_(std::move(oauth_error)), aadsts_code_(std::move(aadsts_code)) {}

}  // namespace epicor
