#include <gtest/gtest.h>

#include "test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {
namespace {

using testing::names_of;
using testing::rendered;
using testing::TestTree;
using Strings = std::vector<std::string>;

TEST(DependencyOrder, FollowsTheOriginalsExample) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/my-first", "my-first");
    tree.write_module("packages/my-second", "my-second", "my-first");
    tree.write_module("packages/my-third", "my-third", "citext,plpgsql,pgcrypto,my-second");
    const auto result = tree.load();
    ASSERT_TRUE(result.diagnostics.empty());
    const Workspace& workspace = result.workspace;

    EXPECT_EQ(names_of(dependency_order(workspace, {"my-third"})),
              (Strings{"my-first", "my-second", "my-third"}));
    const Module* third = workspace.find("my-third");
    EXPECT_EQ(third->extension_requires, (Strings{"citext", "plpgsql", "pgcrypto"}));
    EXPECT_EQ(third->module_requires, (Strings{"my-second"}));
    EXPECT_EQ(names_of(dependency_order(workspace, {"my-second"})),
              (Strings{"my-first", "my-second"}));
}

TEST(DependencyOrder, VisitsADiamondOnceInRequiresOrder) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/a", "a", "c, b");
    tree.write_module("packages/b", "b", "d");
    tree.write_module("packages/c", "c", "d");
    tree.write_module("packages/d", "d");
    tree.write_module("packages/e", "e");
    const auto result = tree.load();
    ASSERT_TRUE(result.diagnostics.empty());

    EXPECT_EQ(names_of(dependency_order(result.workspace)), (Strings{"d", "c", "b", "a", "e"}));
    EXPECT_EQ(names_of(dependency_order(result.workspace, {"b", "a"})),
              (Strings{"d", "b", "c", "a"}));
    EXPECT_EQ(names_of(dependency_order(result.workspace, {"e", "e"})), (Strings{"e"}));
}

// Built in memory: the order depends only on the modules' requires and their path order.
Workspace chain_workspace(int size) {
    Workspace workspace;
    for (int i = 0; i < size; ++i) {
        Module module;
        module.name = "m" + std::to_string(i);
        // Each module requires the next two, so the last one must come first.
        for (int next = i + 1; next <= i + 2 && next < size; ++next) {
            module.module_requires.push_back("m" + std::to_string(next));
        }
        workspace.module_by_name.emplace(module.name, workspace.modules.size());
        workspace.modules.push_back(std::move(module));
    }
    return workspace;
}

TEST(DependencyOrder, OrdersALargeWorkspaceDependenciesFirst) {
    const Workspace workspace = chain_workspace(500);
    const auto order = dependency_order(workspace);
    ASSERT_EQ(order.size(), 500u);
    for (std::size_t i = 0; i < order.size(); ++i) {
        EXPECT_EQ(order[i]->name, "m" + std::to_string(499 - i));
    }
}

TEST(DependencyOrder, IgnoresUnknownTargets) {
    const Workspace workspace = chain_workspace(3);
    EXPECT_EQ(names_of(dependency_order(workspace, {"nope", "m1"})), (Strings{"m2", "m1"}));
}

TEST(Cycles, PrintsTheCycleAsAPathAtTheRequirementThatStartsIt) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/a", "a", "plpgsql, b");
    tree.write_module("packages/b", "b", "c");
    tree.write_module("packages/c", "c", "a");
    tree.write_module("packages/d", "d", "b");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/a/a.control:3:22: error: circular requires: a -> b -> c -> a"}));
    EXPECT_EQ(result.diagnostics[0].source_line, "requires = 'plpgsql, b'");
}

TEST(Cycles, ReportsEachCycleOnce) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/a", "a", "b");
    tree.write_module("packages/b", "b", "a");
    tree.write_module("packages/c", "c", "c");
    tree.write_module("packages/d", "d", "a, b");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{
                  "packages/a/a.control:3:13: error: circular requires: a -> b -> a",
                  "packages/c/c.control:3:13: error: circular requires: c -> c",
              }));
    // Ordering still terminates.
    EXPECT_EQ(dependency_order(result.workspace).size(), 4u);
}

}  // namespace
}  // namespace pgpm::workspace
