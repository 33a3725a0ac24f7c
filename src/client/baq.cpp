#include "client/connection_state.hpp"

#include <epicor/baq.hpp>

#include <utility>

namespace epicor {

Baq::Baq(std::shared_ptr<detail::ConnectionState> state, std::string id)
    : state_(std::move(state)), id_(std::move(id)) {}

Query Baq::query() const {
    auto target = std::make_shared<detail::QueryTarget>();
    target->kind = detail::QueryTarget::Kind::baq;
    target->name = id_;
    return Query(state_, std::move(target));
}

}  // namespace epicor
