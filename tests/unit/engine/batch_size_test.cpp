// How many changes the next message holds: from one, doubling while messages complete quickly,
// back to one after a slow message, and never more than BatchSize::kMost.
#include "engine/change_runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace pgpm::engine {
namespace {

using std::chrono::milliseconds;

TEST(BatchSize, StartsWithOneAndDoublesWhileQuickUpToTheMost) {
    BatchSize size;
    EXPECT_EQ(size.next(), 1u);
    std::size_t expected = 1;
    for (int batch = 0; batch < 12; ++batch) {
        size.completed(milliseconds(2));
        expected = std::min(expected * 2, BatchSize::kMost);
        EXPECT_EQ(size.next(), expected) << "after batch " << batch;
    }
    EXPECT_EQ(size.next(), BatchSize::kMost);
}

TEST(BatchSize, StartsOverAfterASlowMessage) {
    BatchSize size;
    for (int batch = 0; batch < 5; ++batch)
        size.completed(milliseconds(1));
    EXPECT_EQ(size.next(), 32u);
    size.completed(std::chrono::seconds(3));
    EXPECT_EQ(size.next(), 1u);
    size.completed(milliseconds(1));
    EXPECT_EQ(size.next(), 2u);
}

}  // namespace
}  // namespace pgpm::engine
