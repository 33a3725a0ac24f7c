#include <epicor/http.hpp>

#include <algorithm>
#include <cctype>

namespace epicor {
namespace {

bool equals_ignore_case(std::string_view left, std::string_view right) {
    return left.size() == right.size() &&
           std::equal(left.begin(), left.end(), right.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

}  // namespace

void HttpHeaders::add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::set(std::string name, std::string value) {
    remove(name);
    add(std::move(name), std::move(value));
}

void HttpHeaders::remove(std::string_view name) {
    fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                                 [&](const Field& field) { return equals_ignore_case(field.first, name); }),
                  fields_.end());
}

std::optional<std::string> HttpHeaders::get(std::string_view name) const {
    for (const auto& field : fields_) {
        if (equals_ignore_case(field.first, name)) {
            return field.second;
        }
    }
    return std::nullopt;
}

Transport::~Transport() = default;

}  // namespace epicor
