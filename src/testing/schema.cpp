#include <epicor/testing/schema.hpp>

#include <set>
#include <stdexcept>

namespace epicor::testing {

std::string edm_type_name(FieldType type, ODataVersion version) {
    switch (type) {
    case FieldType::String: return "Edm.String";
    case FieldType::Int32: return "Edm.Int32";
    case FieldType::Int64: return "Edm.Int64";
    case FieldType::Decimal: return "Edm.Decimal";
    case FieldType::Double: return "Edm.Double";
    case FieldType::Boolean: return "Edm.Boolean";
    case FieldType::DateTime: return version == ODataVersion::v1 ? "Edm.DateTime" : "Edm.DateTimeOffset";
    case FieldType::DateTimeOffset: return "Edm.DateTimeOffset";
    case FieldType::Guid: return "Edm.Guid";
    }
    return "Edm.String";
}

std::string_view field_type_name(FieldType type) {
    switch (type) {
    case FieldType::String: return "String";
    case FieldType::Int32: return "Int32";
    case FieldType::Int64: return "Int64";
    case FieldType::Decimal: return "Decimal";
    case FieldType::Double: return "Double";
    case FieldType::Boolean: return "Boolean";
    case FieldType::DateTime: return "DateTime";
    case FieldType::DateTimeOffset: return "DateTimeOffset";
    case FieldType::Guid: return "Guid";
    }
    return "String";
}

EntityType::EntityType(std::string name, std::vector<Field> fields, std::vector<std::string> keys,
                       std::vector<Navigation> navigations)
    : name_(std::move(name)), fields_(std::move(fields)), keys_(std::move(keys)),
      navigations_(std::move(navigations)) {
    std::set<std::string_view> names;
    for (const Field& field : fields_) {
        if (!names.insert(field.name).second) {
            throw std::invalid_argument("entity type " + name_ + " declares field " + field.name + " twice");
        }
    }
    for (const std::string& key : keys_) {
        if (find_field(key) == nullptr) {
            throw std::invalid_argument("key field " + key + " of entity type " + name_ + " is not one of its fields");
        }
    }
    for (const Navigation& navigation : navigations_) {
        for (const auto& [parent_field, child_field] : navigation.key_mapping) {
            if (find_field(parent_field) == nullptr) {
                throw std::invalid_argument("navigation " + navigation.name + " of entity type " + name_ +
                                            " maps field " + parent_field + ", which the type does not have");
            }
        }
    }
}

const Field* EntityType::find_field(std::string_view name) const noexcept {
    for (const Field& field : fields_) {
        if (field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

std::optional<std::size_t> EntityType::field_index(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].name == name) {
            return i;
        }
    }
    return std::nullopt;
}

const Navigation* EntityType::find_navigation(std::string_view name) const noexcept {
    for (const Navigation& navigation : navigations_) {
        if (navigation.name == name) {
            return &navigation;
        }
    }
    return nullptr;
}

std::vector<const Field*> EntityType::key_fields() const {
    std::vector<const Field*> result;
    result.reserve(keys_.size());
    for (const std::string& key : keys_) {
        result.push_back(find_field(key));
    }
    return result;
}

const EntitySetInfo* ServiceInfo::find_entity_set(std::string_view set_name) const noexcept {
    for (const EntitySetInfo& entity_set : entity_sets) {
        if (entity_set.name == set_name) {
            return &entity_set;
        }
    }
    return nullptr;
}

}  // namespace epicor::testing
