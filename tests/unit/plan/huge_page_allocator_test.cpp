#include "plan/huge_page_allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace pgpm::plan::detail {
namespace {

constexpr std::size_t kTwoMiB = std::size_t{2} << 20;

TEST(HugePageAllocator, LargeBlocksAreAlignedForHugePages) {
    HugePageAllocator<std::uint64_t> allocator;
    const std::size_t count = 3 * kTwoMiB / sizeof(std::uint64_t) + 5;
    std::uint64_t* block = allocator.allocate(count);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % kTwoMiB, 0u);
    block[0] = 1;
    block[count - 1] = 2;  // the whole requested size is usable
    EXPECT_EQ(block[0] + block[count - 1], 3u);
    allocator.deallocate(block, count);
}

TEST(HugePageAllocator, AVectorKeepsItsElementsWhenGrowingPastTheHugePageSize) {
    std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> values;
    const std::uint32_t count = 3 * kTwoMiB / sizeof(std::uint32_t);
    for (std::uint32_t i = 0; i < count; ++i)
        values.push_back(i);
    ASSERT_GE(values.capacity() * sizeof(std::uint32_t), kTwoMiB);
    for (std::uint32_t i = 0; i < count; i += 4099)
        ASSERT_EQ(values[i], i);
    EXPECT_EQ(values.back(), count - 1);
}

}  // namespace
}  // namespace pgpm::plan::detail
