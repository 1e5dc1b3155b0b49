#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>

#include <tl/expected.hpp>

#include "server/cluster_paths.hpp"
#include "server/server_error.hpp"

namespace pgpm::server {

// Who a cluster folder belongs to, kept in the folder so that any later start can tell a live
// cluster from one whose owner died.
struct ClusterMarker {
    pid_t owner_pid = 0;            // the tool that made it
    std::uint64_t owner_start = 0;  // and when that tool started (process_start_time)
    pid_t postmaster_pid = 0;       // 0 until the postmaster is spawned
    // A detached cluster's folder (`pgpm server start --dir`): it belongs to that folder as long
    // as its postmaster runs, whatever became of the tool that made it.
    std::filesystem::path server_dir;
};

// A marker naming this process as the owner.
ClusterMarker marker_for_this_process();

tl::expected<void, ServerError> write_marker(const ClusterPaths& paths,
                                             const ClusterMarker& marker);

// Nothing when the folder has no readable marker (not ours, or still being made).
std::optional<ClusterMarker> read_marker(const ClusterPaths& paths);

bool postmaster_running(const ClusterPaths& paths, const ClusterMarker& marker);

// True when nothing will ever use the cluster again: a detached one whose postmaster is gone,
// any other whose owner is gone.
bool is_stale(const ClusterPaths& paths, const ClusterMarker& marker);

}  // namespace pgpm::server
