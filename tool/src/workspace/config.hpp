#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace pgpm::workspace {

// The keys of pgpm.json / pgpm.yaml that shape the module graph; others are ignored.
struct WorkspaceConfig {
    std::vector<std::string> packages;  // globs relative to the workspace root
    std::optional<std::string> extensions_dir;
};

struct ConfigResult {
    WorkspaceConfig config;
    Diagnostics diagnostics;
};

// Parses pgpm.json or pgpm.yaml (JSON is YAML, so one parser reads both). Duplicate keys, which
// the YAML parser accepts silently, are errors.
ConfigResult parse_config(std::string_view text, std::string display_path);

}  // namespace pgpm::workspace
