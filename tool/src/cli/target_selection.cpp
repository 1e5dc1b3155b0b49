#include "cli/target_selection.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

namespace pgpm::cli {

namespace fs = std::filesystem;

namespace {

std::string module_list(const workspace::Workspace& workspace) {
    std::string list;
    for (const auto& module : workspace.modules) {
        list += fmt::format("\n  {:<24} {}", module.name, module.display_directory);
    }
    return list.empty() ? "\n  (none)" : list;
}

workspace::LoadOptions load_options(const fs::path& cwd) {
    workspace::LoadOptions options;
    options.display_base = cwd;
    if (const char* dir = std::getenv("PGPM_EXTENSIONS_DIR"); dir != nullptr && *dir != '\0') {
        options.extensions_dir_override = dir;
    }
    return options;
}

}  // namespace

tl::expected<Targets, UsageError> select_targets(const TargetRequest& request) {
    const auto cwd = fs::current_path();
    if (!request.module.empty() && request.workspace) {
        return tl::unexpected(UsageError{"give either a MODULE or --workspace, not both"});
    }
    const auto workspace_root = workspace::find_workspace_root(cwd);
    const auto module_root = workspace::find_module_root(cwd);

    Targets targets;
    if (workspace_root) {
        auto loaded = workspace::load_workspace(*workspace_root, load_options(cwd));
        targets.workspace = std::move(loaded.workspace);
        targets.diagnostics = std::move(loaded.diagnostics);
    } else if (module_root) {
        auto loaded = workspace::load_standalone_module(*module_root, load_options(cwd));
        targets.workspace = std::move(loaded.workspace);
        targets.diagnostics = std::move(loaded.diagnostics);
    } else {
        return tl::unexpected(UsageError{fmt::format(
            "{} is not inside a workspace (pgpm.json or pgpm.yaml) or a module (pgpm.plan); "
            "use -C DIR to start elsewhere",
            cwd.string())});
    }
    const auto& workspace = targets.workspace;

    if (request.workspace) {
        for (const auto& module : workspace.modules)
            targets.modules.push_back(&module);
        return targets;
    }
    if (!request.module.empty()) {
        const auto* module = workspace.find(request.module);
        if (module == nullptr) {
            return tl::unexpected(
                UsageError{fmt::format("unknown module \"{}\"; the modules are:{}", request.module,
                                       module_list(workspace))});
        }
        targets.modules.push_back(module);
        return targets;
    }
    if (module_root) {
        const auto current = fs::weakly_canonical(*module_root);
        for (const auto& module : workspace.modules) {
            if (fs::weakly_canonical(module.directory) == current) {
                targets.modules.push_back(&module);
                return targets;
            }
        }
    }
    // A workspace whose plans failed to load may have lost the current module; say why.
    if (has_errors(targets.diagnostics))
        return targets;
    return tl::unexpected(UsageError{
        fmt::format("name a MODULE or use --workspace; the modules of this workspace are:{}",
                    module_list(workspace))});
}

}  // namespace pgpm::cli
