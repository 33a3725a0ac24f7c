#include "client/cancellation_scope.hpp"
#include "client/connection_state.hpp"
#include "client/result_set_cursor.hpp"

#include "odata/page_reader.hpp"

#include <epicor/error.hpp>
#include <epicor/query.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace epicor {
namespace {

struct EntityTypeInfo {
    std::vector<Column> columns;
    std::vector<std::string> key;
};

// Reads the entity set's columns and key from $metadata. A query still runs
// without them (with inferred column types and no added order), so a
// failed $metadata read is logged, not thrown.
EntityTypeInfo describe_entity_set(detail::ConnectionState& state, const std::string& service,
                                   const std::string& entity_set) {
    EntityTypeInfo info;
    try {
        const auto metadata = state.metadata(service);
        if (const auto* type = metadata->find_entity_set(entity_set)) {
            info.columns = type->columns;
            info.key = type->key;
        }
    } catch (const SessionExpiredError&) {
        throw;  // the caller must learn that its session ended
    } catch (const HttpError& error) {
        state.logger->warning(std::string("$metadata of ") + service +
                              " is unavailable, so column types are inferred and no key order "
                              "is added: " + error.what());
    } catch (const DataError& error) {
        state.logger->warning(std::string("$metadata of ") + service +
                              " could not be read, so column types are inferred and no key "
                              "order is added: " + error.what());
    }
    return info;
}

// Appends the key fields the order does not name yet, so $skip paging walks
// one fixed order even when the caller's order has ties.
void add_key_order(std::vector<OrderBy>& order, const std::vector<std::string>& key) {
    for (const auto& field : key) {
        const bool present = std::any_of(order.begin(), order.end(),
                                         [&](const OrderBy& item) { return item.field == field; });
        if (!present) {
            order.push_back(OrderBy{field, false});
        }
    }
}

// Adds the key fields to a non-empty $select, so every row sent is distinct
// and the pager can tell a server that ignores $skip from pages whose
// selected columns happen to be equal. The result set still shows only the
// caller's columns.
void add_key_select(std::vector<std::string>& select, const std::vector<std::string>& key) {
    if (select.empty()) {
        return;
    }
    for (const auto& field : key) {
        if (std::find(select.begin(), select.end(), field) == select.end()) {
            select.push_back(field);
        }
    }
}

// The state that each page fetch of one scan uses.
struct PageFetchContext {
    std::shared_ptr<detail::ConnectionState> state;
    std::vector<Column> declared;
    std::optional<CancellationToken> token;
    std::uint64_t start = 0;  // cancel generation when the scan started
};

}  // namespace

Query::Query(std::shared_ptr<detail::ConnectionState> state,
             std::shared_ptr<const detail::QueryTarget> target)
    : state_(std::move(state)), target_(std::move(target)) {}

Query& Query::select(std::vector<std::string> fields) {
    options_.select = std::move(fields);
    return *this;
}

Query& Query::filter(Filter filter) {
    options_.filter = std::move(filter);
    return *this;
}

Query& Query::filter(std::string odata_expression) {
    options_.filter = Filter::raw(std::move(odata_expression));
    return *this;
}

Query& Query::order_by(std::string field) {
    options_.order_by.push_back(OrderBy{std::move(field), false});
    return *this;
}

Query& Query::order_by_descending(std::string field) {
    options_.order_by.push_back(OrderBy{std::move(field), true});
    return *this;
}

Query& Query::top(std::int64_t rows) {
    if (rows < 0) {
        throw DataError("top(" + std::to_string(rows) + ") is invalid: give 0 or more rows");
    }
    options_.top = rows;
    return *this;
}

Query& Query::skip(std::int64_t rows) {
    if (rows < 0) {
        throw DataError("skip(" + std::to_string(rows) + ") is invalid: give 0 or more rows");
    }
    options_.skip = rows;
    return *this;
}

Query& Query::expand(std::string navigation_property) {
    options_.expand.push_back(std::move(navigation_property));
    return *this;
}

Query& Query::count(bool enabled) {
    options_.count = enabled;
    return *this;
}

Query& Query::parameter(std::string name, Value value) {
    options_.parameters.push_back(BaqParameter{std::move(name), {std::move(value)}});
    return *this;
}

Query& Query::parameter(std::string name, std::vector<Value> values) {
    options_.parameters.push_back(BaqParameter{std::move(name), std::move(values)});
    return *this;
}

Query& Query::cancellation(CancellationToken token) {
    cancellation_ = std::move(token);
    return *this;
}

Query& Query::options(QueryOptions options) {
    options_ = std::move(options);
    return *this;
}

ResultSet Query::execute() const {
    detail::ConnectionState& state = *state_;
    QueryOptions options = options_;
    // The columns the caller sees; the request may select more (see below).
    std::vector<std::string> visible = options.select;
    std::string url;
    std::vector<Column> declared;

    if (target_->kind == detail::QueryTarget::Kind::entity_set) {
        if (!options.parameters.empty()) {
            throw ConfigError("BAQ parameter", "parameter '" + options.parameters.front().name +
                                                   "' was given for the entity set " +
                                                   target_->name +
                                                   ", but only BAQs take parameters");
        }
        url = state.address.entity_set(target_->service, target_->name);
        EntityTypeInfo info = describe_entity_set(state, target_->service, target_->name);
        declared = std::move(info.columns);
        add_key_order(options.order_by, info.key);
        add_key_select(options.select, info.key);
    } else {
        url = state.address.baq(target_->name);
    }

    // The scan counts as started now: a Connection::cancel() from here on,
    // or the query's token, cancels every later page fetch.
    // The fetch state sits behind one shared_ptr because GCC 12 reports a
    // false -Wmaybe-uninitialized for a moved-from lambda that contains the
    // std::optional token directly.
    auto context = std::make_shared<const PageFetchContext>(
        PageFetchContext{state_, declared, cancellation_, state.cancel_generation.load()});
    auto fetch = [context](const std::string& page_url) {
        const detail::CancellationScope scope(context->state->cancel_generation, context->start,
                                              context->token);
        HttpRequest request;
        request.url = page_url;
        const HttpResponse response = context->state->send(std::move(request));
        return odata::read_page(response.body, context->declared);
    };

    detail::Pager pager(std::move(url), std::move(options), state.config.api_version,
                        state.config.page_size, state.config.max_rows, std::move(fetch));
    // Formatting the first URL now reports invalid options here rather than
    // at the first next().
    static_cast<void>(pager.first_url());
    return ResultSet(std::make_unique<detail::ResultSetCursor>(std::move(pager), std::move(declared),
                                                               std::move(visible)));
}

}  // namespace epicor
