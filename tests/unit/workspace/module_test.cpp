#include <gtest/gtest.h>

#include "test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {
namespace {

using testing::names_of;
using testing::rendered;
using testing::TestTree;
using Strings = std::vector<std::string>;

TestTree& with_config(TestTree& tree) {
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    return tree;
}

TEST(Module, WarnsAboutOtherControlFilesInTheFolder) {
    TestTree tree;
    with_config(tree).write_module("packages/app", "app", "plpgsql");
    tree.write("packages/app/legacy.control", "requires = 'nothing'\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/app/legacy.control: warning: ignored: the control file of module "
                       "app is packages/app/app.control"}));
    EXPECT_EQ(result.workspace.find("app")->extension_requires, (Strings{"plpgsql"}));
}

TEST(Module, ReportsAProjectThatDoesNotMatchTheControlFile) {
    TestTree tree;
    with_config(tree).write("packages/app/pgpm.plan", "%syntax-version=1.0.0\n%project= app\n");
    tree.write("packages/app/application.control", "requires = ''\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/app/pgpm.plan:2:11: error: no control file "
                       "packages/app/app.control for %project \"app\" (found "
                       "packages/app/application.control; %project must equal the control "
                       "file's name)"}));
    EXPECT_EQ(result.diagnostics[0].source_line, "%project= app");
}

TEST(Module, ReportsAMissingControlFile) {
    TestTree tree;
    with_config(tree).write("packages/app/pgpm.plan", "%project=app\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/app/pgpm.plan:1:10: error: no control file "
                       "packages/app/app.control for %project \"app\""}));
    // Still a module, so that others requiring it are not told it is an extension.
    EXPECT_EQ(names_of(result.workspace.modules), (Strings{"app"}));
}

TEST(Module, PassesPlanAndControlDiagnosticsThrough) {
    TestTree tree;
    with_config(tree).write_module("packages/app", "app", "", "a\nb [nope]\n");
    tree.write("packages/app/app.control", "requires = 'x'\nbroken line\n");
    const auto result = tree.load();
    ASSERT_EQ(result.diagnostics.size(), 2u);
    EXPECT_EQ(result.diagnostics[0].where.file, "packages/app/pgpm.plan");
    EXPECT_EQ(result.diagnostics[0].where.line, 5);
    EXPECT_EQ(result.diagnostics[0].where.column, 4);
    EXPECT_EQ(rendered(result.diagnostics)[1],
              "packages/app/app.control:2:1: error: expected `key = value`");
}

TEST(Module, DropsAPlanWithoutProject) {
    TestTree tree;
    with_config(tree).write("packages/app/pgpm.plan", "a\n");
    tree.write("packages/app/app.control", "");
    const auto result = tree.load();
    EXPECT_TRUE(has_errors(result.diagnostics));
    EXPECT_EQ(result.diagnostics[0].where.file, "packages/app/pgpm.plan");
    EXPECT_TRUE(result.workspace.modules.empty());
}

}  // namespace
}  // namespace pgpm::workspace
