#include "cli/database_target.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include "db/connect_error.hpp"
#include "db/connection_params.hpp"

namespace pgpm::cli {

namespace {

struct ConninfoOptionsDeleter {
    void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
using ConninfoOptions = std::unique_ptr<PQconninfoOption, ConninfoOptionsDeleter>;

bool is_set(const char* value) {
    return value != nullptr && *value != '\0';
}

bool names_database(const ConninfoOptions& options) {
    for (const auto* option = options.get(); option->keyword != nullptr; ++option) {
        const std::string_view keyword = option->keyword;
        if ((keyword == "dbname" || keyword == "service") && is_set(option->val))
            return true;
    }
    return false;
}

// PQconndefaults reads PGSERVICE's service file entry, and PGDATABASE; it leaves the dbname
// unset otherwise, since falling back to the user's name happens only when connecting.
bool environment_names_database() {
    if (is_set(std::getenv("PGDATABASE")))
        return true;
    if (!is_set(std::getenv("PGSERVICE")))
        return false;
    const ConninfoOptions defaults(PQconndefaults());
    return defaults != nullptr && names_database(defaults);
}

void print_hint(std::string_view hint) {
    std::cerr << "hint: " << hint << '\n';
}

}  // namespace

tl::expected<std::string, UsageError> resolve_database_target(const GlobalOptions& options) {
    const auto& target = options.database;
    if (!target.empty() && !db::is_connection_string(target))
        return target;
    if (!target.empty()) {
        char* error = nullptr;
        const ConninfoOptions parsed(PQconninfoParse(target.c_str(), &error));
        if (parsed == nullptr) {
            std::string message = error != nullptr ? error : "out of memory";
            PQfreemem(error);
            while (!message.empty() && message.back() == '\n')
                message.pop_back();
            return tl::unexpected(UsageError{"invalid -d connection string: " +
                                             db::mask_password(std::move(message), target)});
        }
        if (names_database(parsed))
            return target;
    }
    if (environment_names_database())
        return target;
    return tl::unexpected(UsageError{
        "no target database: pass -d DATABASE, or set PGDATABASE (or a PGSERVICE with a dbname)"});
}

namespace {

// CREATE DATABASE through the maintenance database; one created meanwhile by another run is
// fine.
bool create_database(const std::string& target, const std::string& name) {
    auto maintenance = db::Connection::open_maintenance(target);
    if (!maintenance) {
        std::cerr << "pgpm: error: cannot connect to create database \"" << name
                  << "\": " << maintenance.error().message << '\n';
        return false;
    }
    auto identifier = maintenance->escape_identifier(name);
    auto created = identifier ? maintenance->exec("CREATE DATABASE " + *identifier)
                              : tl::unexpected(identifier.error());
    if (!created && created.error().sqlstate != "42P04") {
        std::cerr << "pgpm: error: cannot create database \"" << name
                  << "\": " << created.error().message << " [" << created.error().sqlstate << "]\n";
        return false;
    }
    std::cerr << "pgpm: created database \"" << name << "\"\n";
    return true;
}

}  // namespace

tl::expected<db::Connection, ExitCode> connect_database(const std::string& target,
                                                        bool create_if_missing) {
    auto connection = db::Connection::open(target);
    if (connection)
        return std::move(*connection);
    const auto error = db::diagnose_connect_failure(target, connection.error());
    if (create_if_missing && error.kind == db::ConnectFailure::database_missing) {
        if (!create_database(target, error.database))
            return tl::unexpected(exit_failure);
        return connect_database(target, false);
    }
    switch (error.kind) {
        case db::ConnectFailure::server_unreachable:
            std::cerr << "pgpm: error: cannot reach the database server: " << error.message << '\n';
            print_hint(
                "is PostgreSQL running? Check -d, PGHOST and PGPORT, or use --ephemeral for a "
                "throw-away server");
            break;
        case db::ConnectFailure::database_missing:
            std::cerr << "pgpm: error: the server is up but database \"" << error.database
                      << "\" does not exist\n";
            print_hint("'pgpm deploy --createdb' creates it");
            break;
        case db::ConnectFailure::auth_failed:
            std::cerr << "pgpm: error: the server refused the connection: " << error.message
                      << '\n';
            print_hint("check the role (PGUSER) and its password (PGPASSWORD or ~/.pgpass)");
            break;
        case db::ConnectFailure::other:
            std::cerr << "pgpm: error: cannot connect to the database: " << error.message << '\n';
            break;
    }
    return tl::unexpected(exit_unreachable);
}

}  // namespace pgpm::cli
