// Feeds arbitrary bytes to the collection and entity readers, untyped and
// typed by a fixed column list. Any exception other than DataError, and any
// crash or sanitizer report, is a bug.

#include <epicor/error.hpp>

#include "odata/page_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

std::vector<epicor::Column> make_columns() {
    using epicor::EdmType;
    const std::pair<const char*, EdmType> specs[] = {
        {"Company", EdmType::string},     {"CustNum", EdmType::int32},  {"CreditLimit", EdmType::decimal},
        {"OrderDate", EdmType::date_time}, {"ShipBy", EdmType::date_time_offset},
        {"SysRowID", EdmType::guid},      {"Ratio", EdmType::double_}, {"Blob", EdmType::binary},
        {"Active", EdmType::boolean},     {"When", EdmType::time_of_day},
    };
    std::vector<epicor::Column> columns;
    for (const auto& [name, type] : specs) {
        epicor::Column column;
        column.name = name;
        column.type = type;
        columns.push_back(column);
    }
    return columns;
}

void touch(const std::vector<epicor::Value>& values) {
    for (const auto& value : values) {
        (void)value.to_string();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<epicor::Column> columns = make_columns();
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    for (const auto* column_list : {&columns, static_cast<const std::vector<epicor::Column>*>(nullptr)}) {
        const std::vector<epicor::Column> none;
        const auto& used = column_list != nullptr ? *column_list : none;
        try {
            const auto page = epicor::odata::read_page(body, used);
            for (const auto& row : page.rows) {
                touch(row);
            }
        } catch (const epicor::DataError&) {
        }
        try {
            touch(epicor::odata::read_entity(body, used).values);
        } catch (const epicor::DataError&) {
        }
    }
    return 0;
}
