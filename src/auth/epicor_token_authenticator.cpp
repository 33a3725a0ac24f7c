#include "auth/epicor_token_authenticator.hpp"

#include "auth/basic_authenticator.hpp"
#include "auth/credential_guard.hpp"

#include <epicor/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <utility>

namespace epicor::auth {
namespace {

// The token generation each thread last put on a request, so a 401 that
// answers an old token does not throw away a newer one. The owner pointer
// keeps two authenticators used by one thread apart.
struct SentToken {
    const void* owner = nullptr;
    std::uint64_t generation = 0;
};
thread_local SentToken last_sent_token;

// Longest lifetime taken at face value; anything longer is treated as a
// malformed response.
constexpr long long max_expires_in_seconds = 366LL * 24 * 3600;

std::string epicor_error_text(const HttpResponse& response) {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object()) {
        const auto message = body.find("ErrorMessage");
        if (message != body.end() && message->is_string()) {
            return message->get<std::string>();
        }
    }
    return response.reason;
}

// ExpiresIn arrives as a number; a numeric string is accepted as well.
// Returns -1 when the field is missing.
long long read_expires_in(const nlohmann::json& body, const std::string& token_url) {
    const auto field = body.find("ExpiresIn");
    if (field == body.end() || field->is_null()) {
        return -1;
    }
    long long seconds = -1;
    if (field->is_number_integer()) {
        seconds = field->get<long long>();
    } else if (field->is_number_float()) {
        seconds = static_cast<long long>(field->get<double>());
    } else if (field->is_string()) {
        const std::string text = field->get<std::string>();
        char* end = nullptr;
        errno = 0;
        seconds = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || end == nullptr || *end != '\0' || errno != 0) {
            seconds = -2;
        }
    }
    if (seconds <= 0 || seconds > max_expires_in_seconds) {
        throw AuthError("the Epicor token service at " + token_url +
                        " returned an invalid ExpiresIn value: expected a positive number of "
                        "seconds; check that the URL points at a Kinetic server");
    }
    return seconds;
}

}  // namespace

EpicorTokenAuthenticator::EpicorTokenAuthenticator(std::shared_ptr<Transport> transport,
                                                   Options options)
    : transport_(std::move(transport)), options_(std::move(options)) {}

EpicorTokenAuthenticator::~EpicorTokenAuthenticator() {
    wipe(token_.header_value);
    wipe(options_.password);
}

std::uint64_t EpicorTokenAuthenticator::fetch_count() const noexcept {
    std::shared_lock lock(mutex_);
    return fetches_;
}

void EpicorTokenAuthenticator::authenticate(HttpRequest& request) {
    require_safe_for_credentials(request.url, options_.allow_insecure_http, "the Epicor token");

    {
        std::shared_lock lock(mutex_);
        if (token_.generation != 0 && options_.now() < token_.renew_at) {
            request.headers.set("Authorization", token_.header_value);
            last_sent_token = {this, token_.generation};
            return;
        }
    }

    std::unique_lock lock(mutex_);
    // Another thread may have fetched while this one waited for the lock.
    if (token_.generation == 0 || options_.now() >= token_.renew_at) {
        fetch_locked();
    }
    request.headers.set("Authorization", token_.header_value);
    last_sent_token = {this, token_.generation};
}

bool EpicorTokenAuthenticator::on_unauthorized(const HttpResponse& response) {
    static_cast<void>(response);
    std::unique_lock lock(mutex_);
    const bool sent_by_this_thread = last_sent_token.owner == this;
    if (!sent_by_this_thread || last_sent_token.generation == token_.generation) {
        token_.generation = 0;
        wipe(token_.header_value);
    }
    return true;
}

void EpicorTokenAuthenticator::fetch_locked() {
    require_safe_for_credentials(options_.token_url, options_.allow_insecure_http,
                                 "the Epicor login");

    HttpRequest request;
    request.method = "POST";
    request.url = options_.token_url;
    request.headers.set("Accept", "application/json");
    request.headers.set("username", options_.user);
    request.headers.set("password", options_.password);
    if (!options_.api_key.empty()) {
        request.headers.set("x-api-key", options_.api_key);
    }
    // A token request has no side effect beyond issuing a token.
    request.idempotent = true;

    ++fetches_;
    HttpResponse response = transport_->send(request);

    if (!response.ok()) {
        std::string message = "the Epicor token service at " + options_.token_url +
                              " rejected the login with HTTP " + std::to_string(response.status);
        const std::string detail = epicor_error_text(response);
        if (!detail.empty()) {
            message += " (" + detail + ")";
        }
        message += ": check User, Password and, for ApiVersion=v2, ApiKey";
        throw AuthError(message);
    }

    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    const auto access_token =
        body.is_object() ? body.find("AccessToken") : nlohmann::json::const_iterator{};
    if (!body.is_object() || access_token == body.end() || !access_token->is_string() ||
        access_token->get_ref<const std::string&>().empty()) {
        throw AuthError("the Epicor token service at " + options_.token_url +
                        " returned no AccessToken: check that URL and ERPInstance point at a "
                        "Kinetic server");
    }

    const long long expires_in = read_expires_in(body, options_.token_url);
    const auto now = options_.now();
    if (expires_in < 0) {
        // NOTE: without ExpiresIn the token is kept until the server answers 401.
        token_.renew_at = Clock::time_point::max();
    } else {
        const std::chrono::seconds lifetime{expires_in};
        const auto margin = std::min<std::chrono::seconds>(options_.renewal_margin, lifetime / 5);
        token_.renew_at = now + lifetime - margin;
    }

    wipe(token_.header_value);
    token_.header_value = "Bearer " + access_token->get<std::string>();
    token_.generation = fetches_;
    wipe(response.body);
}

}  // namespace epicor::auth
