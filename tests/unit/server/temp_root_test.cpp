#include "server/temp_root.hpp"

#include <gtest/gtest.h>

namespace pgpm::server {
namespace {

TEST(TempRoot, MemoryWithRoomToSpare) {
    EXPECT_EQ(choose_temp_root(kMemoryRootMinimumFree), "/dev/shm");
    EXPECT_EQ(choose_temp_root(std::uintmax_t{12} << 30), "/dev/shm");
}

// Containers often give /dev/shm 64 MiB: a few databases would fill it.
TEST(TempRoot, TmpWhenMemoryIsSmallOrMissing) {
    EXPECT_EQ(choose_temp_root(kMemoryRootMinimumFree - 1), "/tmp");
    EXPECT_EQ(choose_temp_root(std::uintmax_t{64} << 20), "/tmp");
    EXPECT_EQ(choose_temp_root(std::nullopt), "/tmp");
}

}  // namespace
}  // namespace pgpm::server
