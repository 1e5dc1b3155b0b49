#pragma once

#include <filesystem>
#include <string_view>

namespace pgpm::server {

// Cluster folders are `<temp root>/pgpm-XXXXXX`; stale-cluster scans look for this prefix.
inline constexpr std::string_view kClusterPrefix = "pgpm-";
// With listen_addresses='' the port only names the socket file in a private folder, so any
// fixed port works and no free one has to be found.
inline constexpr std::string_view kPort = "5432";
inline constexpr std::string_view kSuperuser = "postgres";

// The layout of one cluster's private temp folder.
struct ClusterPaths {
    std::filesystem::path dir;

    std::filesystem::path data() const { return dir / "data"; }
    std::filesystem::path socket() const { return dir / "socket"; }
    std::filesystem::path marker() const { return dir / "pgpm-cluster"; }
    // Where a process-owned cluster logs; a detached one logs into the folder it belongs to.
    std::filesystem::path log() const { return dir / "server.log"; }
};

}  // namespace pgpm::server
