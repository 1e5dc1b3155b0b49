#include "workspace/graph_checks.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"

namespace pgpm::workspace {

namespace {

// Modules a module requires, directly or through others.
std::vector<bool> required_by(const Workspace& workspace, std::size_t module) {
    std::vector<bool> reached(workspace.modules.size(), false);
    std::vector<std::size_t> pending{module};
    while (!pending.empty()) {
        const std::size_t current = pending.back();
        pending.pop_back();
        for (const std::string& name : workspace.modules[current].module_requires) {
            const std::size_t next = workspace.module_by_name.at(name);
            if (!reached[next]) {
                reached[next] = true;
                pending.push_back(next);
            }
        }
    }
    return reached;
}

// Dependencies naming another module; conflicts are left out, since they may name changes of
// modules that are not part of this workspace at all.
template <typename Check>
void for_each_foreign_dependency(const Module& module, Check check) {
    for (const plan::Change& change : module.plan.changes) {
        for (const plan::Dependency& dependency : change.dependencies) {
            if (dependency.kind == plan::Dependency::Kind::conflict)
                continue;
            if (dependency.module.empty() || dependency.module == module.name)
                continue;
            check(change, dependency);
        }
    }
}

std::string not_required_message(const Module& module, const plan::Dependency& dependency) {
    return fmt::format(
        "\"{}\" refers to module \"{}\", which {} does not require (add it to requires in {})",
        dependency.text, dependency.module, module.name, module.control.path);
}

bool has_target(const Module& target, const plan::Dependency& dependency) {
    if (dependency.kind == plan::Dependency::Kind::tag) {
        return target.plan.find_tag(dependency.name) != nullptr;
    }
    return target.plan.find_change(dependency.name) != nullptr;
}

}  // namespace

void check_cross_module_references(const Workspace& workspace, Diagnostics& diagnostics) {
    for (std::size_t index = 0; index < workspace.modules.size(); ++index) {
        const Module& module = workspace.modules[index];
        std::vector<bool> reachable;
        for_each_foreign_dependency(
            module, [&](const plan::Change& change, const plan::Dependency& dependency) {
                const auto report = [&](std::string message) {
                    diagnostics.push_back(diagnostic_at(Severity::error, module.plan.path,
                                                        *module.plan.source, change.line,
                                                        dependency.column, std::move(message)));
                };
                const auto target = workspace.module_by_name.find(std::string(dependency.module));
                if (target == workspace.module_by_name.end()) {
                    report(fmt::format("\"{}\" refers to unknown module \"{}\"", dependency.text,
                                       dependency.module));
                    return;
                }
                if (reachable.empty())
                    reachable = required_by(workspace, index);
                if (!reachable[target->second])
                    report(not_required_message(module, dependency));

                if (!has_target(workspace.modules[target->second], dependency)) {
                    const bool is_tag = dependency.kind == plan::Dependency::Kind::tag;
                    report(fmt::format("\"{}\" refers to unknown {} \"{}{}\" in module {}",
                                       dependency.text, is_tag ? "tag" : "change",
                                       is_tag ? "@" : "", dependency.name, dependency.module));
                }
            });
    }
}

void check_standalone_references(const Module& module, Diagnostics& diagnostics) {
    for_each_foreign_dependency(
        module, [&](const plan::Change& change, const plan::Dependency& dependency) {
            const auto& requirements = module.control.requirements;
            const bool required =
                std::any_of(requirements.begin(), requirements.end(),
                            [&](const Requirement& r) { return r.name == dependency.module; });
            if (!required) {
                diagnostics.push_back(diagnostic_at(
                    Severity::error, module.plan.path, *module.plan.source, change.line,
                    dependency.column, not_required_message(module, dependency)));
            }
        });
}

}  // namespace pgpm::workspace
