#pragma once

/// \file
/// epicor::EntitySet: queries, reads by key, and creates, updates and deletes
/// rows of one entity set of a Kinetic service, such as
/// `Erp.BO.CustomerSvc/Customers`.

#include <epicor/column.hpp>
#include <epicor/export.hpp>
#include <epicor/query.hpp>
#include <epicor/result_set.hpp>
#include <epicor/value.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace epicor {

/// A key in positional form, company first: `{"EPIC06", 12}`.
using EntityKey = std::vector<Value>;

/// Field names and values of a row to create or change. Values keep their
/// exact type on the wire: a Decimal is written with every digit.
using FieldValues = std::vector<std::pair<std::string, Value>>;

/// One entity set. A cheap handle: copies share the connection.
class EPICOR_API EntitySet {
public:
    EntitySet(std::shared_ptr<detail::ConnectionState> state, std::string service,
              std::string name);

    const std::string& service_name() const noexcept { return service_; }
    const std::string& name() const noexcept { return name_; }

    /// Starts a query on this entity set.
    Query query() const;

    /// Returns the entity type's columns from the service's `$metadata`
    /// (read once per connection and service). Throws NotFoundError when the
    /// metadata does not declare this entity set, and the HttpError or
    /// DataError of a failed `$metadata` read.
    std::vector<Column> columns() const;

    /// Returns the key property names in key order, from `$metadata`.
    /// Throws as columns().
    std::vector<std::string> key_names() const;

    /// Reads one row by key. `select` limits the fields when not empty.
    /// Throws NotFoundError when no row has this key (or the entity set
    /// name is wrong: Kinetic names are case-sensitive), DataError for an
    /// empty key or a null key part.
    Row get(const EntityKey& key, const std::vector<std::string>& select = {}) const;

    /// Creates a row (POST) and returns it as the server stored it (201).
    /// Throws the HttpError the server answers with, e.g. ConflictError
    /// for a duplicate key or BadRequestError for a business rule.
    Row create(const FieldValues& fields) const;
    /// Creates a row from a JSON object. Throws DataError when `row` is not
    /// an object, and otherwise as create(const FieldValues&).
    Row create(const nlohmann::json& row) const;

    /// Changes the given fields of one row (PATCH, 204). Throws as get().
    void update(const EntityKey& key, const FieldValues& changes) const;
    void update(const EntityKey& key, const nlohmann::json& changes) const;

    /// Deletes one row (DELETE, 204). Throws as get().
    void remove(const EntityKey& key) const;

private:
    std::shared_ptr<detail::ConnectionState> state_;
    std::string service_;
    std::string name_;
};

}  // namespace epicor
