#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "cli/scaffold_files.hpp"

namespace pgpm::cli {

// The templates folder `init` and `add` use (SPEC §4): `--templates` (relative to the working
// directory), else the workspace config's "templates" (relative to the workspace root), else
// the installed templates (`<bin>/../share/pgpm/templates`), else, for a runner in its build
// tree, the source tree's templates/.
tl::expected<std::filesystem::path, Refusal> find_templates(
    const std::string& option, const std::optional<std::filesystem::path>& workspace_root);

// The `--templates DIR` option of `init module` and `add`.
void add_templates_option(CLI::App* parser, std::string& templates);

}  // namespace pgpm::cli
