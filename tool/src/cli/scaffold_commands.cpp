// `pgpm init` and `pgpm add`: being written (issue 6).
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"

namespace pgpm::cli {

std::vector<Command> add_scaffold_commands(CLI::App& app) {
    auto* init = app.add_subcommand("init", "Create a workspace or a module");
    auto* add = app.add_subcommand("add", "Add a change to a module");
    const auto pending = [](const GlobalOptions&) {
        std::cerr << "pgpm: error: not available yet\n";
        return static_cast<int>(exit_usage);
    };
    return {{init, false, pending}, {add, false, pending}};
}

}  // namespace pgpm::cli
