#include <epicor/testing/fault.hpp>

#include <regex>
#include <stdexcept>
#include <utility>

namespace epicor::testing {

Fault::Fault(Kind kind) : kind_(kind) {}

Fault Fault::status(int http_status) {
    if (http_status < 100 || http_status > 599) {
        throw std::invalid_argument("Fault::status: HTTP status " + std::to_string(http_status) +
                                    " is invalid; use a value from 100 to 599");
    }
    Fault fault(Kind::status);
    fault.http_status_ = http_status;
    return fault;
}

Fault Fault::delay(std::chrono::milliseconds duration) {
    Fault fault(Kind::delay);
    fault.delay_ = duration;
    return fault;
}

Fault Fault::trickle(std::size_t chunk_bytes, std::chrono::milliseconds interval) {
    if (chunk_bytes == 0) {
        throw std::invalid_argument("Fault::trickle: chunk_bytes is 0; use at least 1 byte per chunk");
    }
    Fault fault(Kind::trickle);
    fault.chunk_bytes_ = chunk_bytes;
    fault.chunk_interval_ = interval;
    return fault;
}

Fault Fault::reset() { return Fault(Kind::reset); }
Fault Fault::reset_mid_body() { return Fault(Kind::reset_mid_body); }
Fault Fault::truncated_body() { return Fault(Kind::truncated_body); }
Fault Fault::malformed_json() { return Fault(Kind::malformed_json); }

Fault Fault::expired_token() {
    Fault fault(Kind::expired_token);
    fault.http_status_ = 401;
    return fault;
}

Fault& Fault::on(const std::string& path_regex) {
    try {
        compiled_regex_ = std::make_shared<const std::regex>(path_regex, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
        throw std::invalid_argument("Fault::on: path expression '" + path_regex +
                                    "' is invalid (" + error.what() + "); use ECMAScript regex syntax");
    }
    path_regex_ = path_regex;
    return *this;
}

Fault& Fault::method(std::string http_method) {
    method_ = std::move(http_method);
    return *this;
}

Fault& Fault::after(std::size_t count) {
    skip_ = count;
    return *this;
}

Fault& Fault::times(std::size_t count) {
    if (count == 0) {
        throw std::invalid_argument("Fault::times: count is 0; use at least 1, or omit times() for every request");
    }
    remaining_ = count;
    return *this;
}

Fault& Fault::retry_after(std::string value) {
    retry_after_ = std::move(value);
    return *this;
}

Fault& Fault::with_delay(std::chrono::milliseconds duration) {
    delay_ = duration;
    return *this;
}

Fault& Fault::plain_text(std::string body) {
    body_format_ = BodyFormat::plain_text;
    body_ = std::move(body);
    return *this;
}

Fault& Fault::html(std::string body) {
    body_format_ = BodyFormat::html;
    body_ = std::move(body);
    return *this;
}

Fault& Fault::message(std::string error_message, std::string error_type) {
    body_format_ = BodyFormat::epicor_json;
    error_message_ = std::move(error_message);
    error_type_ = std::move(error_type);
    return *this;
}

bool Fault::matches(const std::string& http_method, const std::string& path) const {
    if (!method_.empty() && method_ != http_method) {
        return false;
    }
    if (compiled_regex_) {
        const auto& expression = *static_cast<const std::regex*>(compiled_regex_.get());
        return std::regex_search(path, expression);
    }
    return true;
}

void FaultInjector::add(Fault fault) {
    std::lock_guard<std::mutex> lock(mutex_);
    faults_.push_back(std::move(fault));
}

void FaultInjector::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    faults_.clear();
    fired_ = 0;
}

std::size_t FaultInjector::pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return faults_.size();
}

std::size_t FaultInjector::fired() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return fired_;
}

std::optional<Fault> FaultInjector::take(const std::string& http_method, const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (!it->matches(http_method, path)) {
            continue;
        }
        if (it->skip_ > 0) {
            --it->skip_;
            continue;
        }
        Fault fired = *it;
        if (it->remaining_ && --*it->remaining_ == 0) {
            faults_.erase(it);
        }
        ++fired_;
        return fired;
    }
    return std::nullopt;
}

}  // namespace epicor::testing
