#include "odata/csdl_reader.hpp"

#include <epicor/error.hpp>

#include "odata/excerpt.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace epicor::odata {
namespace {

// pugixml does not resolve XML namespaces, and CSDL documents use several
// prefixes (`edmx:`, none, or a custom one), so elements match on their
// local name.
std::string_view local_name(const pugi::xml_node& node) noexcept {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_named(const pugi::xml_node& node, std::string_view name) noexcept {
    return node.type() == pugi::node_element && local_name(node) == name;
}

std::optional<int> read_facet(const pugi::xml_node& node, const char* name) {
    const char* text = node.attribute(name).value();
    int value = 0;
    const auto* end = text + std::strlen(text);
    const auto result = std::from_chars(text, end, value);
    if (result.ec != std::errc() || result.ptr != end || value < 0) {
        return std::nullopt;  // absent, "Max", "variable" or "Variable"
    }
    return value;
}

bool read_nullable(const pugi::xml_node& node) {
    const std::string_view text = node.attribute("Nullable").value();
    return text != "false";
}

// Strips `Collection(...)` and returns whether it was there.
std::pair<std::string, bool> unwrap_collection(std::string_view type) {
    constexpr std::string_view prefix = "Collection(";
    if (type.substr(0, prefix.size()) == prefix && !type.empty() && type.back() == ')') {
        return {std::string(type.substr(prefix.size(), type.size() - prefix.size() - 1)), true};
    }
    return {std::string(type), false};
}

struct RawNavigation {
    NavigationProperty property;
    std::string relationship;  // OData 3: the association and role to resolve
    std::string to_role;
};

struct RawEntityType {
    EntityType type;
    std::string base_type;
    std::vector<RawNavigation> navigation;
};

class CsdlReader {
public:
    ServiceMetadata read(const pugi::xml_node& root) {
        for (const auto& data_services : root.children()) {
            if (!is_named(data_services, "DataServices")) {
                continue;
            }
            for (const auto& schema : data_services.children()) {
                if (is_named(schema, "Schema")) {
                    read_schema(schema);
                    ++schema_count_;
                }
            }
        }
        if (schema_count_ == 0) {
            throw DataError("the $metadata document has no Schema element; check that the URL ends "
                            "in /$metadata of an OData service");
        }
        return finish();
    }

private:
    void read_schema(const pugi::xml_node& schema) {
        const std::string space = schema.attribute("Namespace").value();
        if (const char* alias = schema.attribute("Alias").value(); *alias != '\0') {
            aliases_[alias] = space;
        }
        for (const auto& child : schema.children()) {
            if (is_named(child, "EntityType")) {
                read_entity_type(child, space);
            } else if (is_named(child, "Association")) {
                read_association(child, space);
            } else if (is_named(child, "EntityContainer")) {
                read_container(child);
            }
        }
    }

    void read_entity_type(const pugi::xml_node& node, const std::string& space) {
        RawEntityType raw;
        raw.type.name = node.attribute("Name").value();
        raw.type.qualified_name = space.empty() ? raw.type.name : space + "." + raw.type.name;
        raw.base_type = node.attribute("BaseType").value();

        for (const auto& child : node.children()) {
            if (is_named(child, "Key")) {
                for (const auto& ref : child.children()) {
                    if (is_named(ref, "PropertyRef")) {
                        raw.type.key.emplace_back(ref.attribute("Name").value());
                    }
                }
            } else if (is_named(child, "Property")) {
                Column column;
                column.name = child.attribute("Name").value();
                column.type_name = child.attribute("Type").value();
                column.type = parse_edm_type(column.type_name);
                column.nullable = read_nullable(child);
                column.precision = read_facet(child, "Precision");
                column.scale = read_facet(child, "Scale");
                column.max_length = read_facet(child, "MaxLength");
                raw.type.columns.push_back(std::move(column));
            } else if (is_named(child, "NavigationProperty")) {
                RawNavigation navigation;
                navigation.property.name = child.attribute("Name").value();
                auto [target, is_collection] = unwrap_collection(child.attribute("Type").value());
                navigation.property.target_type = std::move(target);
                navigation.property.is_collection = is_collection;
                navigation.relationship = child.attribute("Relationship").value();
                navigation.to_role = child.attribute("ToRole").value();
                raw.navigation.push_back(std::move(navigation));
            }
        }
        types_.push_back(std::move(raw));
    }

    // OData 3 names a navigation target through an Association's End.
    void read_association(const pugi::xml_node& node, const std::string& space) {
        const std::string name = space + "." + node.attribute("Name").value();
        for (const auto& end : node.children()) {
            if (is_named(end, "End")) {
                const std::string role = end.attribute("Role").value();
                association_ends_[name + "/" + role] = {end.attribute("Type").value(),
                                                        std::string_view(end.attribute("Multiplicity").value()) == "*"};
            }
        }
    }

    void read_container(const pugi::xml_node& node) {
        for (const auto& child : node.children()) {
            if (is_named(child, "EntitySet")) {
                EntitySet set;
                set.name = child.attribute("Name").value();
                set.entity_type = child.attribute("EntityType").value();
                sets_.push_back(std::move(set));
            }
        }
    }

    std::string resolve_alias(const std::string& name) const {
        const auto dot = name.rfind('.');
        if (dot == std::string::npos) {
            return name;
        }
        const auto alias = aliases_.find(name.substr(0, dot));
        return alias == aliases_.end() ? name : alias->second + name.substr(dot);
    }

    const RawEntityType* find_raw(const std::string& qualified_name) const {
        for (const auto& raw : types_) {
            if (raw.type.qualified_name == qualified_name) {
                return &raw;
            }
        }
        return nullptr;
    }

    // Properties and key of the base types come first, as OData orders them.
    void add_inherited(const RawEntityType& raw, EntityType& type) const {
        std::vector<const RawEntityType*> chain;
        std::string base = resolve_alias(raw.base_type);
        while (!base.empty() && chain.size() < types_.size()) {
            const RawEntityType* parent = find_raw(base);
            if (parent == nullptr) {
                break;
            }
            chain.push_back(parent);
            base = resolve_alias(parent->base_type);
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const EntityType& parent = (*it)->type;
            type.columns.insert(type.columns.end() - static_cast<std::ptrdiff_t>(raw.type.columns.size()),
                                parent.columns.begin(), parent.columns.end());
            if (type.key.empty()) {
                type.key = parent.key;
            }
        }
    }

    ServiceMetadata finish() const {
        ServiceMetadata metadata;
        for (const auto& raw : types_) {
            EntityType type = raw.type;
            add_inherited(raw, type);
            for (auto& column : type.columns) {
                column.is_key = std::find(type.key.begin(), type.key.end(), column.name) != type.key.end();
            }
            for (const auto& raw_navigation : raw.navigation) {
                NavigationProperty navigation = raw_navigation.property;
                if (!raw_navigation.relationship.empty()) {
                    const auto end = association_ends_.find(resolve_alias(raw_navigation.relationship) + "/" +
                                                            raw_navigation.to_role);
                    if (end != association_ends_.end()) {
                        navigation.target_type = end->second.first;
                        navigation.is_collection = end->second.second;
                    }
                }
                navigation.target_type = resolve_alias(navigation.target_type);
                type.navigation.push_back(std::move(navigation));
            }
            metadata.entity_types.push_back(std::move(type));
        }
        for (auto set : sets_) {
            set.entity_type = resolve_alias(set.entity_type);
            metadata.entity_sets.push_back(std::move(set));
        }
        return metadata;
    }

    std::vector<RawEntityType> types_;
    std::vector<EntitySet> sets_;
    std::map<std::string, std::string> aliases_;
    std::map<std::string, std::pair<std::string, bool>> association_ends_;
    int schema_count_ = 0;
};

}  // namespace

const EntityType* ServiceMetadata::find_entity_type(std::string_view name) const noexcept {
    for (const auto& type : entity_types) {
        if (type.qualified_name == name) {
            return &type;
        }
    }
    for (const auto& type : entity_types) {
        if (type.name == name) {
            return &type;
        }
    }
    return nullptr;
}

const EntityType* ServiceMetadata::find_entity_set(std::string_view entity_set) const noexcept {
    for (const auto& set : entity_sets) {
        if (set.name == entity_set) {
            return find_entity_type(set.entity_type);
        }
    }
    return nullptr;
}

ServiceMetadata read_csdl(std::string_view xml) {
    pugi::xml_document document;
    const pugi::xml_parse_result result =
        document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
    if (!result) {
        throw DataError("invalid $metadata document: " + std::string(result.description()) +
                        " at byte " + std::to_string(result.offset) + "; the document starts with: " +
                        excerpt(xml));
    }
    const pugi::xml_node root = document.document_element();
    if (!is_named(root, "Edmx")) {
        throw DataError("invalid $metadata document: the root element is '" + excerpt(root.name(), 60) +
                        "', not edmx:Edmx; the document starts with: " + excerpt(xml));
    }
    return CsdlReader().read(root);
}

}  // namespace epicor::odata
