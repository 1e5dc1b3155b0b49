#pragma once

#include <sys/types.h>

#include <filesystem>

#include "server/cluster_paths.hpp"

namespace pgpm::server {

// Stops `pid` when it is still one of the cluster's server programs (immediate shutdown: the
// data is thrown away, so a shutdown checkpoint would be wasted work), then removes the folder.
void destroy_cluster(const ClusterPaths& paths, pid_t pid);

// Removes the clusters under `root` that belong to this user and that nothing will use again
// (is_stale), stopping their leftover postmasters.
void reap_stale_clusters(const std::filesystem::path& root);

}  // namespace pgpm::server
