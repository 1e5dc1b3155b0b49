#include "cli/scaffold_commands.hpp"

namespace pgpm::cli {

std::vector<Command> add_scaffold_commands(CLI::App& app) {
    auto* init = app.add_subcommand("init", "Create a workspace or a module from templates");
    init->require_subcommand(1);
    return {add_init_workspace_command(*init), add_init_module_command(*init),
            add_add_command(app)};
}

}  // namespace pgpm::cli
