// Feeds arbitrary bytes to the $metadata reader and looks up every entity
// set it finds. Any exception other than DataError is a bug.

#include <epicor/error.hpp>

#include "odata/csdl_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    try {
        const auto metadata = epicor::odata::read_csdl(xml);
        for (const auto& set : metadata.entity_sets) {
            (void)metadata.find_entity_set(set.name);
        }
    } catch (const epicor::DataError&) {
    }
    return 0;
}
