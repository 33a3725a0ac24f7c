#include "client/connection_state.hpp"
#include "client/json_body.hpp"
#include "client/read_only.hpp"
#include "client/result_set_cursor.hpp"

#include "odata/page_reader.hpp"

#include <epicor/entity_set.hpp>
#include <epicor/error.hpp>

#include <algorithm>
#include <utility>

namespace epicor {
namespace {

const odata::EntityType& require_entity_type(detail::ConnectionState& state,
                                             const std::string& service,
                                             const std::string& entity_set) {
    const auto metadata = state.metadata(service);
    const odata::EntityType* type = metadata->find_entity_set(entity_set);
    if (type == nullptr) {
        HttpErrorInfo info;
        info.status = 404;
        info.method = "GET";
        info.url = state.address.metadata(service);
        info.error_message = "the $metadata of " + service + " declares no entity set named '" +
                             entity_set + "' (names are case-sensitive)";
        HttpError::throw_for(std::move(info));
    }
    // The metadata stays cached in the connection, which outlives this call.
    return *type;
}

std::vector<Column> declared_columns(detail::ConnectionState& state, const std::string& service,
                                     const std::string& entity_set) {
    try {
        if (const auto* type = state.metadata(service)->find_entity_set(entity_set)) {
            return type->columns;
        }
    } catch (const SessionExpiredError&) {
        throw;  // the caller must learn that its session ended
    } catch (const HttpError& error) {
        state.logger->warning(std::string("$metadata of ") + service +
                              " is unavailable, so column types are inferred: " + error.what());
    } catch (const DataError& error) {
        state.logger->warning(std::string("$metadata of ") + service +
                              " could not be read, so column types are inferred: " + error.what());
    }
    return {};
}

Row entity_to_row(odata::Entity entity, const std::vector<Column>& declared) {
    std::vector<Column> columns;
    for (std::size_t i = 0; i < entity.fields.size(); ++i) {
        const std::string& name = entity.fields[i];
        const auto found = std::find_if(declared.begin(), declared.end(),
                                        [&](const Column& column) { return column.name == name; });
        if (found != declared.end()) {
            columns.push_back(*found);
        } else {
            Column column;
            column.name = name;
            column.type = detail::infer_edm_type(entity.values[i]);
            columns.push_back(std::move(column));
        }
    }
    return Row(std::make_shared<const detail::RowLayout>(std::move(columns)),
               std::move(entity.values));
}

}  // namespace

EntitySet::EntitySet(std::shared_ptr<detail::ConnectionState> state, std::string service,
                     std::string name)
    : state_(std::move(state)), service_(std::move(service)), name_(std::move(name)) {}

Query EntitySet::query() const {
    auto target = std::make_shared<detail::QueryTarget>();
    target->kind = detail::QueryTarget::Kind::entity_set;
    target->service = service_;
    target->name = name_;
    return Query(state_, std::move(target));
}

std::vector<Column> EntitySet::columns() const {
    return require_entity_type(*state_, service_, name_).columns;
}

std::vector<std::string> EntitySet::key_names() const {
    return require_entity_type(*state_, service_, name_).key;
}

Row EntitySet::get(const EntityKey& key, const std::vector<std::string>& select) const {
    const std::vector<Column> declared = declared_columns(*state_, service_, name_);
    HttpRequest request;
    request.url = state_->address.entity(service_, name_, key);
    if (!select.empty()) {
        QueryOptions options;
        options.select = select;
        request.url += "?" + format_query_string(options, state_->config.api_version);
    }
    const HttpResponse response = state_->send(std::move(request));
    return entity_to_row(odata::read_entity(response.body, declared), declared);
}

Row EntitySet::create(const FieldValues& fields) const {
    detail::require_writable(state_->config, "EntitySet::create on " + service_ + "/" + name_);
    const std::vector<Column> declared = declared_columns(*state_, service_, name_);
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.entity_set(service_, name_);
    request.body = detail::to_json_object(fields);
    request.idempotent = false;
    const HttpResponse response = state_->send(std::move(request));
    return entity_to_row(odata::read_entity(response.body, declared), declared);
}

Row EntitySet::create(const nlohmann::json& row) const {
    if (!row.is_object()) {
        throw DataError("create() on " + name_ + " needs a JSON object of fields, not a value of type " +
                        row.type_name());
    }
    FieldValues fields;
    for (const auto& [name, value] : row.items()) {
        fields.emplace_back(name, Value(value));
    }
    return create(fields);
}

void EntitySet::update(const EntityKey& key, const FieldValues& changes) const {
    detail::require_writable(state_->config, "EntitySet::update on " + service_ + "/" + name_);
    HttpRequest request;
    request.method = "PATCH";
    request.url = state_->address.entity(service_, name_, key);
    request.body = detail::to_json_object(changes);
    request.idempotent = true;
    state_->send(std::move(request));
}

void EntitySet::update(const EntityKey& key, const nlohmann::json& changes) const {
    if (!changes.is_object()) {
        throw DataError("update() on " + name_ + " needs a JSON object of fields, not a value of type " +
                        changes.type_name());
    }
    FieldValues fields;
    for (const auto& [name, value] : changes.items()) {
        fields.emplace_back(name, Value(value));
    }
    update(key, fields);
}

void EntitySet::remove(const EntityKey& key) const {
    detail::require_writable(state_->config, "EntitySet::remove on " + service_ + "/" + name_);
    HttpRequest request;
    request.method = "DELETE";
    request.url = state_->address.entity(service_, name_, key);
    request.idempotent = true;
    state_->send(std::move(request));
}

}  // namespace epicor
