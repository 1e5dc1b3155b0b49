#include "engine/revert_plan.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "engine/deploy_plan.hpp"
#include "engine/status.hpp"

namespace pgpm::engine {

namespace {

// Plan indices of the module's deployed changes to revert, last first.
std::vector<std::size_t> changes_to_revert(const workspace::Module& module,
                                           const ledger::LedgerSnapshot& snapshot,
                                           RevertScope scope, std::size_t keep) {
    std::vector<std::size_t> indices;
    const auto& changes = module.plan.changes;
    for (std::size_t i = changes.size(); i > 0; --i) {
        const std::size_t index = i - 1;
        if (!snapshot.is_deployed(module.name, changes[index].name))
            continue;
        if (scope == RevertScope::to && index < keep)
            break;
        indices.push_back(index);
        if (scope == RevertScope::last)
            break;
    }
    return indices;
}

}  // namespace

tl::expected<RunPlan, Refusal> plan_revert(const workspace::Workspace& workspace,
                                           const RevertRequest& request,
                                           const ledger::LedgerSnapshot& snapshot,
                                           const io::DisplayPaths& paths) {
    std::size_t keep = 0;
    if (request.scope == RevertScope::to) {
        auto index = resolve_to(*request.modules.front(), request.to);
        if (!index)
            return tl::unexpected(Refusal{Refusal::Kind::usage, {index.error()}});
        keep = *index + 1;
    }
    std::vector<const workspace::Module*> modules = request.modules;
    if (request.whole_workspace) {
        modules = workspace::dependency_order(workspace);
        std::reverse(modules.begin(), modules.end());
    }

    RunPlan plan{.direction = Direction::revert, .modules = {}, .warnings = {}};
    std::set<std::pair<std::string, std::string>> reverted;
    Diagnostics invalid;
    for (const auto* module : modules) {
        const auto indices = changes_to_revert(*module, snapshot, request.scope, keep);
        if (indices.empty())
            continue;
        // Only the changes to revert are hashed: a revert of the last change reads one file.
        for (auto at = indices.rbegin(); at != indices.rend(); ++at) {
            const auto& name = module->plan.changes[*at].name;
            if (deploy_script_hash(*module, name) == snapshot.find(module->name, name)->script_hash)
                continue;
            plan.warnings.push_back(diagnostic_for(
                Severity::warning,
                paths.show(module->directory / "deploy" / (std::string(name) + ".sql")),
                fmt::format("change \"{}\" drifted: its deploy script changed since it was "
                            "deployed; reverting it with the current revert script",
                            name)));
        }
        ModuleRun step{.module = module,
                       .changes = {},
                       .completes = false,
                       .tags_to_sync = std::nullopt,
                       .verify = {}};
        bool planned_tags = false;
        for (const std::size_t index : indices) {
            const auto& change = module->plan.changes[index];
            reverted.emplace(module->name, change.name);
            auto script = load_or_report(*module, change, ScriptKind::revert, paths,
                                         request.parsing, invalid, plan.warnings);
            if (!script)
                continue;
            PlannedChange planned{.change = &change,
                                  .script = std::move(*script),
                                  .required = {},
                                  .tags_after = std::nullopt};
            if (!change.tag_indices.empty()) {
                planned.tags_after = tags_of_prefix(module->plan, index);
                planned_tags = true;
            }
            if (request.load_verify_scripts) {
                if (auto verify = load_or_report(*module, change, ScriptKind::verify, paths,
                                                 request.parsing, invalid, plan.warnings))
                    step.verify.push_back(std::move(*verify));
            }
            step.changes.push_back(std::move(planned));
        }
        if (!planned_tags) {
            auto wanted = tags_of_prefix(module->plan, indices.back());
            if (!tags_match(snapshot, module->name, wanted))
                step.tags_to_sync = std::move(wanted);
        }
        plan.modules.push_back(std::move(step));
    }
    if (!invalid.empty())
        return tl::unexpected(Refusal{Refusal::Kind::invalid_input, std::move(invalid)});

    Diagnostics refused;
    for (const auto& [package, change] : reverted) {
        for (const auto& dependent : snapshot.dependents_of(package, change)) {
            if (reverted.contains({dependent.package, dependent.change}))
                continue;
            refused.push_back(diagnostic_for(
                Severity::error, {},
                fmt::format("cannot revert {}:{}: deployed change {}:{} depends on it; revert "
                            "{} first (nothing was reverted)",
                            package, change, dependent.package, dependent.change,
                            dependent.package)));
        }
    }
    if (!refused.empty())
        return tl::unexpected(Refusal{Refusal::Kind::refused, std::move(refused)});
    return plan;
}

}  // namespace pgpm::engine
