#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/ledger.hpp"
#include "plan/plan.hpp"
#include "workspace/workspace.hpp"

// `migrate status` decisions: what a module's plan and its ledger rows say, without a database,
// so that the rules (SPEC §2: drift, "prefix of its plan", orphaned rows) are testable by hand.
namespace pgpm::engine {

// One ledger row of the module, as the CLI read it.
struct DeployedRecord {
    std::string change;
    std::string script_hash;
    std::string deployed_at;
    std::optional<std::string> deployed_by;  // unknown for rows the original pgpm wrote
};

struct LastDeployed {
    std::string change;
    std::string deployed_at;
    std::optional<std::string> deployed_by;
};

struct DriftedChange {
    std::string change;
    std::string deployed_hash;
    std::optional<std::string> current_hash;  // nullopt: the deploy file cannot be read
};

struct ModuleStatus {
    std::string name;
    std::size_t deployed = 0;  // planned changes that are deployed; orphaned rows not counted
    std::size_t pending = 0;
    std::optional<LastDeployed> last;          // the last deployed change in plan order
    std::optional<std::string> current_tag;    // the last planned tag whose change is deployed
    std::vector<std::string> pending_changes;  // plan order
    std::vector<DriftedChange> drifted;        // plan order
    std::vector<std::string> orphaned;         // ledger rows not in the plan, deploy order
    // Pending changes planned before a deployed one: deploy refuses while there are any.
    std::vector<std::string> out_of_order;
};

// The current deploy file's script_hash of a planned change; nullopt when it cannot be read.
using CurrentHash = std::function<std::optional<std::string>(std::string_view change)>;

// `deployed` holds the module's ledger rows in deploy order; an absent ledger is no rows.
ModuleStatus module_status(std::string_view name, const plan::Plan& plan,
                           const std::vector<DeployedRecord>& deployed,
                           const CurrentHash& current_hash);

// The script_hash of a change's deploy file as it is now; nullopt when it cannot be read.
std::optional<std::string> deploy_script_hash(const workspace::Module& module,
                                              std::string_view change);

// The status of a loaded module against the ledger a run read, hashing its deploy files now.
ModuleStatus module_status(const workspace::Module& module, const ledger::LedgerSnapshot& snapshot);

}  // namespace pgpm::engine
