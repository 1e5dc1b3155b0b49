#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace pgpm::cli {

// A registered subcommand: its parser, whether it needs a database server (so `--ephemeral`
// starts one for it), and what runs once the command line is parsed. `run` returns the exit code.
struct Command {
    CLI::App* parser = nullptr;
    bool needs_server = false;
    std::function<int(const GlobalOptions&)> run;
};

Command add_check_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_tag_command(CLI::App& app);
Command add_deploy_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_revert_command(CLI::App& app);
Command add_admin_users_command(CLI::App& app);
Command add_test_packages_command(CLI::App& app);
std::vector<Command> add_status_commands(CLI::App& app);  // `migrate status` and its alias `status`
std::vector<Command> add_server_commands(CLI::App& app);
std::vector<Command> add_scaffold_commands(CLI::App& app);  // `init` and `add`

}  // namespace pgpm::cli
