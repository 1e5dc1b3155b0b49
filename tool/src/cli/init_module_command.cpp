#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/exit_code.hpp"
#include "cli/scaffold_commands.hpp"
#include "cli/scaffold_files.hpp"
#include "cli/target_selection.hpp"
#include "cli/template_location.hpp"
#include "io/display_paths.hpp"
#include "scaffold/module_name.hpp"

namespace pgpm::cli {

namespace {

namespace fs = std::filesystem;

struct InitModuleRequest {
    std::string name;
    std::vector<std::string> required;  // --requires, in the order given
    std::string directory;              // empty: packages/NAME in a workspace, else ./NAME
    std::string templates;
};

std::optional<Refusal> requires_problem(const InitModuleRequest& request) {
    for (auto entry = request.required.begin(); entry != request.required.end(); ++entry) {
        if (const auto problem = scaffold::module_name_problem(*entry); !problem.empty())
            return Refusal{exit_usage,
                           fmt::format("invalid --requires entry \"{}\": {}", *entry, problem)};
        if (*entry == request.name)
            return Refusal{exit_usage, fmt::format("module {} cannot require itself", *entry)};
        if (std::find(request.required.begin(), entry, *entry) != entry)
            return Refusal{exit_usage, fmt::format("\"{}\" is required twice", *entry)};
    }
    return std::nullopt;
}

// Inside a workspace: a second module of that name would make the workspace invalid, so refuse
// it; and say which requires will become CREATE EXTENSION, since a misspelt module name would.
std::optional<Refusal> check_against_workspace(const InitModuleRequest& request, bool quiet) {
    auto targets = select_targets({"", true});
    if (!targets)
        return Refusal{exit_usage, targets.error().message};
    if (const auto* existing = targets->workspace.find(request.name)) {
        return Refusal{exit_usage, fmt::format("module {} already exists in {}", request.name,
                                               existing->display_directory)};
    }
    for (const auto& entry : request.required) {
        if (!quiet && targets->workspace.find(entry) == nullptr) {
            std::cerr << fmt::format(
                "pgpm: note: {} is not a module of this workspace, so deploy will create it as "
                "an extension (CREATE EXTENSION \"{}\")\n",
                entry, entry);
        }
    }
    return std::nullopt;
}

fs::path module_folder(const InitModuleRequest& request, const fs::path& cwd,
                       const std::optional<fs::path>& workspace_root) {
    if (!request.directory.empty())
        return io::normalised_absolute(cwd / request.directory);
    if (workspace_root)
        return *workspace_root / "packages" / request.name;
    return cwd / request.name;
}

int run_init_module(const InitModuleRequest& request, const GlobalOptions& options) {
    if (const auto problem = scaffold::module_name_problem(request.name); !problem.empty())
        return refuse(
            {exit_usage, fmt::format("invalid module name \"{}\": {}", request.name, problem)});
    if (auto problem = requires_problem(request))
        return refuse(*problem);

    const auto cwd = fs::current_path();
    const io::DisplayPaths paths(cwd);
    const auto workspace_root = workspace::find_workspace_root(cwd);
    if (workspace_root) {
        if (auto problem = check_against_workspace(request, options.quiet))
            return refuse(*problem);
    }
    const auto folder = module_folder(request, cwd, workspace_root);
    if (fs::exists(folder / "pgpm.plan"))
        return refuse(
            {exit_usage, fmt::format("{} already holds a module (pgpm.plan)", paths.show(folder))});

    const auto templates = find_templates(request.templates, workspace_root);
    if (!templates)
        return refuse(templates.error());
    const auto files =
        render_template_folder(*templates / "module", folder,
                               {{{"module", request.name}}, {{"requires", request.required}}});
    if (!files)
        return refuse(files.error());
    if (auto existing = refuse_existing(*files, paths))
        return refuse(*existing);
    if (auto written = scaffold::write_new_files(*files); !written)
        return refuse({exit_failure, written.error()});
    for (const char* scripts : {"deploy", "revert", "verify"}) {
        std::error_code error;
        fs::create_directories(folder / scripts, error);
        if (error)
            return refuse(
                {exit_failure, fmt::format("cannot create {}: {}", paths.show(folder / scripts),
                                           error.message())});
    }

    if (!options.quiet)
        std::cout << fmt::format("created module {} in {}\n", request.name, paths.show(folder));
    return exit_success;
}

}  // namespace

Command add_init_module_command(CLI::App& init) {
    auto request = std::make_shared<InitModuleRequest>();
    auto* parser = init.add_subcommand(
        "module", "Create a module: NAME.control, pgpm.plan and deploy/, revert/, verify/");
    parser->add_option("name", request->name, "The module's name")->required()->option_text("NAME");
    parser
        ->add_option("dir", request->directory,
                     "The module's folder (default: packages/NAME in a workspace, else ./NAME)")
        ->option_text("DIR");
    parser
        ->add_option("--requires", request->required,
                     "Modules or extensions it requires, comma-separated")
        ->delimiter(',')
        ->option_text("A,B");
    add_templates_option(parser, request->templates);
    return {parser, false,
            [request](const GlobalOptions& options) { return run_init_module(*request, options); }};
}

}  // namespace pgpm::cli
