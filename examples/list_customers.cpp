// Lists the customers of the connection's company with their credit limits.
//
//     list_customers "URL=https://host;ERPInstance=Kinetic;User=...;Password=...;Company=EPIC06"

#include "example_connection.hpp"

#include <epicor/epicor.hpp>

#include <iostream>

int main(int argc, char** argv) {
    const auto text = examples::connection_string(argc, argv);
    if (!text) {
        return 2;
    }
    try {
        const epicor::Connection conn = epicor::connect(*text);
        auto customers = conn.service("Erp.BO.CustomerSvc").entity_set("Customers");
        auto rows = customers.query().select({"CustID", "Name", "CreditLimit"}).order_by("CustID").execute();
        for (const epicor::Row& row : rows) {
            const auto limit = row.get<std::optional<epicor::Decimal>>("CreditLimit");
            std::cout << row.get<std::string>("CustID") << '\t' << row.get<std::string>("Name") << '\t'
                      << (limit ? limit->to_string() : "(none)") << '\n';
        }
        std::cerr << rows.rows_delivered() << " customers\n";
    } catch (const epicor::Error& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
