// Lists open sales orders of one customer above an amount, newest first,
// with a filter built from values rather than spliced into text.
//
//     filtered_query CONNECTION_STRING [CUSTNUM] [MIN_AMOUNT]

#include "example_connection.hpp"

#include <epicor/epicor.hpp>

#include <iostream>

int main(int argc, char** argv) {
    const auto text = examples::connection_string(argc, argv);
    if (!text) {
        return 2;
    }
    const int customer = argc > 2 ? std::atoi(argv[2]) : 1;
    const std::string minimum = argc > 3 ? argv[3] : "0";
    try {
        const epicor::Connection conn = epicor::connect(*text);
        using epicor::Filter;
        const Filter filter = Filter::all_of(
            Filter::all_of(Filter::eq("CustNum", customer), Filter::eq("OpenOrder", true)),
            Filter::ge("OrderAmt", epicor::Decimal::parse(minimum)));
        auto rows = conn.service("Erp.BO.SalesOrderSvc")
                        .entity_set("SalesOrders")
                        .query()
                        .select({"OrderNum", "OrderDate", "OrderAmt", "CurrencyCode"})
                        .filter(filter)
                        .order_by_descending("OrderDate")
                        .top(20)
                        .execute();
        for (const epicor::Row& row : rows) {
            std::cout << row.get<std::int32_t>("OrderNum") << '\t'
                      << row.get<epicor::DateTime>("OrderDate").to_string() << '\t'
                      << row.get<epicor::Decimal>("OrderAmt").to_string() << ' '
                      << row.get<std::string>("CurrencyCode") << '\n';
        }
    } catch (const epicor::Error& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
