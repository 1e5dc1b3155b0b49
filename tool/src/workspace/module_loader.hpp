#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "io/display_paths.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {

// The texts of a module's files, kept while loading so that later diagnostics can quote them.
// The plan's is Plan::source.
struct ModuleTexts {
    std::string control;
};

struct LoadedModule {
    Module module;
    ModuleTexts texts;
};

// Reads a module folder's pgpm.plan and `<%project>.control` (SPEC §1.2), reporting into
// `diagnostics` and recording the files read in `watched_files`. nullopt when the plan cannot
// be read or names no project, so there is no module to speak of.
std::optional<LoadedModule> load_module(const std::filesystem::path& directory,
                                        const io::DisplayPaths& paths, Diagnostics& diagnostics,
                                        std::vector<std::filesystem::path>& watched_files);

// A diagnostic at the value of the module's `%project=` line, for problems with the module as
// a whole.
Diagnostic diagnostic_at_project(const LoadedModule& loaded, Severity severity,
                                 std::string message);

}  // namespace pgpm::workspace
