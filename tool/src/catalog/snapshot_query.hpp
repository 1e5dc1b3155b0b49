#pragma once

#include <string_view>

namespace pgpm::catalog {

// One SELECT of (kind, identity, details) rows, unordered, for a session whose search_path is
// pg_catalog alone: names are then resolved in the system catalog, and every name the deparse
// functions print outside of it comes schema-qualified.
std::string_view snapshot_query();

}  // namespace pgpm::catalog
