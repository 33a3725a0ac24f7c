#pragma once

/// \file
/// The schema of the mock's data: field types, entity types with their keys
/// and child collections, entity sets and the business-object services that
/// own them. The CSDL writer, the query engine and the JSON writer all read it.

#include <epicor/testing/export.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace epicor::testing {

/// The REST API version a request came in on. v1 is OData 3 (`/api/v1/...`),
/// v2 is OData 4 (`/api/v2/odata/{Company}/...`).
enum class ODataVersion { v1, v2 };

/// The type of a field, and how its value is stored in a row (a JSON object).
enum class FieldType {
    String,          ///< JSON string.
    Int32,           ///< JSON integer.
    Int64,           ///< JSON integer.
    Decimal,         ///< JSON string holding the decimal digits, e.g. "12.50", so no digit is lost.
    Double,          ///< JSON floating-point number.
    Boolean,         ///< JSON boolean.
    DateTime,        ///< JSON string `YYYY-MM-DDThh:mm:ss[.fffffff]` without offset (v1 `Edm.DateTime`; v2 shows it as `Edm.DateTimeOffset` in UTC).
    DateTimeOffset,  ///< JSON string `YYYY-MM-DDThh:mm:ss[.fffffff](Z|+hh:mm|-hh:mm)`.
    Guid,            ///< JSON string, 36 characters, lower case.
};

/// Returns the EDM type name of `type` as `$metadata` spells it for
/// `version`, e.g. `Edm.DateTime` (v1) or `Edm.DateTimeOffset` (v2).
EPICOR_TESTING_API std::string edm_type_name(FieldType type, ODataVersion version);

/// Returns the type's name as written in this header, e.g. "Decimal".
EPICOR_TESTING_API std::string_view field_type_name(FieldType type);

/// One field (column) of an entity type.
struct EPICOR_TESTING_API Field {
    std::string name;  ///< Case-sensitive, e.g. "CustNum".
    FieldType type = FieldType::String;
    bool nullable = true;
    std::optional<std::size_t> max_length;  ///< Strings only; nothing means unlimited.
    int precision = 0;                      ///< Decimals only: total significant digits.
    int scale = 0;                          ///< Decimals only: digits after the point.
};

/// A child collection reachable with `$expand`, e.g. SalesOrders ->
/// OrderDtls. A child row belongs to a parent row when every mapped pair of
/// fields holds equal values.
struct EPICOR_TESTING_API Navigation {
    std::string name;               ///< The navigation property name, e.g. "OrderDtls".
    std::string target_entity_set;  ///< Entity set of the child rows in the same service.
    /// Pairs of (parent field, child field), e.g. {"Company","Company"},
    /// {"OrderNum","OrderNum"}.
    std::vector<std::pair<std::string, std::string>> key_mapping;
};

/// The shape of one row: its fields in declaration order, its key and its
/// child collections.
class EPICOR_TESTING_API EntityType {
public:
    /// `name` is the CSDL type name, e.g. "Customer". `keys` names key fields
    /// in key order, company first (e.g. {"Company","CustNum"}).
    ///
    /// Throws std::invalid_argument when a key or navigation names a field
    /// that is not in `fields`, or when two fields share a name.
    EntityType(std::string name, std::vector<Field> fields, std::vector<std::string> keys,
               std::vector<Navigation> navigations = {});

    const std::string& name() const noexcept { return name_; }
    const std::vector<Field>& fields() const noexcept { return fields_; }
    const std::vector<std::string>& keys() const noexcept { return keys_; }
    const std::vector<Navigation>& navigations() const noexcept { return navigations_; }

    /// Returns the field with this exact (case-sensitive) name, or nullptr.
    const Field* find_field(std::string_view name) const noexcept;
    /// Returns the field's position in fields(), or nothing.
    std::optional<std::size_t> field_index(std::string_view name) const noexcept;
    /// Returns the navigation with this exact name, or nullptr.
    const Navigation* find_navigation(std::string_view name) const noexcept;
    /// Returns the key fields in key order.
    std::vector<const Field*> key_fields() const;

private:
    std::string name_;
    std::vector<Field> fields_;
    std::vector<std::string> keys_;
    std::vector<Navigation> navigations_;
};

/// An entity set: the name clients address (e.g. "Customers") and the type
/// of its rows.
struct EPICOR_TESTING_API EntitySetInfo {
    std::string name;
    std::shared_ptr<const EntityType> type;
};

/// A business-object service, e.g. `Erp.BO.CustomerSvc`, and the entity sets
/// it exposes.
struct EPICOR_TESTING_API ServiceInfo {
    std::string name;
    std::vector<EntitySetInfo> entity_sets;

    /// Returns the entity set with this exact name, or nullptr.
    const EntitySetInfo* find_entity_set(std::string_view set_name) const noexcept;
};

}  // namespace epicor::testing
