#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace pgpm::workspace {

// Matches one path segment against a glob segment: `*`, `?`, `[abc]`, `[a-z]`, `[!a]` and `\`
// escapes. `?` and `*` step over whole UTF-8 code points.
bool glob_match(std::string_view pattern, std::string_view name);

// Folders that discovery never enters: node_modules and hidden ones (`.git`).
bool is_skipped_directory_name(std::string_view name);

struct GlobExpansion {
    std::vector<std::filesystem::path> directories;  // the folders the pattern matches, sorted
    // Every folder whose listing decided the result: a folder created or removed there can
    // change the matches.
    std::vector<std::filesystem::path> searched_directories;
};

// Expands a `/`-separated pattern of folders below `base`, segment by segment over the file
// system: each segment is a literal name, a glob_match pattern, or `**` (any depth, including
// none). Wildcards do not match hidden folders unless the segment starts with `.`, nor
// node_modules.
GlobExpansion expand_glob(const std::filesystem::path& base, std::string_view pattern);

}  // namespace pgpm::workspace
