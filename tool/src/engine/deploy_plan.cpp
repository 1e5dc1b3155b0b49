#include "engine/deploy_plan.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"
#include "engine/status.hpp"

namespace pgpm::engine {

namespace {

// How many leading changes of the plan are deployed: with no out-of-order change, all the
// deployed ones.
std::size_t deployed_prefix(const workspace::Module& module,
                            const ledger::LedgerSnapshot& snapshot) {
    const auto& changes = module.plan.changes;
    for (std::size_t i = changes.size(); i > 0; --i) {
        if (snapshot.is_deployed(module.name, changes[i - 1].name))
            return i;
    }
    return 0;
}

// The ledger's dependencies rows of a change: `module:change`, a tag replaced by its change.
std::vector<std::string> required_rows(const workspace::Workspace& workspace,
                                       const workspace::Module& module,
                                       const plan::Change& change) {
    std::vector<std::string> rows;
    for (const auto& dependency : change.dependencies) {
        if (dependency.kind == plan::Dependency::Kind::conflict)
            continue;
        const std::string_view owner = dependency.module.empty() ? module.name : dependency.module;
        const workspace::Module* owner_module =
            owner == module.name ? &module : workspace.find(owner);
        std::string_view name = dependency.name;
        if (dependency.kind == plan::Dependency::Kind::tag && owner_module != nullptr) {
            if (const auto* tag = owner_module->plan.find_tag(dependency.name))
                name = owner_module->plan.changes[tag->change_index].name;
        }
        rows.push_back(fmt::format("{}:{}", owner, name));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

Diagnostic drift_diagnostic(const workspace::Module& module, const DriftedChange& drift,
                            const ledger::LedgerSnapshot& snapshot, const io::DisplayPaths& paths) {
    const auto file = paths.show(module.directory / "deploy" / (drift.change + ".sql"));
    const auto* row = snapshot.find(module.name, drift.change);
    std::string when = row ? " on " + row->deployed_at : std::string();
    if (row && row->deployed_by)
        when += " by " + *row->deployed_by;
    auto diagnostic = diagnostic_for(
        Severity::error, file,
        drift.current_hash
            ? fmt::format("deploy script of change \"{}\" differs from the one deployed{} (drift); "
                          "nothing was run",
                          drift.change, when)
            : fmt::format("deploy script of change \"{}\", deployed{}, cannot be read (drift); "
                          "nothing was run",
                          drift.change, when));
    diagnostic.notes.push_back(fmt::format(
        "hint: restore the file as it was deployed (e.g. `git log -- {}`), or put the new "
        "behaviour in a new change; to redeploy this one, `pgpm revert {} --to` the change before "
        "it, then deploy again",
        file, module.name));
    return diagnostic;
}

}  // namespace

std::size_t RunPlan::change_count() const {
    std::size_t count = 0;
    for (const auto& module : modules)
        count += module.changes.size();
    return count;
}

tl::expected<std::size_t, Diagnostic> resolve_to(const workspace::Module& module,
                                                 std::string_view to) {
    const auto& plan = module.plan;
    if (to.starts_with('@')) {
        if (const auto* tag = plan.find_tag(to.substr(1)))
            return tag->change_index;
    } else if (auto index = plan.change_index(to)) {
        return *index;
    }
    std::string tags;
    for (const auto& tag : plan.tags)
        tags += fmt::format("{}@{}", tags.empty() ? "" : ", ", tag.name);
    return tl::unexpected(
        diagnostic_for(Severity::error, {},
                       fmt::format("unknown --to \"{}\": module {} has {}", to, module.name,
                                   tags.empty() ? std::string("no tags") : "the tags " + tags)));
}

std::vector<ledger::TagRecord> tags_of_prefix(const plan::Plan& plan, std::size_t deployed) {
    std::vector<ledger::TagRecord> tags;
    for (const auto& tag : plan.tags) {
        if (tag.change_index < deployed) {
            tags.push_back(
                {std::string(tag.name), std::string(plan.changes[tag.change_index].name)});
        }
    }
    return tags;
}

bool tags_match(const ledger::LedgerSnapshot& snapshot, std::string_view package,
                const std::vector<ledger::TagRecord>& wanted) {
    std::set<std::pair<std::string, std::string>> have;
    for (const auto& tag : snapshot.tags(package))
        have.emplace(tag.tag_name, tag.change_name);
    std::set<std::pair<std::string, std::string>> want;
    for (const auto& tag : wanted)
        want.emplace(tag.tag_name, tag.change_name);
    return have == want;
}

std::vector<ChangeScript> load_verify_scripts(const workspace::Module& module, std::size_t count,
                                              const io::DisplayPaths& paths, ScriptParsing parsing,
                                              Diagnostics& problems, Diagnostics& warnings) {
    std::vector<ChangeScript> scripts;
    for (std::size_t i = 0; i < count; ++i) {
        if (auto script = load_or_report(module, module.plan.changes[i], ScriptKind::verify, paths,
                                         parsing, problems, warnings))
            scripts.push_back(std::move(*script));
    }
    return scripts;
}

tl::expected<RunPlan, Refusal> plan_deploy(const workspace::Workspace& workspace,
                                           const DeployRequest& request,
                                           const ledger::LedgerSnapshot& snapshot,
                                           const io::DisplayPaths& paths) {
    const workspace::Module* limited = request.to.empty() ? nullptr : request.targets.front();
    std::optional<std::size_t> limit;
    if (limited) {
        auto index = resolve_to(*limited, request.to);
        if (!index)
            return tl::unexpected(Refusal{Refusal::Kind::usage, {index.error()}});
        limit = *index;
    }

    std::vector<std::string> names;
    for (const auto* target : request.targets)
        names.push_back(target->name);
    Diagnostics refused;
    Diagnostics invalid;
    RunPlan plan;
    for (const auto* module : workspace::dependency_order(workspace, names)) {
        const auto status = module_status(*module, snapshot);
        for (const auto& drift : status.drifted)
            refused.push_back(drift_diagnostic(*module, drift, snapshot, paths));
        for (const auto& name : status.out_of_order) {
            refused.push_back(diagnostic_at_change(
                *module, *module->plan.find_change(name), LineIndex(plan_text(*module)), paths,
                fmt::format("change \"{}\" is pending but planned before changes already "
                            "deployed (last: \"{}\"); deploy refuses out-of-order plans",
                            name, status.last->change)));
        }

        const auto& changes = module->plan.changes;
        const std::size_t deployed = deployed_prefix(*module, snapshot);
        const std::size_t end = module == limited ? std::max(*limit + 1, deployed) : changes.size();
        ModuleRun step{.module = module,
                       .changes = {},
                       .completes = false,
                       .tags_to_sync = std::nullopt,
                       .verify = {}};
        bool pending_tags = false;
        for (std::size_t i = deployed; i < end; ++i) {
            const auto& change = changes[i];
            for (const auto& dependency : change.dependencies) {
                const std::string_view owner =
                    dependency.module.empty() ? module->name : dependency.module;
                if (dependency.kind == plan::Dependency::Kind::conflict &&
                    snapshot.is_deployed(owner, dependency.name)) {
                    refused.push_back(diagnostic_at_change(
                        *module, change, LineIndex(plan_text(*module)), paths,
                        fmt::format("change \"{}\" conflicts with \"{}:{}\", which is deployed",
                                    change.name, owner, dependency.name)));
                }
            }
            auto script = load_or_report(*module, change, ScriptKind::deploy, paths,
                                         request.parsing, invalid, plan.warnings);
            if (!script)
                continue;
            PlannedChange planned{.change = &change,
                                  .script = std::move(*script),
                                  .required = required_rows(workspace, *module, change),
                                  .tags_after = std::nullopt};
            if (!change.tag_indices.empty()) {
                planned.tags_after = tags_of_prefix(module->plan, i + 1);
                pending_tags = true;
            }
            step.changes.push_back(std::move(planned));
        }
        const std::size_t deployed_after = std::max(deployed, end);
        step.completes = !step.changes.empty() && deployed_after == changes.size();
        if (!pending_tags) {
            auto wanted = tags_of_prefix(module->plan, deployed_after);
            if (!tags_match(snapshot, module->name, wanted))
                step.tags_to_sync = std::move(wanted);
        }
        if (step.completes && request.load_verify_scripts)
            step.verify = load_verify_scripts(*module, changes.size(), paths, request.parsing,
                                              invalid, plan.warnings);
        if (!step.changes.empty() || step.tags_to_sync)
            plan.modules.push_back(std::move(step));
    }
    if (!invalid.empty())
        return tl::unexpected(Refusal{Refusal::Kind::invalid_input, std::move(invalid)});
    if (!refused.empty())
        return tl::unexpected(Refusal{Refusal::Kind::refused, std::move(refused)});
    return plan;
}

}  // namespace pgpm::engine
