#pragma once

#include <optional>

#include "cli/global_options.hpp"
#include "server/embedded_server.hpp"

namespace pgpm::cli {

// Where the embedded-server programs are looked for: PGPM_PG_BINDIR alone when set, else PATH,
// `pg_config --bindir` and Debian's versioned folders.
server::ServerOptions server_options_from_environment();

// Points libpq (the PG* variables) at the server a command should use, the first of: a fresh
// throw-away one for `--ephemeral`; the service named by the pgpm_servers resource CTest gave the
// test (`ctest --resource-spec-file`, see cli/ctest_resources.hpp: PGSERVICE=<id>, PGHOST,
// PGHOSTADDR and PGPORT unset); the one in PGPM_SERVER_DIR. Owns the throw-away server for its
// lifetime.
class ServerEnvironment {
public:
    // Returns an exit code: 0, or 4 after printing why no server could be had (a malformed
    // CTest allocation among the reasons).
    int prepare(const GlobalOptions& options);

private:
    std::optional<server::EphemeralServer> ephemeral_;
};

void apply_server_env(const server::ServerEnv& env);
void print_server_error(const server::ServerError& error, const GlobalOptions& options);

}  // namespace pgpm::cli
