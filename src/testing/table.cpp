#include <epicor/testing/mock_error.hpp>
#include <epicor/testing/table.hpp>

#include "testing/value_compare.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace epicor::testing {
namespace {

constexpr const char* kZeroGuid = "00000000-0000-0000-0000-000000000000";

nlohmann::json default_value(const Field& field) {
    switch (field.type) {
    case FieldType::String: return "";
    case FieldType::Int32:
    case FieldType::Int64: return 0;
    case FieldType::Decimal: return "0";
    case FieldType::Double: return 0.0;
    case FieldType::Boolean: return false;
    case FieldType::DateTime: return "1900-01-01T00:00:00";
    case FieldType::DateTimeOffset: return "1900-01-01T00:00:00Z";
    case FieldType::Guid: return kZeroGuid;
    }
    return nullptr;
}

std::string describe_key(const EntityType& type, const Key& key) {
    std::string text = "(";
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (i > 0) {
            text += ',';
        }
        text += i < type.keys().size() ? type.keys()[i] + "=" : std::string();
        text += key[i].dump();
    }
    return text + ")";
}

void check_key_arity(const EntityType& type, const Key& key, const std::string& entity_set) {
    if (key.size() != type.keys().size()) {
        throw NotFoundError("the key " + describe_key(type, key) + " of entity set " + entity_set + " has " +
                            std::to_string(key.size()) + " values but the entity set's key has " +
                            std::to_string(type.keys().size()));
    }
}

}  // namespace

Table::Table(std::shared_ptr<const EntityType> type) : type_(std::move(type)) {
    if (!type_) {
        throw std::invalid_argument("a table needs an entity type, but a null type was given");
    }
}

Table::~Table() = default;

Key Table::key_of(const Row& row) const {
    Key key;
    key.reserve(type_->keys().size());
    for (const std::string& name : type_->keys()) {
        const auto member = row.find(name);
        if (member == row.end()) {
            throw ValidationError("key field " + name + " is missing from the row; set it and send the row again");
        }
        key.push_back(*member);
    }
    return key;
}

Row Table::normalize_new_row(Row row) const {
    if (!row.is_object()) {
        throw ValidationError("the row must be a JSON object of fields, but it is " + std::string(row.type_name()));
    }
    for (const auto& [name, value] : row.items()) {
        const Field* field = type_->find_field(name);
        if (field == nullptr) {
            throw ValidationError("field " + name + " is not a field of " + type_->name() +
                                  " (names are case-sensitive)");
        }
        if (name == kSysRowId || name == kSysRevId) {
            continue;  // Assigned below whatever the client sent.
        }
        if (auto problem = detail::stored_value_problem(*field, value)) {
            throw ValidationError("field " + name + " has an invalid value: " + *problem);
        }
    }

    for (const std::string& key : type_->keys()) {
        const auto member = row.find(key);
        if (member == row.end() || member->is_null()) {
            throw ValidationError("key field " + key + " is missing; set it and send the row again");
        }
    }

    for (const Field& field : type_->fields()) {
        if (!row.contains(field.name)) {
            row[field.name] = field.nullable ? nlohmann::json(nullptr) : default_value(field);
        }
    }
    if (type_->find_field(kSysRowId) != nullptr) {
        const auto& current = row[kSysRowId];
        if (!current.is_string() || current.get_ref<const std::string&>() == kZeroGuid ||
            !detail::is_guid_text(current.get_ref<const std::string&>())) {
            row[kSysRowId] = detail::random_guid();
        }
    }
    if (type_->find_field(kSysRevId) != nullptr) {
        row[kSysRevId] = 1;
    }
    return row;
}

Row Table::merge_changes(const Row& current, const Row& changes) const {
    if (!changes.is_object()) {
        throw ValidationError("the changes must be a JSON object of fields, but they are " +
                              std::string(changes.type_name()));
    }

    Row merged = current;
    for (const auto& [name, value] : changes.items()) {
        const Field* field = type_->find_field(name);
        if (field == nullptr) {
            throw ValidationError("field " + name + " is not a field of " + type_->name() +
                                  " (names are case-sensitive)");
        }
        if (name == kSysRevId) {
            if (!value.is_null() && value != current.value(kSysRevId, nlohmann::json())) {
                throw ValidationError("the row has been modified by another user: SysRevID " + value.dump() +
                                      " was sent but the stored SysRevID is " +
                                      current.value(kSysRevId, nlohmann::json()).dump() +
                                      "; read the row again and repeat the change");
            }
            continue;
        }
        if (name == kSysRowId) {
            continue;  // SysRowID never changes.
        }
        if (auto problem = detail::stored_value_problem(*field, value)) {
            throw ValidationError("field " + name + " has an invalid value: " + *problem);
        }
        const bool is_key = std::find(type_->keys().begin(), type_->keys().end(), name) != type_->keys().end();
        if (is_key && detail::compare_stored(*field, value, current.value(name, nlohmann::json())) != 0) {
            throw ValidationError("key field " + name + " cannot change from " +
                                  current.value(name, nlohmann::json()).dump() + " to " + value.dump() +
                                  "; delete the row and create a new one instead");
        }
        merged[name] = value;
    }

    if (type_->find_field(kSysRevId) != nullptr) {
        const auto& revision = current.value(kSysRevId, nlohmann::json());
        merged[kSysRevId] = revision.is_number_integer() ? revision.get<std::int64_t>() + 1 : 1;
    }
    return merged;
}

int compare_keys(const EntityType& type, const Key& left, const Key& right) {
    const auto fields = type.key_fields();
    const std::size_t count = std::min({fields.size(), left.size(), right.size()});
    for (std::size_t i = 0; i < count; ++i) {
        if (const int c = detail::compare_stored(*fields[i], left[i], right[i]); c != 0) {
            return c;
        }
    }
    return 0;
}

// MemoryTable ---------------------------------------------------------------

MemoryTable::MemoryTable(std::string entity_set_name, std::shared_ptr<const EntityType> type)
    : Table(std::move(type)), name_(std::move(entity_set_name)) {}

std::size_t MemoryTable::size() const {
    std::shared_lock lock(mutex_);
    return rows_.size();
}

Row MemoryTable::row_at(std::size_t position) const {
    std::shared_lock lock(mutex_);
    if (position >= rows_.size()) {
        throw std::out_of_range("row position " + std::to_string(position) + " is past the end of entity set " +
                                name_ + " (" + std::to_string(rows_.size()) + " rows)");
    }
    return rows_[position];
}

std::size_t MemoryTable::lower_bound(const Key& key) const {
    std::size_t low = 0;
    std::size_t high = rows_.size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (compare_keys(*type_, key_of(rows_[middle]), key) < 0) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

std::optional<Row> MemoryTable::find(const Key& key) const {
    if (type_->keys().empty() || key.size() != type_->keys().size()) {
        return std::nullopt;
    }
    std::shared_lock lock(mutex_);
    const std::size_t position = lower_bound(key);
    if (position < rows_.size() && compare_keys(*type_, key_of(rows_[position]), key) == 0) {
        return rows_[position];
    }
    return std::nullopt;
}

Row MemoryTable::insert(Row row) {
    Row stored = normalize_new_row(std::move(row));
    std::unique_lock lock(mutex_);
    if (type_->keys().empty()) {
        rows_.push_back(stored);
        return stored;
    }
    const Key key = key_of(stored);
    const std::size_t position = lower_bound(key);
    if (position < rows_.size() && compare_keys(*type_, key_of(rows_[position]), key) == 0) {
        throw DuplicateKeyError("a row with key " + describe_key(*type_, key) + " already exists in entity set " +
                                name_ + "; update it or choose another key");
    }
    rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(position), stored);
    return stored;
}

void MemoryTable::insert_all(std::vector<Row> rows) {
    for (Row& row : rows) {
        insert(std::move(row));
    }
}

Row MemoryTable::update(const Key& key, const Row& changes) {
    check_key_arity(*type_, key, name_);
    std::unique_lock lock(mutex_);
    const std::size_t position = lower_bound(key);
    if (position >= rows_.size() || compare_keys(*type_, key_of(rows_[position]), key) != 0) {
        throw NotFoundError("no row of entity set " + name_ + " has key " + describe_key(*type_, key));
    }
    rows_[position] = merge_changes(rows_[position], changes);
    return rows_[position];
}

void MemoryTable::remove(const Key& key) {
    check_key_arity(*type_, key, name_);
    std::unique_lock lock(mutex_);
    const std::size_t position = lower_bound(key);
    if (position >= rows_.size() || compare_keys(*type_, key_of(rows_[position]), key) != 0) {
        throw NotFoundError("no row of entity set " + name_ + " has key " + describe_key(*type_, key));
    }
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(position));
}

// GeneratedTable ------------------------------------------------------------

GeneratedTable::GeneratedTable(std::string entity_set_name, std::shared_ptr<const EntityType> type,
                               std::size_t row_count, RowGenerator generator)
    : Table(std::move(type)), name_(std::move(entity_set_name)), row_count_(row_count),
      generator_(std::move(generator)) {
    if (!generator_) {
        throw std::invalid_argument("generated entity set " + name_ + " needs a row generator");
    }
}

std::size_t GeneratedTable::size() const {
    std::shared_lock lock(mutex_);
    return row_count_ - deleted_.size();
}

std::size_t GeneratedTable::index_at(std::size_t position) const {
    // Each deleted index at or before the candidate shifts it one further.
    std::size_t index = position;
    for (const std::size_t deleted : deleted_) {
        if (deleted > index) {
            break;
        }
        ++index;
    }
    return index;
}

Row GeneratedTable::overlaid_row(std::size_t index) const {
    const auto changed = changed_.find(index);
    return changed != changed_.end() ? changed->second : generator_(index);
}

Row GeneratedTable::row_at(std::size_t position) const {
    std::shared_lock lock(mutex_);
    if (position >= row_count_ - deleted_.size()) {
        throw std::out_of_range("row position " + std::to_string(position) + " is past the end of entity set " +
                                name_ + " (" + std::to_string(row_count_ - deleted_.size()) + " rows)");
    }
    return overlaid_row(index_at(position));
}

std::optional<std::size_t> GeneratedTable::index_of(const Key& key) const {
    if (key.size() != type_->keys().size() || type_->keys().empty()) {
        return std::nullopt;
    }
    std::size_t low = 0;
    std::size_t high = row_count_;
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (compare_keys(*type_, key_of(generator_(middle)), key) < 0) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    if (low < row_count_ && deleted_.count(low) == 0 && compare_keys(*type_, key_of(generator_(low)), key) == 0) {
        return low;
    }
    return std::nullopt;
}

std::optional<Row> GeneratedTable::find(const Key& key) const {
    std::shared_lock lock(mutex_);
    const auto index = index_of(key);
    if (!index) {
        return std::nullopt;
    }
    return overlaid_row(*index);
}

Row GeneratedTable::insert(Row /*row*/) {
    throw UnsupportedWriteError("generated entity set " + name_ +
                                " does not take new rows; update or delete existing rows, or use the demo dataset");
}

Row GeneratedTable::update(const Key& key, const Row& changes) {
    check_key_arity(*type_, key, name_);
    std::unique_lock lock(mutex_);
    const auto index = index_of(key);
    if (!index) {
        throw NotFoundError("no row of entity set " + name_ + " has key " + describe_key(*type_, key));
    }
    Row merged = merge_changes(overlaid_row(*index), changes);
    changed_[*index] = merged;
    return merged;
}

void GeneratedTable::remove(const Key& key) {
    check_key_arity(*type_, key, name_);
    std::unique_lock lock(mutex_);
    const auto index = index_of(key);
    if (!index) {
        throw NotFoundError("no row of entity set " + name_ + " has key " + describe_key(*type_, key));
    }
    deleted_.insert(*index);
    changed_.erase(*index);
}

}  // namespace epicor::testing
