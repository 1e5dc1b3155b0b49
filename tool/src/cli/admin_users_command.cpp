#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "engine/bootstrap_roles.hpp"

namespace pgpm::cli {

namespace {

// The maintenance database: -d, else postgres, else template1 (SPEC §4).
tl::expected<db::Connection, db::ConnectError> open_maintenance(const GlobalOptions& options) {
    if (!options.database.empty())
        return db::Connection::open(options.database);
    return db::Connection::open_maintenance({});
}

int run_bootstrap(const GlobalOptions& options) {
    auto connection = open_maintenance(options);
    if (!connection) {
        std::cerr << "pgpm: error: cannot connect to the server: " << connection.error().message
                  << '\n';
        return exit_unreachable;
    }
    auto roles = engine::bootstrap_roles(*connection);
    if (!roles) {
        const auto& error = roles.error();
        std::cerr << "pgpm: error: cannot create the bootstrap roles: " << error.message << " ["
                  << error.sqlstate << "]\n";
        if (error.sqlstate == "42501") {
            std::cerr << "hint: creating roles needs CREATEROLE, and role administrator's "
                         "BYPASSRLS needs a superuser: run this as a superuser (e.g. PGUSER="
                         "postgres)\n";
        }
        return exit_failure;
    }
    for (const auto& role : *roles) {
        if (!options.quiet) {
            std::cout << "role " << role.name << ": "
                      << (role.created ? "created" : "exists already") << '\n';
        }
    }
    return exit_success;
}

}  // namespace

Command add_admin_users_command(CLI::App& app) {
    auto* admin = app.add_subcommand("admin-users", "Roles the modules grant to");
    admin->require_subcommand(1);
    auto* bootstrap = admin->add_subcommand(
        "bootstrap", "Create the NOLOGIN roles anonymous, authenticated and administrator");
    auto yes = std::make_shared<bool>(false);
    bootstrap->add_flag("--yes,-y", *yes, "Accepted; bootstrap never asks");
    return {bootstrap, true,
            [yes](const GlobalOptions& options) { return run_bootstrap(options); }};
}

}  // namespace pgpm::cli
