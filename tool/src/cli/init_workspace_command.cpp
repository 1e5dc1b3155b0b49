#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/exit_code.hpp"
#include "cli/scaffold_commands.hpp"
#include "cli/scaffold_files.hpp"
#include "cli/template_location.hpp"
#include "io/display_paths.hpp"
#include "scaffold/module_name.hpp"

namespace pgpm::cli {

namespace {

namespace fs = std::filesystem;

struct InitWorkspaceRequest {
    std::string directory;
    std::string name;  // empty: the folder's name
    std::string templates;
};

int run_init_workspace(const InitWorkspaceRequest& request, const GlobalOptions& options) {
    const auto cwd = fs::current_path();
    const io::DisplayPaths paths(cwd);
    const auto target = io::normalised_absolute(cwd / request.directory);
    const auto name = request.name.empty() ? target.filename().string() : request.name;
    if (const auto problem = scaffold::module_name_problem(name); !problem.empty()) {
        return refuse(
            {exit_usage, fmt::format("invalid workspace name \"{}\"{}: {}", name,
                                     request.name.empty() ? " (the folder's name)" : "", problem)});
    }
    for (const char* config : {"pgpm.json", "pgpm.yaml"}) {
        if (fs::exists(target / config)) {
            return refuse({exit_usage, fmt::format("{} already holds a workspace ({})",
                                                   paths.show(target), config)});
        }
    }

    const auto templates = find_templates(request.templates, std::nullopt);
    if (!templates)
        return refuse(templates.error());
    const auto files =
        render_template_folder(*templates / "workspace", target, {{{"name", name}}, {}});
    if (!files)
        return refuse(files.error());
    if (auto existing = refuse_existing(*files, paths))
        return refuse(*existing);
    if (auto written = scaffold::write_new_files(*files); !written)
        return refuse({exit_failure, written.error()});

    if (!options.quiet)
        std::cout << fmt::format("created workspace {} in {}\n", name, paths.show(target));
    return exit_success;
}

}  // namespace

Command add_init_workspace_command(CLI::App& init) {
    auto request = std::make_shared<InitWorkspaceRequest>();
    auto* parser = init.add_subcommand(
        "workspace", "Create a workspace: pgpm.json, a README and a CMakeLists.txt using pgpm");
    parser->add_option("dir", request->directory, "The workspace's folder (created if missing)")
        ->required()
        ->option_text("DIR");
    parser
        ->add_option("--name", request->name,
                     "The workspace's name (default: the folder's name), used in the README and "
                     "as the CMake project")
        ->option_text("NAME");
    parser
        ->add_option("--templates", request->templates,
                     "Templates folder (default: the installed templates)")
        ->option_text("DIR");
    return {parser, false, [request](const GlobalOptions& options) {
                return run_init_workspace(*request, options);
            }};
}

}  // namespace pgpm::cli
