#pragma once

/// \file
/// A Dataset is what one mock company holds: its services, the table behind
/// each entity set, and its BAQs. make_demo_dataset() builds the demo company
/// EPIC06; make_generated_dataset() builds one large computed entity set.

#include <epicor/testing/export.hpp>
#include <epicor/testing/schema.hpp>
#include <epicor/testing/table.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace epicor::testing {

/// One parameter of a BAQ.
struct EPICOR_TESTING_API BaqParameter {
    std::string name;  ///< Query-string name, case-sensitive, e.g. "CustID".
    FieldType type = FieldType::String;
    bool is_list = false;   ///< A list parameter repeats its name: `?State=CA&State=OR`.
    bool required = false;  ///< A missing required parameter is a QueryError.
};

/// Parameter values from the query string, by name. A scalar parameter has
/// one value; a list parameter one value per repetition.
using BaqArguments = std::map<std::string, std::vector<std::string>, std::less<>>;

class Dataset;

/// A Business Activity Query: its columns (named `Table_Field` or
/// `Calculated_Name`) and a function that computes its rows from the dataset.
struct EPICOR_TESTING_API Baq {
    std::string id;  ///< e.g. "zCustomerList"; case-sensitive.
    std::string description;
    std::vector<BaqParameter> parameters;
    std::shared_ptr<const EntityType> columns;  ///< Has no key fields.
    /// Returns the result rows in their natural order. Arguments were
    /// checked against `parameters` before the call.
    std::function<std::vector<Row>(const Dataset&, const BaqArguments&)> run;
};

/// One company's data. Build it with add_service(), add_table() and
/// add_baq(), then share it through a std::shared_ptr. Building is
/// not thread-safe; once built, the find/run functions are, and tables lock
/// themselves.
class EPICOR_TESTING_API Dataset {
public:
    explicit Dataset(std::string company);

    /// The company id, e.g. "EPIC06".
    const std::string& company() const noexcept { return company_; }

    /// Adds an empty service. Throws std::invalid_argument when it exists.
    void add_service(std::string service_name);

    /// Adds `table` as an entity set of `service_name` (named by the table's
    /// entity_set_name()). Throws std::invalid_argument when the service is
    /// unknown or already has that entity set.
    void add_table(const std::string& service_name, std::shared_ptr<Table> table);

    /// Adds a BAQ. Throws std::invalid_argument when the id is taken.
    void add_baq(Baq baq);

    /// The services in the order they were added.
    std::vector<ServiceInfo> services() const;
    /// Returns the service with this exact name, or nothing.
    std::optional<ServiceInfo> find_service(std::string_view service_name) const;
    /// Returns the table of an entity set of a service, or nullptr.
    std::shared_ptr<Table> find_table(std::string_view service_name,
                                      std::string_view entity_set_name) const;
    /// Returns the BAQ with this exact id, or nullptr.
    const Baq* find_baq(std::string_view baq_id) const;
    /// The BAQs in the order they were added.
    std::vector<const Baq*> baqs() const;

    /// Checks `arguments` against the BAQ's parameters and returns its rows
    /// in a MemoryTable (no key, natural order), ready for execute_query().
    ///
    /// Throws NotFoundError when no BAQ has this id; QueryError when a
    /// required parameter is missing, a parameter is unknown, a scalar
    /// parameter is repeated, or a value does not parse as its type.
    std::shared_ptr<Table> run_baq(std::string_view baq_id, const BaqArguments& arguments) const;

private:
    struct ServiceEntry {
        std::string name;
        std::vector<std::shared_ptr<Table>> tables;
    };

    std::string company_;
    std::vector<ServiceEntry> services_;
    std::vector<std::unique_ptr<Baq>> baqs_;
};

/// Facts about the demo company that tests can assert exactly.
namespace demo {
inline constexpr const char* kCompany = "EPIC06";
inline constexpr const char* kCustomerService = "Erp.BO.CustomerSvc";  ///< Customers, ShipToes.
inline constexpr const char* kPartService = "Erp.BO.PartSvc";          ///< Parts.
inline constexpr const char* kSalesOrderService = "Erp.BO.SalesOrderSvc";  ///< SalesOrders (expand OrderDtls), OrderDtls.
inline constexpr std::size_t kCustomerCount = 40;
inline constexpr std::size_t kPartCount = 30;
inline constexpr std::size_t kSalesOrderCount = 60;

/// Customers('EPIC06',1).CreditLimit: a Decimal(28,2) with 28 significant digits.
inline constexpr const char* kCreditLimit28Digits = "12345678901234567890123456.78";
/// Parts('EPIC06','BRK-100').UnitPrice: a Decimal(20,10) with 10 decimal places.
inline constexpr const char* kUnitPrice10Places = "1234.5678901234";
/// Customers('EPIC06',2).Name, in Japanese.
inline constexpr const char* kJapaneseCustomerName = "株式会社さくら精機";
/// Customers('EPIC06',3).Name, in German with umlauts and ß.
inline constexpr const char* kGermanCustomerName = "Müller & Söhne Großhandel GmbH";

/// BAQ `zCustomerList`: every customer; no parameters.
inline constexpr const char* kBaqCustomerList = "zCustomerList";
/// BAQ `zOrdersByCustomer`: orders of one customer; scalar parameter `CustID`
/// (String, required).
inline constexpr const char* kBaqOrdersByCustomer = "zOrdersByCustomer";
/// BAQ `zCustomersByState`: customers in any of the states of list parameter
/// `State` (String, list, required).
inline constexpr const char* kBaqCustomersByState = "zCustomersByState";
/// BAQ `zPartsBelowPrice`: parts with UnitPrice below the Decimal parameter
/// `MaxPrice` (optional; all parts without it).
inline constexpr const char* kBaqPartsBelowPrice = "zPartsBelowPrice";
}  // namespace demo

/// Facts about generated datasets.
namespace generated {
inline constexpr const char* kService = "Ice.BO.BenchSvc";
inline constexpr const char* kEntitySet = "BenchRows";
/// Seed used when none is given.
inline constexpr std::uint64_t kDefaultSeed = 0x45504943'4f520601ULL;
}  // namespace generated

/// Builds the demo company EPIC06: ~40 customers with ship-tos, 30 parts, 60
/// sales orders with lines, and four BAQs (see namespace demo). The same call
/// always builds the same data except SysRowIDs, which are also fixed.
EPICOR_TESTING_API std::shared_ptr<Dataset> make_demo_dataset();

/// Builds company EPIC06 with one service, `Ice.BO.BenchSvc`, whose entity
/// set `BenchRows` has `row_count` rows computed from `seed` and the row index
/// (see GeneratedTable). Columns: Company, RowNum (Int32 key, 1-based),
/// ItemID, Description (non-ASCII text), Quantity (Int32), UnitPrice
/// (Decimal(18,6)), Weight (Double), Active (Boolean), DueDate (nullable
/// DateTime), ModifiedOn (DateTimeOffset), Discount (nullable Decimal),
/// SysRowID, SysRevID.
EPICOR_TESTING_API std::shared_ptr<Dataset> make_generated_dataset(
    std::size_t row_count, std::uint64_t seed = generated::kDefaultSeed);

/// Builds a dataset from a spec: "demo" or "generated:ROWS" (e.g.
/// "generated:1000000"), optionally "generated:ROWS:SEED". Throws
/// std::invalid_argument naming the spec when it is neither.
EPICOR_TESTING_API std::shared_ptr<Dataset> make_dataset(std::string_view spec);

}  // namespace epicor::testing
