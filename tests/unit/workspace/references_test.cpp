#include <gtest/gtest.h>

#include "test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {
namespace {

using testing::rendered;
using testing::TestTree;
using Strings = std::vector<std::string>;

// base <- mid <- app, and a lone module nobody requires.
void write_chain(const TestTree& tree, const std::string& app_plan) {
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/base", "base", "plpgsql", "schema\ntable [schema]\n@v1\n");
    tree.write_module("packages/mid", "mid", "base", "view [base:table]\n");
    tree.write_module("packages/lone", "lone", "", "thing\n");
    tree.write_module("packages/app", "app", "mid", app_plan);
}

TEST(References, AllowsTransitivelyRequiredModulesAndSelfReferences) {
    const TestTree tree;
    write_chain(tree, "first [mid:view base:table base:@v1]\nsecond [app:first !lone:thing]\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics), Strings{});
}

TEST(References, ReportsAModuleThatIsNotRequired) {
    const TestTree tree;
    write_chain(tree, "first [lone:thing]\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/app/pgpm.plan:4:8: error: \"lone:thing\" refers to module "
                       "\"lone\", which app does not require (add it to requires in "
                       "packages/app/app.control)"}));
    EXPECT_EQ(result.diagnostics[0].source_line, "first [lone:thing]");
}

TEST(References, ReportsUnknownModulesChangesAndTags) {
    const TestTree tree;
    write_chain(tree, "first [nope:x base:missing]\nsecond [base:@v9 plpgsql:x]\n");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{
                  "packages/app/pgpm.plan:4:8: error: \"nope:x\" refers to unknown module \"nope\"",
                  "packages/app/pgpm.plan:4:15: error: \"base:missing\" refers to unknown change "
                  "\"missing\" in module base",
                  "packages/app/pgpm.plan:5:9: error: \"base:@v9\" refers to unknown tag \"@v9\" "
                  "in module base",
                  "packages/app/pgpm.plan:5:18: error: \"plpgsql:x\" refers to unknown module "
                  "\"plpgsql\"",
              }));
}

TEST(References, ReportsBothAMissingRequireAndAnUnknownChange) {
    const TestTree tree;
    write_chain(tree, "first [lone:other]\n");
    const auto result = tree.load();
    ASSERT_EQ(result.diagnostics.size(), 2u);
    EXPECT_EQ(result.diagnostics[1].message,
              "\"lone:other\" refers to unknown change \"other\" in module lone");
}

}  // namespace
}  // namespace pgpm::workspace
