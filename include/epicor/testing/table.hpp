#pragma once

/// \file
/// Tables hold the rows of one entity set. MemoryTable keeps every row in
/// memory; GeneratedTable computes row i from a seed and i, so a table of a
/// million rows costs only the rows that were changed.

#include <epicor/testing/export.hpp>
#include <epicor/testing/schema.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

namespace epicor::testing {

/// One row: a JSON object whose members are the entity type's fields, stored
/// as FieldType describes (decimals as strings of digits). `$expand` adds a
/// member per expanded navigation holding an array of child rows.
using Row = nlohmann::json;

/// A key: the values of the key fields in key order, e.g. ["EPIC06", 12].
using Key = std::vector<nlohmann::json>;

/// Name of the GUID field every table row carries.
inline constexpr const char* kSysRowId = "SysRowID";
/// Name of the integer field bumped on every write.
inline constexpr const char* kSysRevId = "SysRevID";

/// The rows of one entity set, kept in ascending key order.
///
/// Every member function is safe to call from several threads at once:
/// implementations lock internally. A query that reads row after row while
/// another thread writes can see some rows from before and some from after
/// the write (no snapshot isolation).
class EPICOR_TESTING_API Table {
public:
    virtual ~Table();

    /// The entity set's name, e.g. "Customers".
    virtual const std::string& entity_set_name() const noexcept = 0;
    virtual const EntityType& type() const noexcept = 0;
    std::shared_ptr<const EntityType> type_ptr() const noexcept { return type_; }

    /// Number of rows.
    virtual std::size_t size() const = 0;

    /// Returns the row at `position` in ascending key order (0-based), in
    /// O(1) for GeneratedTable without deletes and O(log n) otherwise.
    /// Throws std::out_of_range when `position >= size()`.
    virtual Row row_at(std::size_t position) const = 0;

    /// Returns the row with this key, or nothing. The key must have one value
    /// per key field (see parse_key_predicate() in odata_query.hpp).
    virtual std::optional<Row> find(const Key& key) const = 0;

    /// Inserts a row and returns it as stored: missing nullable fields become
    /// null, missing non-nullable fields get "" / 0 / false, `SysRowID` a new
    /// random GUID when absent or all-zero, `SysRevID` 1.
    ///
    /// Throws ValidationError when the row has an unknown field, a value of
    /// the wrong type, a missing key field or a too-long string;
    /// DuplicateKeyError when a row with the same key exists;
    /// UnsupportedWriteError when the table does not take inserts.
    virtual Row insert(Row row) = 0;

    /// Merges `changes` (a JSON object of fields) into the row with this key,
    /// increments its `SysRevID` and returns the updated row. Key fields in
    /// `changes` must equal the row's key. When `changes` carries
    /// `SysRevID` and it differs from the stored one, the update is rejected.
    ///
    /// Throws NotFoundError when no row has the key; ValidationError when a
    /// field is unknown, of the wrong type, changes a key value, or
    /// `SysRevID` does not match.
    virtual Row update(const Key& key, const Row& changes) = 0;

    /// Deletes the row with this key. Throws NotFoundError when none has it.
    virtual void remove(const Key& key) = 0;

    /// Returns the key of `row` (values of its key fields in key order).
    /// Throws ValidationError when a key field is missing.
    Key key_of(const Row& row) const;

protected:
    explicit Table(std::shared_ptr<const EntityType> type);

    /// Checks `row` against the schema and fills missing fields as insert()
    /// describes. Throws ValidationError.
    Row normalize_new_row(Row row) const;
    /// Checks `changes` against the schema and against `current`'s key and
    /// SysRevID, then returns the merged row with SysRevID bumped. Throws
    /// ValidationError.
    Row merge_changes(const Row& current, const Row& changes) const;

    std::shared_ptr<const EntityType> type_;
};

/// Compares two keys of the same entity type value by value: strings
/// ordinally, numbers numerically (decimals exactly). Returns <0, 0 or >0.
EPICOR_TESTING_API int compare_keys(const EntityType& type, const Key& left, const Key& right);

/// A table whose rows all live in memory, in ascending key order. Takes
/// inserts, updates and deletes. An entity type with no key fields keeps
/// rows in insertion order and rejects find/update/remove with NotFoundError
/// (BAQ results use this).
class EPICOR_TESTING_API MemoryTable : public Table {
public:
    MemoryTable(std::string entity_set_name, std::shared_ptr<const EntityType> type);

    const std::string& entity_set_name() const noexcept override { return name_; }
    const EntityType& type() const noexcept override { return *type_; }
    std::size_t size() const override;
    Row row_at(std::size_t position) const override;
    std::optional<Row> find(const Key& key) const override;
    Row insert(Row row) override;
    Row update(const Key& key, const Row& changes) override;
    void remove(const Key& key) override;

    /// Inserts many rows as insert() does; for building datasets.
    void insert_all(std::vector<Row> rows);

private:
    std::size_t lower_bound(const Key& key) const;

    std::string name_;
    mutable std::shared_mutex mutex_;
    std::vector<Row> rows_;  // Sorted by key.
};

/// Computes the row at a 0-based index. Must be deterministic: the same index
/// always gives the same row, and row keys must ascend with the index.
using RowGenerator = std::function<Row(std::size_t index)>;

/// A table of `row_count` rows computed on demand by a RowGenerator, for
/// benchmarks and paging tests. row_at(i) costs one generator call and no
/// other row is built.
///
/// Writes: update() and remove() are kept in an overlay (a map of changed
/// rows and a set of deleted indexes), so memory grows only with the rows
/// written. insert() throws UnsupportedWriteError. find() locates a key by
/// binary search over the index, which needs keys that ascend with the index.
class EPICOR_TESTING_API GeneratedTable : public Table {
public:
    GeneratedTable(std::string entity_set_name, std::shared_ptr<const EntityType> type,
                   std::size_t row_count, RowGenerator generator);

    const std::string& entity_set_name() const noexcept override { return name_; }
    const EntityType& type() const noexcept override { return *type_; }
    std::size_t size() const override;
    Row row_at(std::size_t position) const override;
    std::optional<Row> find(const Key& key) const override;
    Row insert(Row row) override;
    Row update(const Key& key, const Row& changes) override;
    void remove(const Key& key) override;

    /// Returns the row at generator index `index` before any overlay is
    /// applied: exactly what the generator computes.
    Row generated_row(std::size_t index) const { return generator_(index); }

private:
    std::optional<std::size_t> index_of(const Key& key) const;  // Caller holds the lock.
    std::size_t index_at(std::size_t position) const;           // Caller holds the lock.
    Row overlaid_row(std::size_t index) const;                  // Caller holds the lock.

    std::string name_;
    std::size_t row_count_;
    RowGenerator generator_;
    mutable std::shared_mutex mutex_;
    std::map<std::size_t, Row> changed_;
    std::set<std::size_t> deleted_;
};

}  // namespace epicor::testing
