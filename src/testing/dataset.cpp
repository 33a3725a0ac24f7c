#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_error.hpp>

#include "testing/value_compare.hpp"

#include <charconv>
#include <stdexcept>
#include <utility>

namespace epicor::testing {
namespace {

bool is_integer_text(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    return result.ec == std::errc() && result.ptr == end;
}

bool is_double_text(const std::string& text) {
    if (text.empty()) {
        return false;
    }
    std::size_t used = 0;
    try {
        (void)std::stod(text, &used);
    } catch (const std::exception&) {
        return false;
    }
    return used == text.size();
}

// Checks one BAQ argument value against its parameter type.
bool value_fits(FieldType type, const std::string& value) {
    switch (type) {
    case FieldType::String: return true;
    case FieldType::Int32:
    case FieldType::Int64: return is_integer_text(value);
    case FieldType::Decimal: return detail::is_decimal_text(value);
    case FieldType::Double: return is_double_text(value);
    case FieldType::Boolean: return value == "true" || value == "false";
    case FieldType::DateTime:
    case FieldType::DateTimeOffset: return detail::parse_instant(value).has_value();
    case FieldType::Guid: return detail::is_guid_text(value);
    }
    return false;
}

void check_baq_arguments(const Baq& baq, const BaqArguments& arguments) {
    for (const auto& [name, values] : arguments) {
        const BaqParameter* parameter = nullptr;
        for (const BaqParameter& candidate : baq.parameters) {
            if (candidate.name == name) {
                parameter = &candidate;
            }
        }
        if (parameter == nullptr) {
            throw QueryError("BAQ " + baq.id + " has no parameter named " + name +
                             " (names are case-sensitive)");
        }
        if (!parameter->is_list && values.size() > 1) {
            throw QueryError("BAQ parameter " + name + " takes one value but was given " +
                             std::to_string(values.size()) + "; only list parameters may repeat");
        }
        for (const std::string& value : values) {
            if (!value_fits(parameter->type, value)) {
                throw QueryError("BAQ parameter " + name + " expects a " +
                                 std::string(field_type_name(parameter->type)) + " value, but got '" + value + "'");
            }
        }
    }
    for (const BaqParameter& parameter : baq.parameters) {
        const auto given = arguments.find(parameter.name);
        if (parameter.required && (given == arguments.end() || given->second.empty())) {
            throw QueryError("BAQ " + baq.id + " requires parameter " + parameter.name +
                             "; add ?" + parameter.name + "=VALUE to the query string");
        }
    }
}

}  // namespace

Dataset::Dataset(std::string company) : company_(std::move(company)) {}

void Dataset::add_service(std::string service_name) {
    for (const ServiceEntry& service : services_) {
        if (service.name == service_name) {
            throw std::invalid_argument("service " + service_name + " already exists in company " + company_);
        }
    }
    services_.push_back(ServiceEntry{std::move(service_name), {}});
}

void Dataset::add_table(const std::string& service_name, std::shared_ptr<Table> table) {
    if (!table) {
        throw std::invalid_argument("add_table() for service " + service_name + " was given a null table");
    }
    for (ServiceEntry& service : services_) {
        if (service.name != service_name) {
            continue;
        }
        for (const auto& existing : service.tables) {
            if (existing->entity_set_name() == table->entity_set_name()) {
                throw std::invalid_argument("service " + service_name + " already has entity set " +
                                            table->entity_set_name());
            }
        }
        service.tables.push_back(std::move(table));
        return;
    }
    throw std::invalid_argument("service " + service_name + " does not exist; call add_service() first");
}

void Dataset::add_baq(Baq baq) {
    if (find_baq(baq.id) != nullptr) {
        throw std::invalid_argument("BAQ " + baq.id + " already exists in company " + company_);
    }
    if (!baq.columns || !baq.run) {
        throw std::invalid_argument("BAQ " + baq.id + " needs columns and a run function");
    }
    baqs_.push_back(std::make_unique<Baq>(std::move(baq)));
}

std::vector<ServiceInfo> Dataset::services() const {
    std::vector<ServiceInfo> result;
    result.reserve(services_.size());
    for (const ServiceEntry& service : services_) {
        ServiceInfo info{service.name, {}};
        for (const auto& table : service.tables) {
            info.entity_sets.push_back(EntitySetInfo{table->entity_set_name(), table->type_ptr()});
        }
        result.push_back(std::move(info));
    }
    return result;
}

std::optional<ServiceInfo> Dataset::find_service(std::string_view service_name) const {
    for (ServiceInfo& info : services()) {
        if (info.name == service_name) {
            return std::move(info);
        }
    }
    return std::nullopt;
}

std::shared_ptr<Table> Dataset::find_table(std::string_view service_name, std::string_view entity_set_name) const {
    for (const ServiceEntry& service : services_) {
        if (service.name != service_name) {
            continue;
        }
        for (const auto& table : service.tables) {
            if (table->entity_set_name() == entity_set_name) {
                return table;
            }
        }
    }
    return nullptr;
}

const Baq* Dataset::find_baq(std::string_view baq_id) const {
    for (const auto& baq : baqs_) {
        if (baq->id == baq_id) {
            return baq.get();
        }
    }
    return nullptr;
}

std::vector<const Baq*> Dataset::baqs() const {
    std::vector<const Baq*> result;
    result.reserve(baqs_.size());
    for (const auto& baq : baqs_) {
        result.push_back(baq.get());
    }
    return result;
}

std::shared_ptr<Table> Dataset::run_baq(std::string_view baq_id, const BaqArguments& arguments) const {
    const Baq* baq = find_baq(baq_id);
    if (baq == nullptr) {
        throw NotFoundError("BAQ " + std::string(baq_id) + " does not exist in company " + company_ +
                            " (BAQ ids are case-sensitive)");
    }
    check_baq_arguments(*baq, arguments);

    auto table = std::make_shared<MemoryTable>(baq->id, baq->columns);
    for (Row& row : baq->run(*this, arguments)) {
        table->insert(std::move(row));
    }
    return table;
}

}  // namespace epicor::testing
