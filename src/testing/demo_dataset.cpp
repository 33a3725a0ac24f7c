#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_error.hpp>

#include "testing/value_compare.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace epicor::testing {
namespace {

// Every value below is fictitious. Rows are built from fixed tables and a
// fixed arithmetic sequence, so the demo data never changes between runs.

struct CustomerSeed {
    const char* id;
    const char* name;
    const char* city;
    const char* state;
    const char* country;
    const char* currency;
};

constexpr std::array<CustomerSeed, demo::kCustomerCount> kCustomers{{
    {"ADDISON", "Addison Tool & Die", "Minneapolis", "MN", "USA", "USD"},
    {"SAKURA", demo::kJapaneseCustomerName, "大阪市", "", "Japan", "JPY"},
    {"MUELLER", demo::kGermanCustomerName, "München", "BY", "Germany", "EUR"},
    {"BAYSIDE", "Bayside Marine Supply", "Tampa", "FL", "USA", "USD"},
    {"CASCADE", "Cascade Fabrication", "Portland", "OR", "USA", "USD"},
    {"DALTON", "Dalton Precision Parts", "Dayton", "OH", "USA", "USD"},
    {"EVERGRN", "Evergreen Outdoor Co.", "Seattle", "WA", "USA", "USD"},
    {"FUJIKO", "富士光学工業株式会社", "東京都", "", "Japan", "JPY"},
    {"GRANITE", "Granite State Machining", "Manchester", "NH", "USA", "USD"},
    {"HARBOR", "Harbor Freight Lines", "Long Beach", "CA", "USA", "USD"},
    {"IRONWD", "Ironwood Cabinetry", "Asheville", "NC", "USA", "USD"},
    {"JANSSEN", "Janßen Antriebstechnik KG", "Köln", "NW", "Germany", "EUR"},
    {"KESTREL", "Kestrel Aerospace 🚀", "Wichita", "KS", "USA", "USD"},
    {"LAKESHR", "Lakeshore Pumps", "Chicago", "IL", "USA", "USD"},
    {"MAPLE", "Maple Leaf Robotics", "Toronto", "ON", "Canada", "CAD"},
    {"NORTHST", "North Star Welding", "Duluth", "MN", "USA", "USD"},
    {"OAKRIDG", "Oak Ridge Instruments", "Knoxville", "TN", "USA", "USD"},
    {"PACIFIC", "Pacific Rim Electronics", "San Jose", "CA", "USA", "USD"},
    {"QUARRY", "Quarry Hill Stoneworks", "Barre", "VT", "USA", "USD"},
    {"REDROCK", "Red Rock Mining Equipment", "Phoenix", "AZ", "USA", "USD"},
    {"SUMMIT", "Summit Bicycle Works 🚲", "Boulder", "CO", "USA", "USD"},
    {"TOKAI", "東海精密株式会社", "名古屋市", "", "Japan", "JPY"},
    {"UNIONPK", "Union Pacific Castings", "Omaha", "NE", "USA", "USD"},
    {"VALLEY", "Valley Fresh Packaging", "Fresno", "CA", "USA", "USD"},
    {"WEBER", "Weber & Töchter Maschinenbau", "Stuttgart", "BW", "Germany", "EUR"},
    {"XENON", "Xenon Lighting Systems", "Austin", "TX", "USA", "USD"},
    {"YUKON", "Yukon Cold Storage", "Anchorage", "AK", "USA", "USD"},
    {"ZENITH", "Zenith Controls", "Cleveland", "OH", "USA", "USD"},
    {"ATLAS", "Atlas Conveyor Systems", "Houston", "TX", "USA", "USD"},
    {"BLUERDG", "Blue Ridge Hydraulics", "Roanoke", "VA", "USA", "USD"},
    {"COPPER", "Copper Canyon Wire", "Tucson", "AZ", "USA", "USD"},
    {"DELTA", "Delta Agricultural Supply", "Jackson", "MS", "USA", "USD"},
    {"ECHO", "Echo Valley Plastics", "Boise", "ID", "USA", "USD"},
    {"FALCON", "Falcon Ridge Composites", "Salt Lake City", "UT", "USA", "USD"},
    {"GLACIER", "Glacier Bay Seafood Processing", "Juneau", "AK", "USA", "USD"},
    {"HOKUTO", "北斗電機株式会社", "札幌市", "", "Japan", "JPY"},
    {"INDIGO", "Indigo Textile Mills", "Greenville", "SC", "USA", "USD"},
    {"JUNIPER", "Juniper Solar ☀️", "Albuquerque", "NM", "USA", "USD"},
    {"KOENIG", "König Präzisionswerkzeuge AG", "Zürich", "ZH", "Switzerland", "CHF"},
    {"LUMEN", "Lumen Optical O'Neill", "Boston", "MA", "USA", "USD"},
}};

struct PartSeed {
    const char* number;
    const char* description;
    const char* class_id;
    const char* unit_price;
};

constexpr std::array<PartSeed, demo::kPartCount> kParts{{
    {"BRK-100", "Brake caliper assembly", "BRK", demo::kUnitPrice10Places},
    {"BRK-200", "Brake pad set, ceramic", "BRK", "48.25"},
    {"BRG-6204", "Deep groove ball bearing 6204", "BRG", "6.80"},
    {"BRG-6305", "Kugellager 6305 2RS", "BRG", "11.45"},
    {"BLT-M8", "Hex bolt M8x40, zinc", "FST", "0.12"},
    {"BLT-M10", "六角ボルト M10x50", "FST", "0.19"},
    {"NUT-M8", "Hex nut M8", "FST", "0.04"},
    {"WSH-M8", "Flat washer M8", "FST", "0.015"},
    {"GR-20T", "Spur gear 20 teeth, module 2", "GR", "22.00"},
    {"GR-40T", "Spur gear 40 teeth, module 2", "GR", "31.50"},
    {"MTR-05", "Motor 0.5 kW, 230 V", "MTR", "189.99"},
    {"MTR-15", "Motor 1.5 kW, 400 V", "MTR", "412.00"},
    {"PMP-10", "Centrifugal pump 10 m³/h", "PMP", "1275.00"},
    {"VLV-25", "Ball valve DN25, stainless", "VLV", "36.40"},
    {"VLV-50", "Ball valve DN50, stainless", "VLV", "88.90"},
    {"HSE-12", "Hydraulic hose 12 mm, per metre", "HYD", "4.35"},
    {"FTG-12", "ステンレス継手 12 mm", "HYD", "3.10"},
    {"SNS-T1", "Temperature sensor PT100", "SNS", "54.00"},
    {"SNS-P1", "Pressure sensor 0-10 bar", "SNS", "119.00"},
    {"CBL-3C", "Cable 3-core 1.5 mm², per metre", "ELC", "1.05"},
    {"PLC-S1", "PLC controller, 16 I/O", "ELC", "645.00"},
    {"FRM-A1", "Aluminium frame profile 40x40", "FRM", "12.70"},
    {"FRM-S1", "Steel frame weldment", "FRM", "265.00"},
    {"PNT-RAL5", "Paint RAL 5010, 1 l", "CON", "23.95"},
    {"GLV-L", "Work gloves, size L 🧤", "CON", "3.49"},
    {"LBL-01", "Etiquette « Attention »", "CON", "0.08"},
    {"KIT-BRK", "Brake service kit", "KIT", "159.00"},
    {"KIT-PMP", "Pump overhaul kit", "KIT", "349.00"},
    {"SPR-C10", "Compression spring 10 mm", "FST", "0.55"},
    {"SHF-25", "Drive shaft Ø25 mm", "MCH", "74.20"},
}};

std::string fixed_guid(std::uint64_t table, std::uint64_t index) {
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%08llx-0000-4000-8000-%012llx",
                  static_cast<unsigned long long>(0xE06D0000ULL + table),
                  static_cast<unsigned long long>(index));
    return buffer.data();
}

std::string date_text(int year, int month, int day) {
    // Sized for any int in each field, so GCC's -Wformat-truncation stays quiet.
    std::array<char, 48> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT00:00:00", year, month, day);
    return buffer.data();
}

// A date `offset` days after 2024-01-01 (months simplified to 28 days, so every date exists).
std::string date_after(int offset) {
    const int year = 2024 + offset / 336;
    const int month = 1 + offset % 336 / 28;
    const int day = 1 + offset % 28;
    return date_text(year, month, day);
}

std::string cents_text(long long cents) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%lld.%02lld", cents / 100, cents % 100);
    return buffer.data();
}

Field string_field(const char* name, std::size_t max_length, bool nullable = false) {
    return Field{name, FieldType::String, nullable, max_length, 0, 0};
}

Field field(const char* name, FieldType type, bool nullable = false) {
    return Field{name, type, nullable, std::nullopt, 0, 0};
}

Field decimal_field(const char* name, int precision, int scale, bool nullable = false) {
    return Field{name, FieldType::Decimal, nullable, std::nullopt, precision, scale};
}

std::vector<Field> with_system_fields(std::vector<Field> fields) {
    fields.push_back(field("SysRowID", FieldType::Guid));
    fields.push_back(field("SysRevID", FieldType::Int64));
    return fields;
}

// ---------------------------------------------------------------------------
// Entity types

std::shared_ptr<const EntityType> customer_type() {
    return std::make_shared<const EntityType>(
        "Customer",
        with_system_fields({string_field("Company", 8), field("CustNum", FieldType::Int32),
                            string_field("CustID", 10), string_field("Name", 50), string_field("City", 50),
                            string_field("State", 50), string_field("Country", 50),
                            string_field("CurrencyCode", 4), string_field("EMailAddress", 255, true),
                            decimal_field("CreditLimit", 28, 2, true), decimal_field("Discount", 5, 2, true),
                            field("CreditHold", FieldType::Boolean), field("EstDate", FieldType::DateTime, true),
                            field("ChangedOn", FieldType::DateTimeOffset, true)}),
        std::vector<std::string>{"Company", "CustNum"},
        std::vector<Navigation>{{"ShipToes", "ShipToes", {{"Company", "Company"}, {"CustNum", "CustNum"}}}});
}

std::shared_ptr<const EntityType> ship_to_type() {
    return std::make_shared<const EntityType>(
        "ShipTo",
        with_system_fields({string_field("Company", 8), field("CustNum", FieldType::Int32),
                            string_field("ShipToNum", 14), string_field("Name", 50), string_field("City", 50),
                            string_field("State", 50), string_field("Country", 50)}),
        std::vector<std::string>{"Company", "CustNum", "ShipToNum"});
}

std::shared_ptr<const EntityType> part_type() {
    return std::make_shared<const EntityType>(
        "Part",
        with_system_fields({string_field("Company", 8), string_field("PartNum", 50),
                            string_field("PartDescription", 100), string_field("ClassID", 4),
                            string_field("IUM", 6), decimal_field("UnitPrice", 20, 10),
                            decimal_field("NetWeight", 18, 5, true), field("InActive", FieldType::Boolean),
                            field("CreatedOn", FieldType::DateTime, true)}),
        std::vector<std::string>{"Company", "PartNum"});
}

std::shared_ptr<const EntityType> order_type() {
    return std::make_shared<const EntityType>(
        "OrderHed",
        with_system_fields({string_field("Company", 8), field("OrderNum", FieldType::Int32),
                            field("CustNum", FieldType::Int32), string_field("PONum", 50, true),
                            field("OrderDate", FieldType::DateTime), field("RequestDate", FieldType::DateTime, true),
                            field("NeedByDate", FieldType::DateTime, true), decimal_field("OrderAmt", 20, 2),
                            string_field("CurrencyCode", 4), field("OpenOrder", FieldType::Boolean),
                            field("ExchangeRate", FieldType::Double, true)}),
        std::vector<std::string>{"Company", "OrderNum"},
        std::vector<Navigation>{{"OrderDtls", "OrderDtls", {{"Company", "Company"}, {"OrderNum", "OrderNum"}}}});
}

std::shared_ptr<const EntityType> order_line_type() {
    return std::make_shared<const EntityType>(
        "OrderDtl",
        with_system_fields({string_field("Company", 8), field("OrderNum", FieldType::Int32),
                            field("OrderLine", FieldType::Int32), string_field("PartNum", 50),
                            string_field("LineDesc", 1000), decimal_field("OrderQty", 22, 8),
                            decimal_field("UnitPrice", 20, 5), decimal_field("ExtPrice", 20, 2),
                            field("RequestDate", FieldType::DateTime, true)}),
        std::vector<std::string>{"Company", "OrderNum", "OrderLine"});
}

// ---------------------------------------------------------------------------
// Rows

std::vector<Row> customer_rows() {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < kCustomers.size(); ++i) {
        const CustomerSeed& seed = kCustomers[i];
        const int number = static_cast<int>(i) + 1;
        Row row;
        row["Company"] = demo::kCompany;
        row["CustNum"] = number;
        row["CustID"] = seed.id;
        row["Name"] = seed.name;
        row["City"] = seed.city;
        row["State"] = seed.state;
        row["Country"] = seed.country;
        row["CurrencyCode"] = seed.currency;
        row["EMailAddress"] = number % 5 == 0 ? nlohmann::json(nullptr)
                                              : nlohmann::json("orders@" + std::string(seed.id) + ".example");
        if (number == 1) {
            row["CreditLimit"] = demo::kCreditLimit28Digits;
        } else if (number % 7 == 0) {
            row["CreditLimit"] = nullptr;
        } else {
            row["CreditLimit"] = cents_text(static_cast<long long>(number) * 250000);
        }
        row["Discount"] = number % 3 == 0 ? nlohmann::json(cents_text(number % 10 * 50)) : nlohmann::json(nullptr);
        row["CreditHold"] = number % 11 == 0;
        row["EstDate"] = number % 4 == 0 ? nlohmann::json(nullptr) : nlohmann::json(date_after(number * 3));
        row["ChangedOn"] = number % 6 == 0 ? nlohmann::json(nullptr)
                                           : nlohmann::json(date_after(number * 5).substr(0, 11) + "09:30:00+02:00");
        row["SysRowID"] = fixed_guid(1, i + 1);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Row> ship_to_rows() {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < kCustomers.size(); ++i) {
        const CustomerSeed& seed = kCustomers[i];
        const int number = static_cast<int>(i) + 1;
        // Every customer ships to its main address; every third one to a second site too.
        const int sites = number % 3 == 0 ? 2 : 1;
        for (int site = 0; site < sites; ++site) {
            Row row;
            row["Company"] = demo::kCompany;
            row["CustNum"] = number;
            row["ShipToNum"] = site == 0 ? "" : "WH" + std::to_string(site);
            row["Name"] = site == 0 ? std::string(seed.name) : std::string(seed.name) + " (Warehouse)";
            row["City"] = seed.city;
            row["State"] = seed.state;
            row["Country"] = seed.country;
            row["SysRowID"] = fixed_guid(2, i * 4 + static_cast<std::size_t>(site) + 1);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<Row> part_rows() {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < kParts.size(); ++i) {
        const PartSeed& seed = kParts[i];
        Row row;
        row["Company"] = demo::kCompany;
        row["PartNum"] = seed.number;
        row["PartDescription"] = seed.description;
        row["ClassID"] = seed.class_id;
        row["IUM"] = "EA";
        row["UnitPrice"] = seed.unit_price;
        row["NetWeight"] = i % 4 == 3 ? nlohmann::json(nullptr) : nlohmann::json(cents_text(static_cast<long long>(i) * 37 + 5));
        row["InActive"] = i % 13 == 12;
        row["CreatedOn"] = i % 5 == 4 ? nlohmann::json(nullptr) : nlohmann::json(date_after(static_cast<int>(i) * 9));
        row["SysRowID"] = fixed_guid(3, i + 1);
        rows.push_back(std::move(row));
    }
    return rows;
}

// List prices in cents used on order lines (BRK-100 rounds to 1234.57).
long long line_price_cents(std::size_t part) {
    static constexpr std::array<long long, demo::kPartCount> kCents{
        123457, 4825, 680, 1145, 12, 19, 4, 2, 2200, 3150, 18999, 41200, 127500, 3640, 8890,
        435, 310, 5400, 11900, 105, 64500, 1270, 26500, 2395, 349, 8, 15900, 34900, 55, 7420};
    return kCents[part];
}

void add_order_rows(std::vector<Row>& orders, std::vector<Row>& lines) {
    for (int n = 0; n < static_cast<int>(demo::kSalesOrderCount); ++n) {
        const int order_num = 5001 + n;
        const int customer = n * 7 % static_cast<int>(demo::kCustomerCount) + 1;
        const int line_count = 1 + n % 4;

        long long total_cents = 0;
        for (int line = 1; line <= line_count; ++line) {
            const auto part = static_cast<std::size_t>((n * 3 + line * 5) % static_cast<int>(demo::kPartCount));
            const long long quantity = 1 + (n + line) % 12;
            const long long cents = line_price_cents(part);
            total_cents += quantity * cents;

            Row row;
            row["Company"] = demo::kCompany;
            row["OrderNum"] = order_num;
            row["OrderLine"] = line;
            row["PartNum"] = kParts[part].number;
            row["LineDesc"] = kParts[part].description;
            row["OrderQty"] = std::to_string(quantity) + ".00000000";
            row["UnitPrice"] = cents_text(cents) + "000";
            row["ExtPrice"] = cents_text(quantity * cents);
            row["RequestDate"] = (n + line) % 5 == 0 ? nlohmann::json(nullptr) : nlohmann::json(date_after(n * 6 + 30));
            row["SysRowID"] = fixed_guid(5, static_cast<std::uint64_t>(order_num) * 10 + static_cast<std::uint64_t>(line));
            lines.push_back(std::move(row));
        }

        Row order;
        order["Company"] = demo::kCompany;
        order["OrderNum"] = order_num;
        order["CustNum"] = customer;
        order["PONum"] = n % 6 == 5 ? nlohmann::json(nullptr) : nlohmann::json("PO-" + std::to_string(70100 + n * 13));
        order["OrderDate"] = date_after(n * 6);
        order["RequestDate"] = n % 4 == 3 ? nlohmann::json(nullptr) : nlohmann::json(date_after(n * 6 + 30));
        order["NeedByDate"] = n % 3 == 2 ? nlohmann::json(nullptr) : nlohmann::json(date_after(n * 6 + 45));
        order["OrderAmt"] = cents_text(total_cents);
        order["CurrencyCode"] = kCustomers[static_cast<std::size_t>(customer - 1)].currency;
        order["OpenOrder"] = n % 5 != 0;
        order["ExchangeRate"] = n % 8 == 0 ? nlohmann::json(nullptr) : nlohmann::json(1.0 + (n % 16) / 64.0);
        order["SysRowID"] = fixed_guid(4, static_cast<std::uint64_t>(order_num));
        orders.push_back(std::move(order));
    }
}

// ---------------------------------------------------------------------------
// BAQs

std::shared_ptr<const EntityType> baq_columns(const char* name, std::vector<Field> fields) {
    return std::make_shared<const EntityType>(name, std::move(fields), std::vector<std::string>{});
}

std::vector<Row> all_rows(const Dataset& dataset, const char* service, const char* entity_set) {
    std::vector<Row> rows;
    const auto table = dataset.find_table(service, entity_set);
    const std::size_t size = table->size();
    for (std::size_t i = 0; i < size; ++i) {
        rows.push_back(table->row_at(i));
    }
    return rows;
}

Baq customer_list_baq() {
    Baq baq;
    baq.id = demo::kBaqCustomerList;
    baq.description = "Customers with their count of open sales orders";
    baq.columns = baq_columns(
        "zCustomerList", {string_field("Customer_Company", 8), field("Customer_CustNum", FieldType::Int32),
                          string_field("Customer_CustID", 10), string_field("Customer_Name", 50),
                          string_field("Customer_State", 50), decimal_field("Customer_CreditLimit", 28, 2, true),
                          field("Calculated_OpenOrders", FieldType::Int32)});
    baq.run = [](const Dataset& dataset, const BaqArguments&) {
        const auto orders = all_rows(dataset, demo::kSalesOrderService, "SalesOrders");
        std::vector<Row> rows;
        for (const Row& customer : all_rows(dataset, demo::kCustomerService, "Customers")) {
            int open_orders = 0;
            for (const Row& order : orders) {
                if (order["CustNum"] == customer["CustNum"] && order["OpenOrder"] == true) {
                    ++open_orders;
                }
            }
            rows.push_back(Row{{"Customer_Company", customer["Company"]},
                               {"Customer_CustNum", customer["CustNum"]},
                               {"Customer_CustID", customer["CustID"]},
                               {"Customer_Name", customer["Name"]},
                               {"Customer_State", customer["State"]},
                               {"Customer_CreditLimit", customer["CreditLimit"]},
                               {"Calculated_OpenOrders", open_orders}});
        }
        return rows;
    };
    return baq;
}

Baq orders_by_customer_baq() {
    Baq baq;
    baq.id = demo::kBaqOrdersByCustomer;
    baq.description = "Sales orders of one customer, by customer ID";
    baq.parameters = {BaqParameter{"CustID", FieldType::String, false, true}};
    baq.columns = baq_columns(
        "zOrdersByCustomer", {string_field("Customer_CustID", 10), string_field("Customer_Name", 50),
                              field("OrderHed_OrderNum", FieldType::Int32),
                              field("OrderHed_OrderDate", FieldType::DateTime),
                              decimal_field("OrderHed_OrderAmt", 20, 2), field("Calculated_LineCount", FieldType::Int32)});
    baq.run = [](const Dataset& dataset, const BaqArguments& arguments) {
        const std::string& customer_id = arguments.at("CustID").front();
        const auto lines = all_rows(dataset, demo::kSalesOrderService, "OrderDtls");
        std::vector<Row> rows;
        for (const Row& customer : all_rows(dataset, demo::kCustomerService, "Customers")) {
            if (customer["CustID"] != customer_id) {
                continue;
            }
            for (const Row& order : all_rows(dataset, demo::kSalesOrderService, "SalesOrders")) {
                if (order["CustNum"] != customer["CustNum"]) {
                    continue;
                }
                int line_count = 0;
                for (const Row& line : lines) {
                    line_count += line["OrderNum"] == order["OrderNum"] ? 1 : 0;
                }
                rows.push_back(Row{{"Customer_CustID", customer["CustID"]},
                                   {"Customer_Name", customer["Name"]},
                                   {"OrderHed_OrderNum", order["OrderNum"]},
                                   {"OrderHed_OrderDate", order["OrderDate"]},
                                   {"OrderHed_OrderAmt", order["OrderAmt"]},
                                   {"Calculated_LineCount", line_count}});
            }
        }
        return rows;
    };
    return baq;
}

Baq customers_by_state_baq() {
    Baq baq;
    baq.id = demo::kBaqCustomersByState;
    baq.description = "Customers in any of the given states";
    baq.parameters = {BaqParameter{"State", FieldType::String, true, true}};
    baq.columns = baq_columns("zCustomersByState", {string_field("Customer_CustID", 10),
                                                    string_field("Customer_Name", 50),
                                                    string_field("Customer_State", 50)});
    baq.run = [](const Dataset& dataset, const BaqArguments& arguments) {
        const std::vector<std::string>& states = arguments.at("State");
        std::vector<Row> rows;
        for (const Row& customer : all_rows(dataset, demo::kCustomerService, "Customers")) {
            const std::string& state = customer["State"].get_ref<const std::string&>();
            if (std::find(states.begin(), states.end(), state) != states.end()) {
                rows.push_back(Row{{"Customer_CustID", customer["CustID"]},
                                   {"Customer_Name", customer["Name"]},
                                   {"Customer_State", customer["State"]}});
            }
        }
        return rows;
    };
    return baq;
}

Baq parts_below_price_baq() {
    Baq baq;
    baq.id = demo::kBaqPartsBelowPrice;
    baq.description = "Parts priced below MaxPrice, or all parts without it";
    baq.parameters = {BaqParameter{"MaxPrice", FieldType::Decimal, false, false}};
    baq.columns = baq_columns("zPartsBelowPrice", {string_field("Part_PartNum", 50),
                                                   string_field("Part_PartDescription", 100),
                                                   decimal_field("Part_UnitPrice", 20, 10)});
    baq.run = [](const Dataset& dataset, const BaqArguments& arguments) {
        const auto limit = arguments.find("MaxPrice");
        std::vector<Row> rows;
        for (const Row& part : all_rows(dataset, demo::kPartService, "Parts")) {
            if (limit != arguments.end() && !limit->second.empty() &&
                detail::compare_decimal_text(part["UnitPrice"].get_ref<const std::string&>(), limit->second.front()) >= 0) {
                continue;
            }
            rows.push_back(Row{{"Part_PartNum", part["PartNum"]},
                               {"Part_PartDescription", part["PartDescription"]},
                               {"Part_UnitPrice", part["UnitPrice"]}});
        }
        return rows;
    };
    return baq;
}

}  // namespace

std::shared_ptr<Dataset> make_demo_dataset() {
    auto dataset = std::make_shared<Dataset>(demo::kCompany);

    dataset->add_service(demo::kCustomerService);
    auto customers = std::make_shared<MemoryTable>("Customers", customer_type());
    customers->insert_all(customer_rows());
    dataset->add_table(demo::kCustomerService, customers);
    auto ship_tos = std::make_shared<MemoryTable>("ShipToes", ship_to_type());
    ship_tos->insert_all(ship_to_rows());
    dataset->add_table(demo::kCustomerService, ship_tos);

    dataset->add_service(demo::kPartService);
    auto parts = std::make_shared<MemoryTable>("Parts", part_type());
    parts->insert_all(part_rows());
    dataset->add_table(demo::kPartService, parts);

    dataset->add_service(demo::kSalesOrderService);
    std::vector<Row> orders;
    std::vector<Row> lines;
    add_order_rows(orders, lines);
    auto order_table = std::make_shared<MemoryTable>("SalesOrders", order_type());
    order_table->insert_all(std::move(orders));
    dataset->add_table(demo::kSalesOrderService, order_table);
    auto line_table = std::make_shared<MemoryTable>("OrderDtls", order_line_type());
    line_table->insert_all(std::move(lines));
    dataset->add_table(demo::kSalesOrderService, line_table);

    dataset->add_baq(customer_list_baq());
    dataset->add_baq(orders_by_customer_baq());
    dataset->add_baq(customers_by_state_baq());
    dataset->add_baq(parts_below_price_baq());
    return dataset;
}

}  // namespace epicor::testing
