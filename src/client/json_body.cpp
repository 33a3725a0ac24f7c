#include "client/json_body.hpp"

#include "odata/excerpt.hpp"

#include <epicor/error.hpp>

#include <set>

namespace epicor::detail {

void append_json(std::string& out, const Value& value) {
    switch (value.type()) {
    case ValueType::null:
        out += "null";
        return;
    case ValueType::boolean:
        out += value.get<bool>() ? "true" : "false";
        return;
    case ValueType::int64:
        out += std::to_string(value.get<std::int64_t>());
        return;
    case ValueType::decimal:
        out += value.get<Decimal>().to_string();
        return;
    case ValueType::float64:
        out += nlohmann::json(value.get<double>()).dump();
        return;
    case ValueType::json:
        out += value.get<nlohmann::json>().dump();
        return;
    case ValueType::string:
    case ValueType::date_time:
    case ValueType::guid:
    case ValueType::binary:
        break;
    }
    out += nlohmann::json(value.to_string()).dump();
}

std::string to_json_object(const FieldValues& fields) {
    std::string out = "{";
    std::set<std::string> seen;
    for (const auto& [name, value] : fields) {
        if (name.empty()) {
            throw DataError("a field name is empty: give every field of the row a name");
        }
        if (!seen.insert(name).second) {
            throw DataError("the field '" + name + "' is given twice: give each field once");
        }
        if (out.size() > 1) {
            out += ',';
        }
        out += nlohmann::json(name).dump();
        out += ':';
        append_json(out, value);
    }
    out += '}';
    return out;
}

nlohmann::json parse_json_body(const std::string& body, const std::string& call_name) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return nullptr;
    }
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw DataError(call_name + " returned a body that is not JSON: \"" + odata::excerpt(body) +
                        "\"; check that URL and ERPInstance point at a Kinetic server");
    }
    return parsed;
}

}  // namespace epicor::detail
