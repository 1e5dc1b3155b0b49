#include "plan/name_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pgpm::plan::detail {
namespace {

TEST(NameIndex, InsertReportsTheFirstIndexOfADuplicate) {
    NameIndex index(4);
    EXPECT_EQ(index.insert(index.probe("users"), 0), std::nullopt);
    EXPECT_EQ(index.insert(index.probe("orders"), 1), std::nullopt);
    EXPECT_EQ(index.insert(index.probe("users"), 2), std::optional<std::size_t>(0));
    EXPECT_EQ(index.find("users"), std::optional<std::size_t>(0));
    EXPECT_EQ(index.find("orders"), std::optional<std::size_t>(1));
    EXPECT_EQ(index.find("user"), std::nullopt);
    EXPECT_EQ(index.find(""), std::nullopt);
}

TEST(NameIndex, ADefaultIndexGrowsAsNamesAreInserted) {
    std::vector<std::string> names;
    for (int i = 0; i < 1000; ++i)
        names.push_back("t" + std::to_string(i));
    NameIndex index;
    EXPECT_EQ(index.find("t0"), std::nullopt);
    for (std::size_t i = 0; i < names.size(); ++i)
        ASSERT_EQ(index.insert(index.probe(names[i]), i), std::nullopt);
    for (std::size_t i = 0; i < names.size(); ++i)
        EXPECT_EQ(index.find(names[i]), std::optional<std::size_t>(i));
    EXPECT_EQ(index.insert(index.probe("t500"), 1000), std::optional<std::size_t>(500));
    EXPECT_EQ(index.find("t1000"), std::nullopt);
}

TEST(NameIndex, FindsEveryNameWhenFilledToCapacity) {
    std::vector<std::string> names;
    for (int i = 0; i < 1000; ++i)
        names.push_back("schemas/app/tables/t" + std::to_string(i));
    NameIndex index(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        ASSERT_EQ(index.insert(index.probe(names[i]), i), std::nullopt);
    for (std::size_t i = 0; i < names.size(); ++i)
        EXPECT_EQ(index.find(names[i]), std::optional<std::size_t>(i));
    EXPECT_EQ(index.find("schemas/app/tables/t1000"), std::nullopt);
}

// 100k names take a table of several MiB, the size that is backed by huge pages.
TEST(NameIndex, FindsEveryNameOfAPlanSizedIndex) {
    std::vector<std::string> names;
    for (int i = 0; i < 100'000; ++i)
        names.push_back("t" + std::to_string(i));
    NameIndex index(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        ASSERT_EQ(index.insert(index.probe(names[i]), i), std::nullopt);
    for (std::size_t i = 0; i < names.size(); ++i)
        ASSERT_EQ(index.find(names[i]), std::optional<std::size_t>(i));
    EXPECT_EQ(index.find("t100000"), std::nullopt);
}

}  // namespace
}  // namespace pgpm::plan::detail
