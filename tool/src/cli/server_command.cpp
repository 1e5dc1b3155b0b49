#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/server_environment.hpp"

namespace pgpm::cli {

namespace {

int start(const std::filesystem::path& dir, const GlobalOptions& options) {
    server::install_interrupt_cleanup();
    auto started = server::start_detached(dir, server_options_from_environment());
    if (!started) {
        print_server_error(started.error(), options);
        return exit_unreachable;
    }
    if (!options.quiet) {
        std::cerr << "pgpm: PostgreSQL is running for " << dir.string() << " (pid "
                  << started->postmaster_pid << ", socket in " << started->env.host << ")\n";
    }
    return exit_success;
}

int stop(const std::filesystem::path& dir, const GlobalOptions& options) {
    if (auto stopped = server::stop(dir); !stopped) {
        print_server_error(stopped.error(), options);
        return exit_unreachable;
    }
    return exit_success;
}

int print_env(const std::filesystem::path& dir, const GlobalOptions& options) {
    auto env = server::read_env(dir);
    if (!env) {
        print_server_error(env.error(), options);
        return exit_unreachable;
    }
    // Exported, so `eval "$(pgpm server env --dir D)"` reaches psql and other child processes.
    std::istringstream lines(server::env_lines(*env));
    for (std::string line; std::getline(lines, line);)
        std::cout << "export " << line << '\n';
    return exit_success;
}

using Action = int (*)(const std::filesystem::path&, const GlobalOptions&);

Command add_action(CLI::App& server, const char* name, const char* description, Action action) {
    auto dir = std::make_shared<std::string>();
    auto* parser = server.add_subcommand(name, description);
    parser->add_option("--dir", *dir, "The folder the server belongs to")
        ->option_text("DIR")
        ->required();
    return {parser, false, [dir, action](const GlobalOptions& options) {
                return action(std::filesystem::absolute(*dir), options);
            }};
}

}  // namespace

std::vector<Command> add_server_commands(CLI::App& app) {
    auto* server = app.add_subcommand("server", "The embedded throw-away PostgreSQL");
    server->require_subcommand(1);
    return {
        add_action(*server, "start",
                   "Start a server that belongs to DIR and keeps running; writes DIR/env", start),
        add_action(*server, "env", "Print DIR's PGHOST/PGPORT/PGUSER/PGDATABASE lines", print_env),
        add_action(*server, "stop", "Stop DIR's server and remove its cluster", stop),
    };
}

}  // namespace pgpm::cli
