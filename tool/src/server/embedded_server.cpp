#include "server/embedded_server.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <optional>
#include <utility>

#include <fmt/format.h>

#include "io/text_file.hpp"
#include "server/assignments.hpp"
#include "server/cluster.hpp"
#include "server/cluster_cleanup.hpp"
#include "server/cluster_marker.hpp"
#include "server/interrupt_cleanup.hpp"

namespace pgpm::server {

namespace fs = std::filesystem;

namespace {

fs::path env_file(const fs::path& dir) {
    return dir / "env";
}

// Serialises start and stop on one folder (two fixtures, two shells), so that a folder never
// gets two clusters of which one is lost.
class FolderLock {
public:
    explicit FolderLock(const fs::path& dir)
        : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (fd_ >= 0) {
            ::flock(fd_, LOCK_EX);
        }
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

private:
    int fd_;
};

// What a server folder's `env` file points at.
struct DetachedServer {
    ServerEnv env;
    ClusterPaths paths;
    std::optional<ClusterMarker> marker;  // nothing when the cluster is gone or not the folder's

    bool running() const { return marker && postmaster_running(paths, *marker); }
};

// Nothing when the folder has no `env` file.
tl::expected<std::optional<DetachedServer>, ServerError> find_detached(const fs::path& dir) {
    const auto file = env_file(dir);
    const auto text = io::read_file(file);
    if (!text) {
        return std::nullopt;
    }
    const auto fields = parse_assignments(*text);
    const auto host = fields ? find_assignment(*fields, "PGHOST") : std::string_view();
    if (host.empty()) {
        return tl::unexpected(
            ServerError{fmt::format("{} is not an environment file of pgpm's{}", file.string(),
                                    fields ? ": no PGHOST" : ": " + fields.error()),
                        fmt::format("remove {} and start the server again", file.string())});
    }
    DetachedServer server{{std::string(host), std::string(find_assignment(*fields, "PGPORT")),
                           std::string(find_assignment(*fields, "PGUSER")),
                           std::string(find_assignment(*fields, "PGDATABASE"))},
                          // The socket folder sits in the cluster's folder (ClusterPaths).
                          ClusterPaths{fs::path(host).parent_path()},
                          std::nullopt};
    server.marker = read_marker(server.paths);
    if (server.marker && server.marker->server_dir != dir) {
        server.marker.reset();
    }
    return server;
}

// Stops and removes the folder's cluster (only when its marker says it is the folder's) and
// forgets it.
void retire(const fs::path& dir, const DetachedServer& server) {
    if (server.marker) {
        destroy_cluster(server.paths, server.marker->postmaster_pid);
    }
    std::error_code ignored;
    fs::remove(env_file(dir), ignored);
}

ServerError no_server(const fs::path& dir, std::string what) {
    return {std::move(what),
            fmt::format("start it with `pgpm server start --dir {}`", dir.string())};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ServerEnv::variables() const {
    return {{"PGHOST", host}, {"PGPORT", port}, {"PGUSER", user}, {"PGDATABASE", database}};
}

std::string env_lines(const ServerEnv& env) {
    return format_assignments(env.variables());
}

EphemeralServer::EphemeralServer(ServerInfo info, std::uint64_t cleanup_id)
    : info_(std::move(info)), cleanup_id_(cleanup_id) {}

EphemeralServer::EphemeralServer(EphemeralServer&& other) noexcept
    : info_(std::move(other.info_)), cleanup_id_(std::exchange(other.cleanup_id_, 0)) {}

EphemeralServer& EphemeralServer::operator=(EphemeralServer&& other) noexcept {
    if (this != &other) {
        destroy();
        info_ = std::move(other.info_);
        cleanup_id_ = std::exchange(other.cleanup_id_, 0);
    }
    return *this;
}

EphemeralServer::~EphemeralServer() {
    destroy();
}

void EphemeralServer::destroy() noexcept {
    if (cleanup_id_ != 0 && unregister_cleanup(cleanup_id_)) {
        destroy_cluster(ClusterPaths{info_.cluster_dir}, info_.postmaster_pid);
    }
    cleanup_id_ = 0;
}

tl::expected<EphemeralServer, ServerError> EphemeralServer::start(const ServerOptions& options) {
    auto launched = launch_cluster(options, {});
    if (!launched) {
        return tl::unexpected(launched.error());
    }
    return EphemeralServer(std::move(launched->info), launched->cleanup_id);
}

tl::expected<ServerInfo, ServerError> start_detached(const fs::path& dir,
                                                     const ServerOptions& options) {
    std::error_code error;
    fs::create_directories(dir, error);
    const auto folder = error ? fs::path() : fs::canonical(dir, error);
    if (error) {
        return tl::unexpected(
            ServerError{fmt::format("cannot create {}: {}", dir.string(), error.message()), {}});
    }
    FolderLock lock(folder);
    auto existing = find_detached(folder);
    if (!existing) {
        return tl::unexpected(existing.error());
    }
    if (*existing && (*existing)->running()) {
        const auto& server = **existing;
        return ServerInfo{server.env, server.marker->postmaster_pid, server.paths.dir};
    }
    if (*existing) {
        retire(folder, **existing);
    }

    auto launched = launch_cluster(options, folder);
    if (!launched) {
        return tl::unexpected(launched.error());
    }
    // From here on the cluster belongs to the folder, not to this process.
    if (!unregister_cleanup(launched->cleanup_id)) {
        return tl::unexpected(ServerError{"interrupted while starting the server", {}});
    }
    const auto& info = launched->info;
    if (auto written = io::write_file_atomically(env_file(folder), env_lines(info.env)); !written) {
        destroy_cluster(ClusterPaths{info.cluster_dir}, info.postmaster_pid);
        return tl::unexpected(ServerError{written.error(), {}});
    }
    return info;
}

tl::expected<void, ServerError> stop(const fs::path& dir) {
    std::error_code error;
    const auto folder = fs::canonical(dir, error);
    if (error) {
        return {};
    }
    FolderLock lock(folder);
    auto existing = find_detached(folder);
    if (!existing) {
        return tl::unexpected(existing.error());
    }
    if (*existing) {
        retire(folder, **existing);
    }
    return {};
}

tl::expected<ServerEnv, ServerError> read_env(const fs::path& dir) {
    const auto missing = [&] {
        return tl::unexpected(
            no_server(dir, fmt::format("no embedded server in {} (no env file)", dir.string())));
    };
    std::error_code error;
    const auto folder = fs::canonical(dir, error);
    if (error) {
        return missing();
    }
    auto existing = find_detached(folder);
    if (!existing) {
        return tl::unexpected(existing.error());
    }
    if (!*existing) {
        return missing();
    }
    if (!(*existing)->running()) {
        return tl::unexpected(
            no_server(dir, fmt::format("the embedded server of {} is not running", dir.string())));
    }
    return (*existing)->env;
}

}  // namespace pgpm::server
