#pragma once

#include "db/connection.hpp"
#include "engine/change_runner.hpp"
#include "engine/run_plan.hpp"
#include "engine/run_report.hpp"
#include "ledger/schema.hpp"

namespace pgpm::engine {

struct RunOptions {
    TxMode tx = TxMode::change;
    // Deploy: verify each module the run completes. Revert: confirm each reverted change by its
    // verify script now failing.
    bool verify = true;
};

// Runs a deploy or revert plan on a connection holding the migration lock, with the ledger
// ensured. Per module: (deploy) its native extensions, its changes with their ledger rows, its
// tags rows, then (deploy) its verify scripts when it is complete. A revert's confirmations run
// once everything is reverted. Stops at the first failure, which is logged as an event once its
// transaction is rolled back.
RunReport execute_run(db::Connection& connection, const ledger::LedgerShape& shape,
                      const RunPlan& plan, const RunOptions& options, const ProgressSink& progress);

}  // namespace pgpm::engine
