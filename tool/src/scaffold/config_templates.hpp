#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace pgpm::scaffold {

// The `templates` setting of pgpm.json / pgpm.yaml (a folder, relative to the workspace root);
// nullopt when absent. The workspace loader ignores the key, since it does not shape the module
// graph; only `init` and `add` read it.
tl::expected<std::optional<std::string>, std::string> read_templates_setting(
    std::string_view config_text);

}  // namespace pgpm::scaffold
