#include "server/temp_root.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

namespace pgpm::server {

std::filesystem::path choose_temp_root(std::optional<std::uintmax_t> memory_root_free) {
    if (memory_root_free && *memory_root_free >= kMemoryRootMinimumFree)
        return kMemoryRoot;
    return "/tmp";
}

std::filesystem::path default_temp_root() {
    std::optional<std::uintmax_t> free;
    struct statvfs status {};
    std::error_code error;
    if (std::filesystem::is_directory(kMemoryRoot, error) && ::access(kMemoryRoot, W_OK) == 0 &&
        ::statvfs(kMemoryRoot, &status) == 0)
        free = static_cast<std::uintmax_t>(status.f_bavail) * status.f_frsize;
    return choose_temp_root(free);
}

}  // namespace pgpm::server
