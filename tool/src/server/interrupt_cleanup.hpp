#pragma once

#include <sys/types.h>

#include <cstdint>

#include "server/cluster_paths.hpp"

// The clusters that a SIGINT, SIGTERM or SIGHUP must not leave behind, once
// install_interrupt_cleanup (embedded_server.hpp) has run: each registration names a cluster
// folder and the server program now running in it.
namespace pgpm::server {

std::uint64_t register_cleanup();
void track_cluster(std::uint64_t id, const ClusterPaths& paths);
void track_process(std::uint64_t id, pid_t pid);

// Takes a registration back: true when it was still registered, so the caller decides what
// becomes of the cluster; false when the interrupt cleanup has already removed it. Waits while
// that cleanup runs.
bool unregister_cleanup(std::uint64_t id);

}  // namespace pgpm::server
