#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {

struct ControlFileResult {
    ControlFile control;
    Diagnostics diagnostics;
};

// Reads a control file's `requires` and `default_version` (SPEC §1.2). `display_path` is used in
// diagnostics and stored in ControlFile::path.
ControlFileResult parse_control_file(std::string_view text, std::string display_path);

}  // namespace pgpm::workspace
