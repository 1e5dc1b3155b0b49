#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

// `admin-users bootstrap` (SPEC §4): the NOLOGIN roles modules grant to.
namespace pgpm::engine {

struct BootstrapRole {
    std::string name;
    bool created = false;  // false: it existed already, which counts as done
};

// Creates anonymous and authenticated (NOBYPASSRLS) and administrator (BYPASSRLS), one statement
// per role, so that one existing role does not stop the others. A role created meanwhile by a
// concurrent bootstrap (42710, or 23505 from the catalog's unique index) counts as existing.
// Stops at the first other error, such as 42501 when the role may not create roles or grant
// BYPASSRLS (which needs a superuser).
tl::expected<std::vector<BootstrapRole>, db::SqlError> bootstrap_roles(db::Connection& connection);

}  // namespace pgpm::engine
