#pragma once

#include <vector>

#include "db/connection.hpp"
#include "engine/run_report.hpp"
#include "io/display_paths.hpp"
#include "ledger/ledger.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::engine {

// `verify` (SPEC §4): every deployed change's verify script, each in a transaction that is rolled
// back, all of them even after a failure; drift, pending changes and orphaned ledger rows
// reported. Outcomes are logged as events when the ledger exists (verify never creates it).
// Fails on any verify failure or drift, and for a module with nothing deployed.
RunReport verify_modules(db::Connection& connection, const ledger::LedgerSnapshot& snapshot,
                         const std::vector<const workspace::Module*>& modules,
                         const io::DisplayPaths& paths, const ProgressSink& progress);

}  // namespace pgpm::engine
