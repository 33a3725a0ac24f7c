// Calls Erp.BO.CustomerSvc/GetByID and prints the returned tableset.
//
//     business_object_method CONNECTION_STRING [CUSTNUM]

#include "example_connection.hpp"

#include <epicor/epicor.hpp>

#include <iostream>

int main(int argc, char** argv) {
    const auto text = examples::connection_string(argc, argv);
    if (!text) {
        return 2;
    }
    const int customer = argc > 2 ? std::atoi(argv[2]) : 1;
    try {
        const epicor::Connection conn = epicor::connect(*text);
        const epicor::MethodResult result =
            conn.service("Erp.BO.CustomerSvc").call("GetByID", {{"custNum", customer}});
        std::cout << result.return_value.dump(2) << '\n';
    } catch (const epicor::Error& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
