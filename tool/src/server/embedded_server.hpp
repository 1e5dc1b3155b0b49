#pragma once

#include <sys/types.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "server/binaries.hpp"
#include "server/server_error.hpp"

// The embedded throw-away PostgreSQL (SPEC §5). A cluster lives in a private temp folder
// `<temp root>/pgpm-XXXXXX` holding `data/`, `socket/` and a marker naming its owner; the
// postmaster is run directly (no shell, no pg_ctl) with `listen_addresses=''`, so the port
// only names the socket file and is always 5432. Run as root, the server runs as `postgres`
// (else `nobody`). Every start first removes the clusters of dead owners under its temp root.
namespace pgpm::server {

struct ServerOptions {
    BinarySearch search;
    // Where cluster folders are made; the CLI passes $TMPDIR when set, else default_temp_root()
    // (server/temp_root.hpp: /dev/shm when it has room). Falls back to /tmp when
    // the socket path would be too long for a unix socket under it, when it holds a comma
    // (libpq splits PGHOST at commas) or, as root, when the server's account cannot reach it.
    std::filesystem::path temp_root = "/tmp";
    std::chrono::seconds start_timeout{30};
};

// How libpq reaches a server: the values of PGHOST (the socket folder), PGPORT, PGUSER and
// PGDATABASE.
struct ServerEnv {
    std::string host;
    std::string port;
    std::string user;
    std::string database;

    // (name, value) in the order PGHOST, PGPORT, PGUSER, PGDATABASE, for setenv().
    std::vector<std::pair<std::string, std::string>> variables() const;
};

// libpq settings that send connections elsewhere despite PGHOST and PGPORT (a service file's
// host wins over PGHOST): unset them when applying a ServerEnv.
inline constexpr std::array<std::string_view, 2> kOverridingVariables = {"PGHOSTADDR", "PGSERVICE"};

// `NAME=value` lines, values shell-quoted where needed: the content of `DIR/env`, and what
// `pgpm server env` prints for `eval` (plain assignments: prefix `export ` or use `set -a` to
// hand them to child processes).
std::string env_lines(const ServerEnv& env);

struct ServerInfo {
    ServerEnv env;
    pid_t postmaster_pid = 0;
    std::filesystem::path cluster_dir;  // the private temp folder
};

// A cluster owned by this process: it dies with the process (parent-death signal, so even when
// the process is SIGKILLed) and the destructor stops it and removes its folder. Create it on a
// thread that outlives it: the kernel sends the parent-death signal when the creating thread
// ends. The postmaster runs in its own process group, so a terminal's Ctrl-C reaches only the
// tool, which cleans up (see install_interrupt_cleanup).
class EphemeralServer {
public:
    // On failure nothing is left behind but, for a server that would not start, its log
    // (named in the hint).
    static tl::expected<EphemeralServer, ServerError> start(const ServerOptions& options);

    EphemeralServer(EphemeralServer&& other) noexcept;
    EphemeralServer& operator=(EphemeralServer&& other) noexcept;
    EphemeralServer(const EphemeralServer&) = delete;
    EphemeralServer& operator=(const EphemeralServer&) = delete;
    ~EphemeralServer();

    const ServerInfo& info() const { return info_; }
    const ServerEnv& env() const { return info_.env; }

private:
    EphemeralServer(ServerInfo info, std::uint64_t cleanup_id);
    void destroy() noexcept;

    ServerInfo info_;
    std::uint64_t cleanup_id_ = 0;  // its entry in the interrupt-cleanup registry; 0: moved from
};

// `pgpm server start --dir DIR`: a cluster that belongs to DIR, not to the process: no
// parent-death signal, its own session, so it outlives the tool. Writes `DIR/env`
// (env_lines) and logs initdb and the server to `DIR/server.log`. Idempotent: when DIR's
// server is running, returns it and starts nothing; when its postmaster is dead, removes that
// cluster and starts a fresh one. Creates DIR when missing.
tl::expected<ServerInfo, ServerError> start_detached(const std::filesystem::path& dir,
                                                     const ServerOptions& options);

// `pgpm server stop --dir DIR`: stops DIR's postmaster and removes its cluster and `DIR/env`
// (`DIR/server.log` stays for post-mortems). Succeeds when nothing runs there.
tl::expected<void, ServerError> stop(const std::filesystem::path& dir);

// `pgpm server env --dir DIR` and `PGPM_SERVER_DIR=DIR`: DIR's connection settings; an error
// when DIR has no server or its postmaster is gone.
tl::expected<ServerEnv, ServerError> read_env(const std::filesystem::path& dir);

// Makes SIGINT, SIGTERM and SIGHUP stop and remove every cluster this process is starting or
// owns before the process dies of the signal (handlers that wake a cleanup thread, so the
// cleanup runs in a normal context). Call once, early in main; signals that arrive before
// cleanup finishes are absorbed. Without it, the parent-death signal still stops the server and
// the next start removes the folder.
void install_interrupt_cleanup();

}  // namespace pgpm::server
