#pragma once

#include <string>

#include <tl/expected.hpp>

#include "cli/exit_code.hpp"
#include "cli/global_options.hpp"
#include "cli/target_selection.hpp"
#include "db/connection.hpp"

// The target database of deploy, verify, revert and status (SPEC §4 "Connections").
namespace pgpm::cli {

// `-d` as given (libpq fills in the rest), once something names a database: `-d`, else a
// non-empty PGDATABASE, else the dbname of PGSERVICE's service. libpq would fall back to the
// user's name, which is never what a deploy means, so naming none is a usage error; so is a
// malformed connection string.
tl::expected<std::string, UsageError> resolve_database_target(const GlobalOptions& options);

// Connects to the resolved target. When that fails, prints on stderr whether the server or only
// the database is missing, with a hint, and returns the exit code. With `create_if_missing`
// (--createdb) a missing database is created first.
tl::expected<db::Connection, ExitCode> connect_database(const std::string& target,
                                                        bool create_if_missing = false);

}  // namespace pgpm::cli
