#include "engine/status.hpp"

#include "io/text_file.hpp"
#include "ledger/hash.hpp"

#include <map>

namespace pgpm::engine {

ModuleStatus module_status(std::string_view name, const plan::Plan& plan,
                           const std::vector<DeployedRecord>& deployed,
                           const CurrentHash& current_hash) {
    std::map<std::string_view, const DeployedRecord*, std::less<>> by_change;
    for (const auto& record : deployed)
        by_change.emplace(record.change, &record);

    ModuleStatus status;
    status.name = std::string(name);
    std::optional<std::size_t> last_index;
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
        const auto& change = plan.changes[i];
        const auto found = by_change.find(change.name);
        if (found == by_change.end()) {
            ++status.pending;
            status.pending_changes.emplace_back(change.name);
            continue;
        }
        const auto& record = *found->second;
        ++status.deployed;
        last_index = i;
        status.last = LastDeployed{record.change, record.deployed_at, record.deployed_by};
        auto hash = current_hash(change.name);
        if (hash != record.script_hash)
            status.drifted.push_back({record.change, record.script_hash, std::move(hash)});
    }
    if (last_index) {
        for (std::size_t i = 0; i < *last_index; ++i) {
            if (!by_change.contains(plan.changes[i].name))
                status.out_of_order.emplace_back(plan.changes[i].name);
        }
    }
    for (const auto& tag : plan.tags) {
        if (by_change.contains(plan.changes[tag.change_index].name))
            status.current_tag = std::string(tag.name);
    }
    for (const auto& record : deployed) {
        if (plan.find_change(record.change) == nullptr)
            status.orphaned.push_back(record.change);
    }
    return status;
}

std::optional<std::string> deploy_script_hash(const workspace::Module& module,
                                              std::string_view change) {
    auto bytes = io::read_file(module.directory / "deploy" / (std::string(change) + ".sql"));
    if (!bytes)
        return std::nullopt;
    return ledger::script_hash(*bytes);
}

ModuleStatus module_status(const workspace::Module& module,
                           const ledger::LedgerSnapshot& snapshot) {
    std::vector<DeployedRecord> records;
    for (const auto& row : snapshot.deployed_changes(module.name))
        records.push_back({row.change_name, row.script_hash, row.deployed_at, row.deployed_by});
    return module_status(module.name, module.plan, records, [&module](std::string_view change) {
        return deploy_script_hash(module, change);
    });
}

}  // namespace pgpm::engine
