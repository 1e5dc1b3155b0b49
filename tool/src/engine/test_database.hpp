#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

// The throw-away databases of test-packages (SPEC §4): named after their module, marked as ours,
// and the only databases pgpm ever drops or disconnects.
namespace pgpm::engine {

// `<prefix><module>`, lowercased, every character but [a-z0-9_] made `_`. A short hash of the
// module name is added when the name passes 63 bytes or another module of the run already maps
// to it (`taken` holds the names given so far; the result is added).
std::string test_database_name(std::string_view prefix, std::string_view module,
                               std::set<std::string>& taken);

// A hashed variant of `name`, for when `name` exists and is not ours.
std::string alternative_database_name(std::string_view name);

// Creates the database and marks it as ours. An existing one of that name is dropped first when
// it carries our mark (its sessions terminated); when it does not, the database is created under
// alternative_database_name instead. A `template_database` is cloned rather than the server's
// default template. Returns the name used.
tl::expected<std::string, db::SqlError> create_test_database(
    db::Connection& maintenance, const std::string& name,
    const std::optional<std::string>& template_database = std::nullopt);

// Drops a database this run created (terminating its sessions), only when it carries our mark.
tl::expected<void, db::SqlError> drop_test_database(db::Connection& maintenance,
                                                    const std::string& name);

}  // namespace pgpm::engine
