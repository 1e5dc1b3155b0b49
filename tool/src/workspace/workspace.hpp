#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.hpp"
#include "plan/plan.hpp"

namespace pgpm::workspace {

// One entry of a control file's `requires` list.
struct Requirement {
    std::string name;
    int line = 0;    // of the `requires` line in the control file
    int column = 0;  // of the name in that line
};

struct ControlFile {
    std::string path;  // as shown in diagnostics
    std::vector<Requirement> requirements;
    std::string default_version;
};

struct Module {
    std::string name;                 // %project, equal to the control file's basename
    std::filesystem::path directory;  // absolute, normalised
    std::string display_directory;    // relative to the display base, e.g. `packages/app`
    bool from_extensions_dir = false;
    plan::Plan plan;
    ControlFile control;
    std::vector<std::string> module_requires;     // workspace modules, in control-file order
    std::vector<std::string> extension_requires;  // native extensions, in control-file order
};

struct Workspace {
    std::filesystem::path root;   // absolute
    std::string config_path;      // `pgpm.json` or `pgpm.yaml`, as shown in diagnostics
    std::vector<Module> modules;  // lexicographic order of their directory paths
    // Files and folders whose change alters the module graph (for CMake's configure depends).
    std::vector<std::filesystem::path> watched_files;
    std::vector<std::filesystem::path> watched_directories;

    const Module* find(std::string_view name) const;

    // Maintained by the loader: index into `modules` by Module::name.
    std::unordered_map<std::string, std::size_t> module_by_name;
};

struct LoadOptions {
    // Paths in diagnostics are shown relative to this folder (the working directory after -C).
    std::filesystem::path display_base;
    // PGPM_EXTENSIONS_DIR when set; beats the config's `extensionsDir`.
    std::optional<std::string> extensions_dir_override;
};

struct LoadResult {
    Workspace workspace;
    Diagnostics diagnostics;  // usable only without errors
};

// Nearest ancestor of `start` (itself included) holding pgpm.json or pgpm.yaml.
std::optional<std::filesystem::path> find_workspace_root(const std::filesystem::path& start);
// Nearest ancestor of `start` (itself included) holding pgpm.plan.
std::optional<std::filesystem::path> find_module_root(const std::filesystem::path& start);

// Reads the config, discovers modules, parses their plans and control files, classifies
// requires and checks cross-module plan references and cycles (SPEC §1.2, §1.3).
LoadResult load_workspace(const std::filesystem::path& root, const LoadOptions& options);

// Loads a lone module (a folder with pgpm.plan that belongs to no workspace). All of its
// requires are native extensions.
LoadResult load_standalone_module(const std::filesystem::path& module_dir,
                                  const LoadOptions& options);

// Modules in dependency order (dependencies first): depth-first post-order from `targets`
// (all modules in path order when empty), following module requires in file order.
// Requires a workspace loaded without errors (cycles are reported by load_workspace).
std::vector<const Module*> dependency_order(const Workspace& workspace,
                                            const std::vector<std::string>& targets = {});

}  // namespace pgpm::workspace
