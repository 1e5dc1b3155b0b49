#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

// The parts add_scaffold_commands (command.hpp) puts together.
namespace pgpm::cli {

Command add_init_workspace_command(CLI::App& init);
Command add_init_module_command(CLI::App& init);
Command add_add_command(CLI::App& app);

}  // namespace pgpm::cli
