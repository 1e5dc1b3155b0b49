#include <gtest/gtest.h>

#include "test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {
namespace {

using testing::names_of;
using testing::rendered;
using testing::TestTree;
using Strings = std::vector<std::string>;

TEST(Roots, FindTheNearestAncestorHoldingTheFile) {
    const TestTree tree;
    tree.write("pgpm.yaml", "packages: []\n");
    tree.write_module("packages/app", "app");
    tree.make_directory("packages/app/deploy/schemas");

    EXPECT_EQ(find_workspace_root(tree.path("packages/app/deploy/schemas")), tree.root());
    EXPECT_EQ(find_workspace_root(tree.root()), tree.root());
    EXPECT_EQ(find_module_root(tree.path("packages/app/deploy/schemas/")),
              tree.path("packages/app"));
    EXPECT_EQ(find_module_root(tree.path("packages/app")), tree.path("packages/app"));
    EXPECT_EQ(find_module_root(tree.path("packages")), std::nullopt);
}

TEST(StandaloneModule, TreatsEveryRequirementAsAnExtension) {
    const TestTree tree;
    tree.write_module("app", "app", "plpgsql, other", "a [other:x]\nb [third:y]\n");
    const auto result =
        load_standalone_module(tree.path("app"), LoadOptions{tree.root(), std::nullopt});
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"app/pgpm.plan:5:4: error: \"third:y\" refers to module \"third\", which "
                       "app does not require (add it to requires in app/app.control)"}));
    ASSERT_EQ(result.workspace.modules.size(), 1u);
    const Module* app = result.workspace.find("app");
    ASSERT_NE(app, nullptr);
    EXPECT_EQ(app->extension_requires, (Strings{"plpgsql", "other"}));
    EXPECT_TRUE(app->module_requires.empty());
    EXPECT_EQ(result.workspace.root, tree.path("app"));
    EXPECT_EQ(names_of(dependency_order(result.workspace)), (Strings{"app"}));
}

TEST(StandaloneModule, ReportsAFolderWithoutPlan) {
    const TestTree tree;
    const auto result = load_standalone_module(tree.root(), LoadOptions{tree.root(), std::nullopt});
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].where.file, "pgpm.plan");
    EXPECT_TRUE(result.workspace.modules.empty());
}

}  // namespace
}  // namespace pgpm::workspace
