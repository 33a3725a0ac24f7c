#pragma once

/// \file
/// epicor::Baq, a Business Activity Query run through `BaqSvc`.
///
///     auto rows = conn.baq("zCustomer01").query()
///                     .parameter("Country", "USA")
///                     .top(20)
///                     .execute();

#include <epicor/export.hpp>
#include <epicor/query.hpp>

#include <memory>
#include <string>

namespace epicor {

/// One BAQ by id. A cheap handle: copies share the connection.
class EPICOR_API Baq {
public:
    Baq(std::shared_ptr<detail::ConnectionState> state, std::string id);

    const std::string& id() const noexcept { return id_; }

    /// Starts a query on the BAQ's rows. Parameters go by name
    /// (Query::parameter()); OData options apply as for entity sets.
    /// Result columns are named `Table_Field` or `Calculated_Name`; their
    /// types are inferred from the values.
    /// NOTE: BAQs declare no key, so a BAQ query that spans several pages
    /// has a stable order only when it sets order_by().
    Query query() const;

private:
    std::shared_ptr<detail::ConnectionState> state_;
    std::string id_;
};

}  // namespace epicor
