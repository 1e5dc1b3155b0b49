#include "server/cluster_cleanup.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "server/cluster_marker.hpp"
#include "server/process_control.hpp"

namespace pgpm::server {

namespace {

constexpr std::chrono::milliseconds kShutdownGrace{5000};

// Backends outlive a SIGKILLed postmaster for a moment and may still be writing files.
void remove_tree(const std::filesystem::path& dir) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        std::error_code error;
        std::filesystem::remove_all(dir, error);
        if (!error) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

bool owned_by_us(const std::filesystem::path& dir) {
    struct stat info {};
    return ::lstat(dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid();
}

}  // namespace

void destroy_cluster(const ClusterPaths& paths, pid_t pid) {
    if (process_alive(pid) && is_cluster_process(pid, paths.data())) {
        terminate_process(pid, SIGQUIT, kShutdownGrace);
    }
    remove_tree(paths.dir);
}

void reap_stale_clusters(const std::filesystem::path& root) {
    std::error_code error;
    for (std::filesystem::directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
        const ClusterPaths paths{it->path()};
        if (!paths.dir.filename().string().starts_with(kClusterPrefix) || !owned_by_us(paths.dir)) {
            continue;
        }
        const auto marker = read_marker(paths);
        if (marker && is_stale(paths, *marker)) {
            destroy_cluster(paths, marker->postmaster_pid);
        }
    }
}

}  // namespace pgpm::server
