#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "diag/diagnostic.hpp"
#include "engine/run_plan.hpp"
#include "io/display_paths.hpp"
#include "ledger/ledger.hpp"
#include "ledger/record.hpp"
#include "workspace/workspace.hpp"

// What a deploy will do, decided before anything runs (SPEC §4 deploy): the modules in
// dependency order, their pending changes with scripts read and parsed, and every reason to
// refuse (drift, out-of-order plans, conflicts, an unknown --to, unreadable scripts).
namespace pgpm::engine {

struct DeployRequest {
    std::vector<const workspace::Module*> targets;
    // `@tag` or a change of the one target module; empty: all of it.
    std::string to;
    bool load_verify_scripts = false;
    ScriptParsing parsing = ScriptParsing::strict;
};

tl::expected<RunPlan, Refusal> plan_deploy(const workspace::Workspace& workspace,
                                           const DeployRequest& request,
                                           const ledger::LedgerSnapshot& snapshot,
                                           const io::DisplayPaths& paths);

// The plan index of `to` (`@tag` or a change name) in the module, or a usage diagnostic listing
// the module's tags.
tl::expected<std::size_t, Diagnostic> resolve_to(const workspace::Module& module,
                                                 std::string_view to);

// The tags of the first `deployed` changes of the plan, as the ledger's tags rows should be.
std::vector<ledger::TagRecord> tags_of_prefix(const plan::Plan& plan, std::size_t deployed);

// Whether the ledger's tags rows of the package are exactly `wanted`.
bool tags_match(const ledger::LedgerSnapshot& snapshot, std::string_view package,
                const std::vector<ledger::TagRecord>& wanted);

// Loads the verify scripts of the module's first `count` changes, appending problems, and
// parse warnings to `warnings`.
std::vector<ChangeScript> load_verify_scripts(const workspace::Module& module, std::size_t count,
                                              const io::DisplayPaths& paths, ScriptParsing parsing,
                                              Diagnostics& problems, Diagnostics& warnings);

}  // namespace pgpm::engine
