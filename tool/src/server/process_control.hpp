#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>

namespace pgpm::server {

// True while `pid` runs. A zombie counts as gone, and a dead child of this process is reaped
// (the detached postmaster stays our child until the tool exits).
bool process_alive(pid_t pid);

// When `pid` started (clock ticks after boot, from /proc): with the pid, it tells a process
// apart from a later one that reuses the pid. Nothing when the process is gone.
std::optional<std::uint64_t> process_start_time(pid_t pid);

// True when `pid` is a server program (`postgres`, `initdb`) working on `data_dir`: the check
// before signalling a pid read from a file, which may since have been reused.
bool is_cluster_process(pid_t pid, const std::filesystem::path& data_dir);

// Sends `first_signal`, waits up to `grace`, then sends SIGKILL and waits a little more.
void terminate_process(pid_t pid, int first_signal, std::chrono::milliseconds grace);

// Blocks until the child `pid` exits; its wait status, or nothing when it is not our child.
std::optional<int> wait_for_child(pid_t pid);

}  // namespace pgpm::server
