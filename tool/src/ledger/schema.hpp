#pragma once

#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

// The schema `pgpm_migrate` (SPEC §2): the original pgpm's four tables, unchanged so that the
// original keeps reading it, plus our nullable additions.
namespace pgpm::ledger {

enum class LedgerState {
    absent,    // not all of packages, changes, dependencies and events exist: nothing is deployed
    original,  // the original's tables, some of our additions missing
    current,   // the original's tables and all our additions
};

// What the database holds, which decides what may be read and written.
struct LedgerShape {
    LedgerState state = LedgerState::absent;
    bool schema_exists = false;
    bool changes_deployed_by = false;
    bool events_performed_by = false;
    bool tags_table = false;
};

// Our additions could not be made (the role does not own the original's tables): the run goes on
// without deployers and tags, and the caller tells the user why.
struct LedgerWarning {
    std::string message;
    db::SqlError cause;
};

struct EnsuredLedger {
    LedgerShape shape;  // never absent
    std::optional<LedgerWarning> warning;
};

// One catalog query; creates nothing, so status, verify and --dry-run may call it.
tl::expected<LedgerShape, db::SqlError> detect_ledger(db::Connection& connection);

// Creates the ledger, or adds our missing columns and table to an existing one (its constraints,
// the original's unique(package, script_hash) included, stay), in one transaction of its own: call
// it outside a transaction. Only deploy and revert call it, holding the migration advisory lock,
// which is what keeps two of our runners from creating the ledger at once. Without the privilege
// (42501) to add our parts, nothing of them is added and a warning is returned.
tl::expected<EnsuredLedger, db::SqlError> ensure_ledger(db::Connection& connection);

}  // namespace pgpm::ledger
