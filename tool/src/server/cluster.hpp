#pragma once

#include <cstdint>
#include <filesystem>

#include <tl/expected.hpp>

#include "server/embedded_server.hpp"
#include "server/server_error.hpp"

namespace pgpm::server {

struct LaunchedCluster {
    ServerInfo info;
    // Still registered for interrupt cleanup: the caller takes it back (unregister_cleanup)
    // when the cluster stops being its to remove.
    std::uint64_t cleanup_id = 0;
};

// Finds the programs, removes stale clusters, then makes, initialises and starts a cluster and
// waits until it accepts connections. With an empty `server_dir` the cluster belongs to this
// process; otherwise it is detached and logs to `server_dir/server.log`. On failure nothing is
// left but the log.
tl::expected<LaunchedCluster, ServerError> launch_cluster(const ServerOptions& options,
                                                          const std::filesystem::path& server_dir);

}  // namespace pgpm::server
