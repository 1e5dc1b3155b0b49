#include "workspace/graph_checks.hpp"

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {

namespace {

constexpr std::size_t no_module = static_cast<std::size_t>(-1);

std::size_t index_of(const Workspace& workspace, const std::string& name) {
    const auto it = workspace.module_by_name.find(name);
    return it == workspace.module_by_name.end() ? no_module : it->second;
}

enum class Visit : std::uint8_t { not_yet, in_progress, done };

// One depth-first walk over module requires in file order, shared by ordering and cycle
// detection. `on_back_edge` gets the walk's stack, the depth of the module a requirement leads
// back to, and that module; `on_finish` gets each module after all it requires.
template <typename OnBackEdge, typename OnFinish>
class RequiresWalk {
public:
    RequiresWalk(const Workspace& workspace, OnBackEdge on_back_edge, OnFinish on_finish)
        : workspace_(workspace),
          state_(workspace.modules.size(), Visit::not_yet),
          depth_(workspace.modules.size(), 0),
          on_back_edge_(on_back_edge),
          on_finish_(on_finish) {}

    void from(std::size_t start) {
        if (state_[start] != Visit::not_yet)
            return;
        enter(start);
        while (!stack_.empty()) {
            Frame& frame = stack_.back();
            const auto& requires_list = workspace_.modules[frame.module].module_requires;
            if (frame.next == requires_list.size()) {
                state_[frame.module] = Visit::done;
                on_finish_(frame.module);
                stack_.pop_back();
                continue;
            }
            const std::size_t target = index_of(workspace_, requires_list[frame.next++]);
            if (target == no_module)
                continue;
            if (state_[target] == Visit::not_yet) {
                enter(target);
            } else if (state_[target] == Visit::in_progress) {
                on_back_edge_(stack_, depth_[target], target);
            }
        }
    }

    struct Frame {
        std::size_t module;
        std::size_t next;  // index into module_requires
    };

private:
    void enter(std::size_t module) {
        state_[module] = Visit::in_progress;
        depth_[module] = stack_.size();
        stack_.push_back({module, 0});
    }

    const Workspace& workspace_;
    std::vector<Visit> state_;
    std::vector<std::size_t> depth_;  // position in stack_ while in progress
    std::vector<Frame> stack_;
    OnBackEdge on_back_edge_;
    OnFinish on_finish_;
};

const Requirement* requirement_named(const Module& module, const std::string& name) {
    for (const Requirement& requirement : module.control.requirements) {
        if (requirement.name == name)
            return &requirement;
    }
    return nullptr;
}

}  // namespace

const Module* Workspace::find(std::string_view name) const {
    const auto it = module_by_name.find(std::string(name));
    return it == module_by_name.end() ? nullptr : &modules[it->second];
}

void classify_requires(Workspace& workspace) {
    for (Module& module : workspace.modules) {
        module.module_requires.clear();
        module.extension_requires.clear();
        for (const Requirement& requirement : module.control.requirements) {
            auto& list = workspace.module_by_name.contains(requirement.name)
                             ? module.module_requires
                             : module.extension_requires;
            list.push_back(requirement.name);
        }
    }
}

void report_cycles(const Workspace& workspace, std::span<const ModuleTexts> texts,
                   Diagnostics& diagnostics) {
    const auto on_back_edge = [&](const auto& stack, std::size_t first_depth, std::size_t target) {
        const std::size_t first = stack[first_depth].module;
        const std::size_t second =
            first_depth + 1 < stack.size() ? stack[first_depth + 1].module : target;
        std::string path;
        for (std::size_t depth = first_depth; depth < stack.size(); ++depth) {
            path += workspace.modules[stack[depth].module].name + " -> ";
        }
        path += workspace.modules[target].name;

        const Module& module = workspace.modules[first];
        const Requirement* requirement = requirement_named(module, workspace.modules[second].name);
        diagnostics.push_back(diagnostic_at(
            Severity::error, module.control.path, texts[first].control, requirement->line,
            requirement->column, fmt::format("circular requires: {}", path)));
    };
    RequiresWalk walk(workspace, on_back_edge, [](std::size_t) {});
    for (std::size_t module = 0; module < workspace.modules.size(); ++module)
        walk.from(module);
}

std::vector<const Module*> dependency_order(const Workspace& workspace,
                                            const std::vector<std::string>& targets) {
    std::vector<const Module*> order;
    order.reserve(workspace.modules.size());
    RequiresWalk walk(
        workspace, [](const auto&, std::size_t, std::size_t) {},
        [&](std::size_t module) { order.push_back(&workspace.modules[module]); });
    if (targets.empty()) {
        for (std::size_t module = 0; module < workspace.modules.size(); ++module)
            walk.from(module);
    } else {
        for (const std::string& target : targets) {
            const std::size_t module = index_of(workspace, target);
            if (module != no_module)
                walk.from(module);
        }
    }
    return order;
}

}  // namespace pgpm::workspace
