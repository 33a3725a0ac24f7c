#include <epicor/testing/request_log.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace epicor::testing {
namespace {

std::string to_lower(std::string_view text) {
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered;
}

// A field is secret when its name contains one of these fragments, or is
// exactly `code` (an OAuth authorization code). Names such as `TermsCode`
// stay visible because business rows carry many of them.
constexpr std::array<std::string_view, 7> secret_field_fragments{
    "password", "secret", "token", "assertion", "verifier", "api-key", "apikey"};

bool is_secret_field(std::string_view name) {
    const std::string lowered = to_lower(name);
    if (lowered == "code") {
        return true;
    }
    return std::any_of(secret_field_fragments.begin(), secret_field_fragments.end(),
                       [&](std::string_view fragment) { return lowered.find(fragment) != std::string::npos; });
}

void mask_json(nlohmann::json& value) {
    if (value.is_object()) {
        for (auto& [name, member] : value.items()) {
            if (is_secret_field(name) && !member.is_null()) {
                member = std::string(masked_value);
            } else {
                mask_json(member);
            }
        }
    } else if (value.is_array()) {
        for (auto& element : value) {
            mask_json(element);
        }
    }
}

// Masks `name=value` pairs of an `&`-separated list whose name is a secret.
std::string mask_pairs(std::string_view text) {
    std::string masked;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('&', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view pair = text.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (!masked.empty() || start > 0) {
            masked += '&';
        }
        if (equals != std::string_view::npos && is_secret_field(pair.substr(0, equals))) {
            masked += pair.substr(0, equals + 1);
            masked += masked_value;
        } else {
            masked += pair;
        }
        start = end + 1;
    }
    return masked;
}

}  // namespace

std::optional<std::string> LoggedRequest::header(std::string_view name) const {
    const std::string wanted = to_lower(name);
    for (const auto& [field, value] : headers) {
        if (to_lower(field) == wanted) {
            return value;
        }
    }
    return std::nullopt;
}

std::size_t RequestLog::append(LoggedRequest entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back(std::move(entry));
    return base_ + entries_.size() - 1;
}

void RequestLog::set_status(std::size_t index, int status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index >= base_ && index - base_ < entries_.size()) {
        entries_[index - base_].status = status;
    }
}

std::vector<LoggedRequest> RequestLog::entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_;
}

std::optional<LoggedRequest> RequestLog::last() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.empty()) {
        return std::nullopt;
    }
    return entries_.back();
}

std::size_t RequestLog::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

void RequestLog::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    base_ += entries_.size();
    entries_.clear();
}

std::string mask_header_value(std::string_view name, std::string_view value) {
    static constexpr std::array<std::string_view, 7> secret_headers{
        "authorization", "x-api-key", "username", "password", "cookie", "set-cookie", "proxy-authorization"};
    const std::string lowered = to_lower(name);
    const bool secret = std::find(secret_headers.begin(), secret_headers.end(), lowered) != secret_headers.end();
    if (!secret) {
        return std::string(value);
    }
    // Keep the scheme of Authorization so tests can tell Basic from Bearer.
    if (lowered == "authorization" || lowered == "proxy-authorization") {
        const std::size_t space = value.find(' ');
        if (space != std::string_view::npos) {
            return std::string(value.substr(0, space + 1)) + std::string(masked_value);
        }
    }
    return std::string(masked_value);
}

std::string mask_query(std::string_view query) {
    if (query.empty()) {
        return {};
    }
    return mask_pairs(query);
}

std::string mask_body(std::string_view body, std::string_view content_type) {
    const std::string type = to_lower(content_type);
    if (type.find("application/x-www-form-urlencoded") != std::string::npos) {
        return mask_pairs(body);
    }
    if (type.find("json") != std::string::npos || (!body.empty() && (body.front() == '{' || body.front() == '['))) {
        auto parsed = nlohmann::json::parse(body, nullptr, false);
        if (parsed.is_discarded()) {
            return std::string(body);
        }
        mask_json(parsed);
        return parsed.dump();
    }
    return std::string(body);
}

}  // namespace epicor::testing
