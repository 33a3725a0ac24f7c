#pragma once

// Reads a `$metadata` document: EDMX 1.0 with CSDL 2 or 3 schemas (Kinetic
// v1, OData 3) or EDMX 4.0 (Kinetic v2, OData 4).

#include <epicor/column.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace epicor::odata {

struct NavigationProperty {
    std::string name;
    std::string target_type;  ///< Qualified entity type name, e.g. "Erp.Tablesets.ShipToRow".
    bool is_collection = false;
};

struct EntityType {
    std::string name;            ///< e.g. "CustomerRow"
    std::string qualified_name;  ///< Namespace-qualified, e.g. "Erp.Tablesets.CustomerRow".
    std::vector<Column> columns;  ///< In document order; key columns have is_key set.
    std::vector<std::string> key;  ///< Key property names in key order.
    std::vector<NavigationProperty> navigation;
};

struct EntitySet {
    std::string name;         ///< e.g. "Customers"
    std::string entity_type;  ///< Qualified name of its entity type.
};

class ServiceMetadata {
public:
    std::vector<EntityType> entity_types;
    std::vector<EntitySet> entity_sets;

    /// Finds an entity type by qualified or simple name; nullptr when absent.
    const EntityType* find_entity_type(std::string_view name) const noexcept;
    /// Finds the entity type of an entity set (case-sensitive name); nullptr
    /// when the set or its type is absent.
    const EntityType* find_entity_set(std::string_view entity_set) const noexcept;
};

/// Parses a `$metadata` document. Throws DataError quoting the parser's
/// message and offset when the XML is malformed, or when it has no EDMX
/// root or no Schema.
ServiceMetadata read_csdl(std::string_view xml);

}  // namespace epicor::odata
