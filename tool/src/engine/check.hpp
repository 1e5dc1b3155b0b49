#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::engine {

// A change whose deploy or revert script holds a statement PostgreSQL refuses inside a
// transaction block, so it will run statement by statement in autocommit.
struct NonTransactionalChange {
    std::string module;
    std::string change;
    std::string script_kind;  // "deploy" or "revert"
    SourceLocation where;     // the first such statement
    std::string statement;    // its parse node, e.g. "IndexStmt"
};

struct CheckReport {
    Diagnostics diagnostics;
    std::vector<NonTransactionalChange> non_transactional;
};

// Checks every script of the given modules without a database (SPEC §4 `check`): missing and
// empty scripts, scripts no plan names, SQL syntax, and changes that run outside a transaction.
// Paths in the report are relative to `display_base`.
CheckReport check_scripts(const std::vector<const workspace::Module*>& modules,
                          const std::filesystem::path& display_base);

}  // namespace pgpm::engine
