// Runs a BAQ with one parameter and prints every column of every row, using
// the column metadata rather than known names.
//
//     baq_with_parameter CONNECTION_STRING [BAQ_ID] [PARAMETER] [VALUE]

#include "example_connection.hpp"

#include <epicor/epicor.hpp>

#include <iostream>

int main(int argc, char** argv) {
    const auto text = examples::connection_string(argc, argv);
    if (!text) {
        return 2;
    }
    const std::string baq_id = argc > 2 ? argv[2] : "zOrdersByCustomer";
    const std::string parameter = argc > 3 ? argv[3] : "CustID";
    const std::string value = argc > 4 ? argv[4] : "ADDISON";
    try {
        const epicor::Connection conn = epicor::connect(*text);
        auto rows = conn.baq(baq_id).query().parameter(parameter, value).execute();

        const auto& columns = rows.columns();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            std::cout << (i == 0 ? "" : "\t") << columns[i].name;
        }
        std::cout << '\n';
        for (const epicor::Row& row : rows) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                std::cout << (i == 0 ? "" : "\t") << row.value(i).to_string();
            }
            std::cout << '\n';
        }
    } catch (const epicor::Error& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
