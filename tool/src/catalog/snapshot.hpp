#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

namespace pgpm::catalog {

// One object of the catalog, named without OIDs so that a dropped and recreated object compares
// equal to the original.
struct CatalogObject {
    // "schema", "table", "partitioned table", "view", "materialized view", "sequence",
    // "foreign table", "column", "constraint", "index", "function", "procedure", "aggregate",
    // "type", "policy", "trigger", "rule", "event trigger" or "default privileges".
    std::string kind;
    // Unique within its kind: "app.users", "app.users.id", "app.users: users_pkey",
    // "app.f(integer, text)", "own_rows on app.users", "for role alice in schema app on tables".
    std::string identity;
    // What matters about it, one "key: value" line each (owner, acl, type, definition, ...), a
    // value's own newlines and backslashes escaped as \n and \\ so that lines stay lines.
    std::string details;

    bool operator==(const CatalogObject&) const = default;
};

// Sorted by kind, then identity (byte order).
struct CatalogSnapshot {
    std::vector<CatalogObject> objects;
};

// The user's objects of the connection's database, one query. Objects of extensions, the
// pgpm_migrate schema and the system schemas are left out. The query pins search_path and the
// settings that shape deparsed text, for itself only, so that the session's settings (which a
// deploy script may change) do not show as differences; inside an explicit transaction this
// takes a second round trip, to undo them.
tl::expected<CatalogSnapshot, db::SqlError> take_snapshot(db::Connection& connection);

}  // namespace pgpm::catalog
