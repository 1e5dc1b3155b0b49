#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "engine/run_plan.hpp"
#include "io/display_paths.hpp"
#include "ledger/ledger.hpp"
#include "workspace/workspace.hpp"

// What a revert will do (SPEC §4 revert), decided before anything runs.
namespace pgpm::engine {

enum class RevertScope {
    last,  // the last deployed change in plan order
    to,    // the changes after `to`, which stays
    all,   // every deployed change
};

struct RevertRequest {
    // The modules to revert from: one, or (--workspace --all) every module of the workspace,
    // which are then reverted dependents first.
    std::vector<const workspace::Module*> modules;
    bool whole_workspace = false;
    RevertScope scope = RevertScope::last;
    std::string to;  // with RevertScope::to: `@tag` or a change of the one module
    bool load_verify_scripts = false;
    ScriptParsing parsing = ScriptParsing::strict;
};

// Refuses when a deployed change outside the reverted set depends on one inside it, naming both;
// a drifted change is reverted with a warning.
tl::expected<RunPlan, Refusal> plan_revert(const workspace::Workspace& workspace,
                                           const RevertRequest& request,
                                           const ledger::LedgerSnapshot& snapshot,
                                           const io::DisplayPaths& paths);

}  // namespace pgpm::engine
