#include "client/response_body.hpp"

#include <epicor/business_object.hpp>

#include <string>

namespace epicor {
namespace {

const detail::ResponseBody& response_of(const MethodResult& result) {
    static const detail::ResponseBody empty{"", "the method call", nullptr};
    return result.response ? *result.response : empty;
}

}  // namespace

std::vector<Row> MethodResult::table(std::string_view name) const {
    return detail::read_table_at(response_of(*this), {"returnObj", std::string(name)},
                                 std::string(name));
}

std::vector<Row> MethodResult::parameter_table(std::string_view parameter,
                                               std::string_view table) const {
    return detail::read_table_at(response_of(*this),
                                 {"parameters", std::string(parameter), std::string(table)},
                                 std::string(table));
}

Value MethodResult::parameter(std::string_view name) const {
    return detail::read_value_at(response_of(*this), {"parameters", std::string(name)});
}

Value MethodResult::return_scalar() const {
    return detail::read_value_at(response_of(*this), {"returnObj"});
}

}  // namespace epicor
