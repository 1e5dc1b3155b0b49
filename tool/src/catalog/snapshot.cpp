#include "catalog/snapshot.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <utility>

#include "catalog/snapshot_query.hpp"

namespace pgpm::catalog {

namespace {

// SET LOCAL lasts until the end of the transaction: outside of one, the implicit transaction of
// this single query string. The deparse functions qualify names relative to search_path and print
// constants (defaults, checks, partition bounds) after the date, time and number settings.
constexpr std::string_view kPinnedSettings =
    "SET LOCAL search_path = pg_catalog; SET LOCAL DateStyle = ISO; "
    "SET LOCAL IntervalStyle = postgres; SET LOCAL TimeZone = UTC; "
    "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = hex; "
    "SET LOCAL quote_all_identifiers = off;\n";

// Inside the caller's transaction SET LOCAL would outlive the query; rolling back to this
// savepoint undoes it, and a failed query with it.
constexpr std::string_view kSavepoint = "pgpm_catalog_snapshot";

CatalogSnapshot snapshot_of(const db::Result& rows) {
    CatalogSnapshot snapshot;
    snapshot.objects.reserve(rows.rows());
    for (int row = 0; row < rows.rows(); ++row) {
        snapshot.objects.push_back({std::string(rows.get(row, 0)), std::string(rows.get(row, 1)),
                                    std::string(rows.get(row, 2))});
    }
    std::ranges::sort(snapshot.objects, [](const CatalogObject& left, const CatalogObject& right) {
        return std::tie(left.kind, left.identity) < std::tie(right.kind, right.identity);
    });
    return snapshot;
}

}  // namespace

tl::expected<CatalogSnapshot, db::SqlError> take_snapshot(db::Connection& connection) {
    std::string sql;
    const bool in_transaction = connection.in_transaction();
    if (in_transaction) {
        sql += "SAVEPOINT " + std::string(kSavepoint) + ";\n";
    }
    sql += kPinnedSettings;
    sql += snapshot_query();
    auto rows = connection.exec(sql);
    if (in_transaction) {
        auto restored = connection.exec("ROLLBACK TO SAVEPOINT " + std::string(kSavepoint) +
                                        "; RELEASE SAVEPOINT " + std::string(kSavepoint));
        if (rows && !restored) {
            return tl::unexpected(std::move(restored.error()));
        }
    }
    if (!rows) {
        return tl::unexpected(std::move(rows.error()));
    }
    return snapshot_of(*rows);
}

}  // namespace pgpm::catalog
