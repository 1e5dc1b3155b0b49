#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

// Where throw-away clusters go when nobody names a folder ($TMPDIR unset). A test run is mostly
// CREATE DATABASE, DDL and DROP DATABASE, whose file writes and unlinks took three times as long
// on this project's virtual disks as in memory (`pgpm test-packages` of 20 modules: 12.7 s under
// /tmp, 4.2 s under /dev/shm); so memory, when it has room to spare.
namespace pgpm::server {

inline constexpr std::uintmax_t kMemoryRootMinimumFree = std::uintmax_t{1} << 30;  // 1 GiB
inline constexpr const char* kMemoryRoot = "/dev/shm";

// /dev/shm when it is a writable folder with kMemoryRootMinimumFree free, else /tmp.
std::filesystem::path default_temp_root();

// The rule itself: `memory_root_free` is the free space of a usable /dev/shm, nullopt without one.
std::filesystem::path choose_temp_root(std::optional<std::uintmax_t> memory_root_free);

}  // namespace pgpm::server
