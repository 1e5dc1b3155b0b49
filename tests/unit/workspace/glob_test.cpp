#include "workspace/glob.hpp"

#include <gtest/gtest.h>

#include "test_tree.hpp"

namespace pgpm::workspace {
namespace {

namespace fs = std::filesystem;

TEST(GlobMatch, MatchesWildcardsWithinOneSegment) {
    EXPECT_TRUE(glob_match("*", "app"));
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("a*", "a"));
    EXPECT_TRUE(glob_match("a*p", "app"));
    EXPECT_TRUE(glob_match("*-*-x", "a-b-c-x"));
    EXPECT_FALSE(glob_match("a*q", "app"));
    EXPECT_TRUE(glob_match("@*", "@pgpm"));
    EXPECT_FALSE(glob_match("@*", "pgpm"));
    EXPECT_TRUE(glob_match("a?c", "abc"));
    EXPECT_FALSE(glob_match("a?c", "ac"));
    EXPECT_TRUE(glob_match("?", "é"));
    EXPECT_TRUE(glob_match("*é", "aé"));
    EXPECT_TRUE(glob_match("app", "app"));
    EXPECT_FALSE(glob_match("app", "apps"));
}

TEST(GlobMatch, MatchesSetsAndEscapes) {
    EXPECT_TRUE(glob_match("[ab]x", "bx"));
    EXPECT_FALSE(glob_match("[ab]x", "cx"));
    EXPECT_TRUE(glob_match("v[0-9]", "v7"));
    EXPECT_FALSE(glob_match("v[0-9]", "va"));
    EXPECT_TRUE(glob_match("[!a]*", "b"));
    EXPECT_FALSE(glob_match("[!a]*", "abc"));
    EXPECT_TRUE(glob_match("[]]", "]"));
    EXPECT_TRUE(glob_match("[ab", "[ab"));
    EXPECT_TRUE(glob_match("\\*", "*"));
    EXPECT_FALSE(glob_match("\\*", "a"));
}

TEST(ExpandGlob, MatchesFoldersSegmentBySegment) {
    const testing::TestTree tree;
    tree.make_directory("packages/app");
    tree.make_directory("packages/lib");
    tree.make_directory("packages/.hidden");
    tree.make_directory("packages/node_modules");
    tree.write("packages/readme.md", "not a folder");
    tree.make_directory("extensions/@pgpm/base32");
    tree.make_directory("extensions/@pgpm/verify");
    tree.make_directory("extensions/plain");

    auto packages = expand_glob(tree.root(), "packages/*");
    EXPECT_EQ(packages.directories,
              (std::vector<fs::path>{tree.path("packages/app"), tree.path("packages/lib")}));
    EXPECT_EQ(packages.searched_directories, (std::vector<fs::path>{tree.path("packages")}));

    auto scoped = expand_glob(tree.root(), "./extensions/@*/*/");
    EXPECT_EQ(scoped.directories, (std::vector<fs::path>{tree.path("extensions/@pgpm/base32"),
                                                         tree.path("extensions/@pgpm/verify")}));
    EXPECT_EQ(scoped.searched_directories,
              (std::vector<fs::path>{tree.path("extensions"), tree.path("extensions/@pgpm")}));

    EXPECT_EQ(expand_glob(tree.root(), "packages/.*").directories,
              (std::vector<fs::path>{tree.path("packages/.hidden")}));
}

TEST(ExpandGlob, WatchesTheParentOfAMissingLiteralFolder) {
    const testing::TestTree tree;
    const auto expansion = expand_glob(tree.root(), "packages/*");
    EXPECT_TRUE(expansion.directories.empty());
    EXPECT_EQ(expansion.searched_directories, (std::vector<fs::path>{tree.root()}));
}

TEST(ExpandGlob, DoubleStarMatchesAnyDepth) {
    const testing::TestTree tree;
    tree.make_directory("packages/a/b");
    tree.make_directory("packages/node_modules/x");
    const auto expansion = expand_glob(tree.root(), "packages/**");
    EXPECT_EQ(expansion.directories,
              (std::vector<fs::path>{tree.path("packages"), tree.path("packages/a"),
                                     tree.path("packages/a/b")}));
}

}  // namespace
}  // namespace pgpm::workspace
