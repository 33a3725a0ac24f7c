#include "odata/address.hpp"

#include "odata/percent_encoding.hpp"

#include <epicor/error.hpp>
#include <epicor/filter.hpp>

#include <string>
#include <utility>

namespace epicor::odata {
namespace {

bool is_kept_in_segment(unsigned char c) noexcept {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '-': case '.': case '_': case '~':
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',':
    case ';': case '=': case ':': case '@':
        return true;
    default:
        return false;
    }
}

// Encodes without the empty, "." and ".." checks, for key predicates whose
// text is made by format_key().
std::string encode_segment_text(std::string_view text) {
    return odata::percent_encode(text, is_kept_in_segment);
}

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string encode_path_segment(std::string_view name) {
    if (name.empty() || name == "." || name == "..") {
        throw DataError("invalid name '" + std::string(name) +
                        "' in a request path: give the service, entity set, BAQ or function name");
    }
    return encode_segment_text(name);
}

Address::Address(std::string base_url, ApiVersion version, std::string company)
    : base_url_(std::move(base_url)), version_(version), company_(std::move(company)) {
    while (!base_url_.empty() && base_url_.back() == '/') {
        base_url_.pop_back();
    }
    if (!starts_with(base_url_, "https://") && !starts_with(base_url_, "http://")) {
        throw ConfigError("URL", "must start with https:// or http://, e.g. https://host/ERPInstance");
    }
    if (base_url_.find_first_of("?#") != std::string::npos) {
        throw ConfigError("URL", "must not contain a query or fragment; give only https://host/ERPInstance");
    }
    if (version_ == ApiVersion::v2 && company_.empty()) {
        throw ConfigError("Company", "is required with ApiVersion=v2; set Company=<company ID>, e.g. EPIC06");
    }
}

std::string Address::service_list() const {
    if (version_ == ApiVersion::v1) {
        return base_url_ + "/api/v1/";
    }
    return base_url_ + "/api/v2/odata/" + encode_path_segment(company_) + "/";
}

std::string Address::service_root(std::string_view service) const {
    return service_list() + encode_path_segment(service);
}

std::string Address::service_document(std::string_view service) const {
    return service_root(service) + "/";
}

std::string Address::metadata(std::string_view service) const {
    return service_root(service) + "/$metadata";
}

std::string Address::entity_set(std::string_view service, std::string_view entity_set) const {
    return service_root(service) + "/" + encode_path_segment(entity_set);
}

std::string Address::entity(std::string_view service, std::string_view entity_set,
                            const std::vector<Value>& key) const {
    return this->entity_set(service, entity_set) + encode_segment_text(format_key(key, version_));
}

std::string Address::method(std::string_view service, std::string_view method) const {
    return service_root(service) + "/" + encode_path_segment(method);
}

std::string Address::baq(std::string_view baq_id) const {
    if (version_ == ApiVersion::v1) {
        return base_url_ + "/api/v1/BaqSvc/" + encode_path_segment(baq_id) + "/";
    }
    return service_root("BaqSvc") + "/" + encode_path_segment(baq_id) + "/Data";
}

std::string Address::function(std::string_view library, std::string_view function,
                              bool staging) const {
    if (version_ == ApiVersion::v1) {
        throw ConfigError("ApiVersion", "Epicor Functions need ApiVersion=v2; API v1 has no function endpoint");
    }
    std::string url = base_url_ + "/api/v2/efx/";
    if (staging) {
        url += "staging/";
    }
    url += encode_path_segment(company_) + "/" + encode_path_segment(library) + "/" +
           encode_path_segment(function);
    return url;
}

}  // namespace epicor::odata
