#include "engine/status.hpp"

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

}  // namespace pgpm::engine
