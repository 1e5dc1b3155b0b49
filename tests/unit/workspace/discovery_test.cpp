#include <gtest/gtest.h>

#include "test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {
namespace {

namespace fs = std::filesystem;
using testing::names_of;
using testing::rendered;
using testing::TestTree;
using Strings = std::vector<std::string>;

std::vector<std::string> directories_of(const Workspace& workspace) {
    Strings result;
    for (const Module& module : workspace.modules)
        result.push_back(module.display_directory);
    return result;
}

TEST(Discovery, FindsModulesBelowPackageGlobsInPathOrder) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/lib", "lib");
    tree.write_module("packages/a-b", "a-b");
    tree.write_module("packages/group/x", "x");  // below a matched folder that is no module
    tree.write_module("packages/lib/fixtures/inner", "inner");  // inside a module: not searched
    tree.write_module("elsewhere/stray", "stray");

    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty()) << rendered(result.diagnostics).front();
    // Generic-string order: `-` sorts before `/`.
    EXPECT_EQ(directories_of(result.workspace),
              (Strings{"packages/a-b", "packages/group/x", "packages/lib"}));
    EXPECT_EQ(result.workspace.config_path, "pgpm.json");
    EXPECT_EQ(result.workspace.root, tree.root());
    const Module* lib = result.workspace.find("lib");
    ASSERT_NE(lib, nullptr);
    EXPECT_EQ(lib->directory, tree.path("packages/lib"));
    EXPECT_EQ(lib->plan.path, "packages/lib/pgpm.plan");
    EXPECT_EQ(lib->control.path, "packages/lib/lib.control");
    EXPECT_EQ(lib->control.default_version, "0.0.1");
    EXPECT_FALSE(lib->from_extensions_dir);
    EXPECT_EQ(result.workspace.find("stray"), nullptr);
}

TEST(Discovery, FindsInstalledModulesUnderTheExtensionsDir) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/app", "app", "base32, plpgsql");
    tree.write_module("extensions/@pgpm/base32", "base32");
    tree.write_module("extensions/plain", "plain");

    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(directories_of(result.workspace),
              (Strings{"extensions/@pgpm/base32", "extensions/plain", "packages/app"}));
    EXPECT_TRUE(result.workspace.find("base32")->from_extensions_dir);
    EXPECT_TRUE(result.workspace.find("plain")->from_extensions_dir);
    const Module* app = result.workspace.find("app");
    EXPECT_EQ(app->module_requires, (Strings{"base32"}));
    EXPECT_EQ(app->extension_requires, (Strings{"plpgsql"}));
}

TEST(Discovery, ExtensionsDirComesFromTheConfigOrTheOverride) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": [], "extensionsDir": "vendor"})");
    tree.write_module("vendor/a", "a");
    tree.write_module("other/b", "b");

    EXPECT_EQ(names_of(tree.load().workspace.modules), (Strings{"a"}));
    const auto overridden = load_workspace(tree.root(), LoadOptions{tree.root(), "other"});
    EXPECT_EQ(names_of(overridden.workspace.modules), (Strings{"b"}));
    EXPECT_TRUE(overridden.workspace.modules[0].from_extensions_dir);
}

TEST(Discovery, ReadsPgpmYaml) {
    const TestTree tree;
    tree.write("pgpm.yaml", "packages:\n  - 'packages/*'\n");
    tree.write_module("packages/app", "app");
    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.workspace.config_path, "pgpm.yaml");
    EXPECT_EQ(names_of(result.workspace.modules), (Strings{"app"}));
}

TEST(Discovery, PrefersPgpmJsonOverPgpmYaml) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write("pgpm.yaml", "packages: ['other/*']\n");
    tree.write_module("packages/app", "app");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"pgpm.yaml: warning: ignored: pgpm.json configures the workspace"}));
    EXPECT_EQ(names_of(result.workspace.modules), (Strings{"app"}));
}

TEST(Discovery, SkipsNodeModulesAndHiddenFolders) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*", "packages/**/deep"]})");
    tree.write_module("packages/tools/node_modules/dep", "dep");
    tree.write_module("packages/tools/.cache/copy", "copy");
    tree.write_module("packages/node_modules/other", "other");
    tree.write_module("packages/x/node_modules/deep", "deep");
    tree.write_module("packages/tools/src/real", "real");
    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(names_of(result.workspace.modules), (Strings{"real"}));
}

TEST(Discovery, IgnoresACExtensionFolderWithoutPlan) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write("packages/cext/cext.control", "requires = 'plpgsql'\n");
    tree.write("packages/cext/cext--1.0.sql", "select 1;\n");
    tree.write_module("packages/app", "app", "cext");
    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(names_of(result.workspace.modules), (Strings{"app"}));
    EXPECT_EQ(result.workspace.find("app")->extension_requires, (Strings{"cext"}));
}

TEST(Discovery, NamesAModuleByItsProjectNotItsFolder) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/my-folder", "app");
    const auto result = tree.load();
    EXPECT_TRUE(result.diagnostics.empty());
    ASSERT_NE(result.workspace.find("app"), nullptr);
    EXPECT_EQ(result.workspace.find("app")->display_directory, "packages/my-folder");
    EXPECT_EQ(result.workspace.find("my-folder"), nullptr);
}

TEST(Discovery, ReportsTwoModulesWithOneName) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*", "more/*"]})");
    tree.write_module("packages/app", "app");
    tree.write_module("more/app-copy", "app");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"packages/app/pgpm.plan:2:10: error: module \"app\" is defined twice: "
                       "more/app-copy and packages/app"}));
    EXPECT_EQ(result.diagnostics[0].source_line, "%project=app");
    EXPECT_EQ(result.workspace.modules.size(), 1u);
}

TEST(Discovery, PrefersAPackageModuleOverAnInstalledCopy) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*", "extensions/*"]})");
    tree.write_module("packages/base32", "base32");
    tree.write_module("extensions/@pgpm/base32", "base32");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"extensions/@pgpm/base32/pgpm.plan:2:10: warning: module \"base32\" in "
                       "packages/base32 is used; this installed copy in extensions/@pgpm/base32 "
                       "is ignored"}));
    ASSERT_EQ(result.workspace.modules.size(), 1u);
    EXPECT_EQ(result.workspace.modules[0].display_directory, "packages/base32");
    EXPECT_FALSE(has_errors(result.diagnostics));
}

TEST(Discovery, ReportsAMissingConfig) {
    const TestTree tree;
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics), (Strings{".: error: no pgpm.json or pgpm.yaml here"}));
}

TEST(Discovery, StopsAtAMalformedConfig) {
    const TestTree tree;
    tree.write("pgpm.json", "{\n  \"packages\": [\"packages/*\"],\n  \"packages\": []\n}\n");
    tree.write_module("packages/app", "app");
    const auto result = tree.load();
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"pgpm.json:3:3: error: duplicate key \"packages\" (first at 2:3)"}));
    EXPECT_TRUE(result.workspace.modules.empty());
}

TEST(Discovery, ShowsPathsRelativeToTheDisplayBase) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/app", "app");
    tree.write("packages/app/extra.control", "");
    const auto from_module =
        load_workspace(tree.root(), LoadOptions{tree.path("packages/app"), std::nullopt});
    EXPECT_EQ(rendered(from_module.diagnostics),
              (Strings{"extra.control: warning: ignored: the control file of module app is "
                       "app.control"}));
    EXPECT_EQ(from_module.workspace.config_path, "../../pgpm.json");
    EXPECT_EQ(from_module.workspace.modules[0].display_directory, ".");
    EXPECT_EQ(from_module.workspace.modules[0].plan.path, "pgpm.plan");
}

TEST(Discovery, RecordsWatchedFilesAndFolders) {
    const TestTree tree;
    tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
    tree.write_module("packages/app", "app");
    tree.write("packages/group/readme.md", "");
    const auto result = tree.load();
    EXPECT_EQ(result.workspace.watched_files,
              (std::vector<fs::path>{tree.path("packages/app/app.control"),
                                     tree.path("packages/app/pgpm.plan"), tree.path("pgpm.json")}));
    // packages/ for a new module folder, packages/group for a module created inside it, the
    // root for a new extensions/ folder.
    EXPECT_EQ(
        result.workspace.watched_directories,
        (std::vector<fs::path>{tree.root(), tree.path("packages"), tree.path("packages/group")}));
}

}  // namespace
}  // namespace pgpm::workspace
