#include "cli/app.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/server_environment.hpp"

#ifndef PGPM_VERSION
#error "PGPM_VERSION must be defined by the build"
#endif

namespace pgpm::cli {

bool GlobalOptions::color_on_stderr() const {
    return !no_color && std::getenv("NO_COLOR") == nullptr && isatty(STDERR_FILENO) == 1;
}

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
    app.add_option("-C", options.directory, "Run as if pgpm was started in DIR")
        ->option_text("DIR");
    app.add_option("-d,--database", options.database,
                   "Target database: a name, a conninfo string or a URI (default: libpq's PG*)")
        ->option_text("DB");
    app.add_flag("--ephemeral", options.ephemeral,
                 "Run against a throw-away PostgreSQL started for this command");
    app.add_flag("--json", options.json, "Write the result as one JSON object (where supported)");
    app.add_flag("-q,--quiet", options.quiet, "Print only errors");
    app.add_flag("-v,--verbose", options.verbose, "Print more detail");
    app.add_flag("--no-color", options.no_color, "Never colour the output");
}

int run_command(const Command& command, const GlobalOptions& options) {
    if (!options.directory.empty()) {
        std::error_code error;
        std::filesystem::current_path(options.directory, error);
        if (error) {
            std::cerr << "pgpm: error: cannot change to directory " << options.directory << ": "
                      << error.message() << '\n';
            return exit_usage;
        }
    }
    if (!command.needs_server)
        return command.run(options);
    ServerEnvironment server;
    if (const int exit_code = server.prepare(options); exit_code != exit_success)
        return exit_code;
    return command.run(options);
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"pgpm: a database change manager for PostgreSQL", "pgpm"};
    app.set_version_flag("--version", PGPM_VERSION, "Print the version and exit");
    app.require_subcommand(1);
    // Global options are also accepted after the command name.
    app.fallthrough();

    GlobalOptions options;
    add_global_options(app, options);

    std::vector<Command> commands{add_check_command(app),       add_describe_command(app),
                                  add_tag_command(app),         add_deploy_command(app),
                                  add_verify_command(app),      add_revert_command(app),
                                  add_admin_users_command(app), add_test_packages_command(app)};
    for (auto& command : add_status_commands(app))
        commands.push_back(std::move(command));
    for (auto& command : add_server_commands(app))
        commands.push_back(std::move(command));
    for (auto& command : add_scaffold_commands(app))
        commands.push_back(std::move(command));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == 0)
            return app.exit(error);  // --help, --version
        std::cerr << "pgpm: error: " << error.what() << "\nRun 'pgpm --help' for usage.\n";
        return exit_usage;
    }

    for (const auto& command : commands) {
        if (command.parser->parsed())
            return run_command(command, options);
    }
    std::cerr << "pgpm: error: no command given\nRun 'pgpm --help' for usage.\n";
    return exit_usage;
}

}  // namespace pgpm::cli
