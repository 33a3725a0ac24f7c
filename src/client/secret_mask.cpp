#include "client/secret_mask.hpp"

#include "core/redact.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace epicor::detail {

void SecretMask::add(std::string_view secret) {
    if (secret.size() < min_length) {
        return;
    }
    if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) {
        return;
    }
    secrets_.emplace_back(secret);
    // Longest first, so a secret that contains another is masked whole.
    std::sort(secrets_.begin(), secrets_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void SecretMask::add_credentials_of(const HttpRequest& request) {
    if (const auto authorization = request.headers.get("Authorization")) {
        const auto space = authorization->find(' ');
        add(space == std::string::npos ? *authorization : authorization->substr(space + 1));
    }
    if (const auto api_key = request.headers.get("x-api-key")) {
        add(*api_key);
    }
    if (const auto license = request.headers.get("License")) {
        const auto parsed = nlohmann::json::parse(*license, nullptr, false);
        if (parsed.is_object()) {
            const auto& fields = parsed.get_ref<const nlohmann::json::object_t&>();
            const auto found = fields.find("SessionID");
            if (found != fields.end() && found->second.is_string()) {
                add(found->second.get<std::string>());
            }
        }
    }
}

std::string SecretMask::apply(std::string text) const {
    for (const auto& secret : secrets_) {
        std::size_t position = text.find(secret);
        while (position != std::string::npos) {
            text.replace(position, secret.size(), redacted_text);
            position = text.find(secret, position + redacted_text.size());
        }
    }
    return text;
}

void SecretMask::apply(HttpErrorInfo& info) const {
    if (secrets_.empty()) {
        return;
    }
    for (std::string* field : {&info.url, &info.reason_phrase, &info.error_message,
                               &info.error_type, &info.correlation_id}) {
        *field = apply(std::move(*field));
    }
    for (auto& detail : info.details) {
        for (std::string* field : {&detail.message, &detail.type, &detail.table, &detail.field,
                                   &detail.program, &detail.method}) {
            *field = apply(std::move(*field));
        }
    }
}

}  // namespace epicor::detail
