#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pgpm::workspace {

struct Discovery {
    // Folders holding pgpm.plan, in lexicographic order of their root-relative generic paths.
    std::vector<std::filesystem::path> module_directories;
    std::vector<std::filesystem::path> watched_directories;  // sorted
};

// Finds the module folders of a workspace (SPEC §1.3): below every folder matched by a
// `packages` glob and by `<extensions_dir>/*` and `<extensions_dir>/@*/*`, the nearest folders
// holding pgpm.plan. `root` and `extensions_dir` are absolute and normalised.
Discovery discover_modules(const std::filesystem::path& root,
                           const std::vector<std::string>& package_globs,
                           const std::filesystem::path& extensions_dir);

}  // namespace pgpm::workspace
