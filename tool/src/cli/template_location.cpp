#include "cli/template_location.hpp"

#include <fmt/format.h>

#include "cli/exit_code.hpp"
#include "io/text_file.hpp"
#include "scaffold/config_templates.hpp"

#ifndef PGPM_SOURCE_TEMPLATES_DIR
#error "PGPM_SOURCE_TEMPLATES_DIR must be defined by the build"
#endif

namespace pgpm::cli {

namespace fs = std::filesystem;

namespace {

tl::expected<std::optional<fs::path>, Refusal> configured_templates(const fs::path& root) {
    // pgpm.json wins over pgpm.yaml, as it does when the workspace is loaded.
    auto config = root / "pgpm.json";
    if (!fs::exists(config))
        config = root / "pgpm.yaml";
    const auto text = io::read_text_file(config);
    if (!text)
        return tl::unexpected(Refusal{exit_invalid_input, text.error()});
    const auto setting = scaffold::read_templates_setting(*text);
    if (!setting)
        return tl::unexpected(
            Refusal{exit_invalid_input, fmt::format("{}: {}", config.string(), setting.error())});
    if (!*setting)
        return std::nullopt;
    return root / **setting;
}

fs::path installed_templates() {
    std::error_code error;
    const auto executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        auto installed = executable.parent_path().parent_path() / "share" / "pgpm" / "templates";
        if (fs::is_directory(installed))
            return installed;
    }
    return PGPM_SOURCE_TEMPLATES_DIR;
}

tl::expected<fs::path, Refusal> existing_folder(fs::path folder, int exit_code,
                                                std::string_view origin) {
    if (fs::is_directory(folder))
        return folder;
    return tl::unexpected(Refusal{exit_code, fmt::format("templates folder {} ({}) does not exist",
                                                         folder.string(), origin)});
}

}  // namespace

tl::expected<fs::path, Refusal> find_templates(const std::string& option,
                                               const std::optional<fs::path>& workspace_root) {
    if (!option.empty())
        return existing_folder(fs::absolute(option), exit_usage, "from --templates");
    if (workspace_root) {
        auto configured = configured_templates(*workspace_root);
        if (!configured)
            return tl::unexpected(configured.error());
        if (*configured)
            return existing_folder(**configured, exit_invalid_input,
                                   "from the workspace's \"templates\" setting");
    }
    return existing_folder(installed_templates(), exit_invalid_input, "installed with pgpm");
}

void add_templates_option(CLI::App* parser, std::string& templates) {
    parser
        ->add_option("--templates", templates,
                     "Templates folder (default: the workspace's \"templates\", else the "
                     "installed templates)")
        ->option_text("DIR");
}

}  // namespace pgpm::cli
