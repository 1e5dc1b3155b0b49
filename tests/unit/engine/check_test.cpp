#include "engine/check.hpp"

#include <gtest/gtest.h>

#include "unit/workspace/test_tree.hpp"

namespace pgpm::engine {
namespace {

using workspace::testing::rendered;

// One module `app` with changes a and b/c, every script present and valid.
class CheckScripts : public ::testing::Test {
protected:
    void SetUp() override {
        tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
        tree.write_module(
            "packages/app", "app", "",
            "a 2024-01-01T00:00:00Z J <j@x>\n  b/c [a] 2024-01-01T00:00:00Z J <j@x>\n");
        for (const char* kind : {"deploy", "revert", "verify"}) {
            tree.write(std::string("packages/app/") + kind + "/a.sql", "SELECT 1;\n");
            tree.write(std::string("packages/app/") + kind + "/b/c.sql", "-- only a comment\n");
        }
    }

    CheckReport check() {
        loaded = tree.load();
        EXPECT_TRUE(loaded.diagnostics.empty()) << rendered(loaded.diagnostics).front();
        std::vector<const workspace::Module*> modules;
        for (const auto& module : loaded.workspace.modules)
            modules.push_back(&module);
        return check_scripts(modules, tree.root());
    }

    workspace::testing::TestTree tree;
    workspace::LoadResult loaded;
};

TEST_F(CheckScripts, ValidModuleHasNoFindings) {
    const auto report = check();
    EXPECT_TRUE(report.diagnostics.empty()) << rendered(report.diagnostics).front();
    EXPECT_TRUE(report.non_transactional.empty());
}

TEST_F(CheckScripts, MissingAndEmptyScriptsAreErrorsAtThePlanLine) {
    std::filesystem::remove(tree.path("packages/app/revert/b/c.sql"));
    tree.write("packages/app/verify/a.sql", "");
    const auto report = check();
    EXPECT_EQ(rendered(report.diagnostics),
              (std::vector<std::string>{
                  "packages/app/pgpm.plan:4:1: error: empty verify script "
                  "packages/app/verify/a.sql for change \"a\"",
                  "packages/app/pgpm.plan:5:3: error: missing revert script "
                  "packages/app/revert/b/c.sql for change \"b/c\"",
              }));
    EXPECT_EQ(report.diagnostics[1].source_line, "  b/c [a] 2024-01-01T00:00:00Z J <j@x>");
}

TEST_F(CheckScripts, StrayScriptsAreWarnings) {
    tree.write("packages/app/deploy/b/old.sql", "SELECT 1;\n");
    tree.write("packages/app/deploy/notes.txt", "not a script\n");
    const auto report = check();
    EXPECT_EQ(rendered(report.diagnostics),
              (std::vector<std::string>{"packages/app/deploy/b/old.sql: warning: deploy script "
                                        "is not named by any change of packages/app/pgpm.plan"}));
}

TEST_F(CheckScripts, SyntaxErrorIsLocatedAfterMultibyteText) {
    tree.write("packages/app/deploy/a.sql", "-- naïve ☃\nSELECT 'ö' FROMM t;\n");
    const auto report = check();
    EXPECT_EQ(rendered(report.diagnostics),
              (std::vector<std::string>{"packages/app/deploy/a.sql:2:18: error: syntax error at "
                                        "or near \"t\""}));
}

TEST_F(CheckScripts, NonTransactionalDeployIsListedAndVerifyIsRefused) {
    tree.write(
        "packages/app/deploy/a.sql",
        "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (id);\n");
    tree.write("packages/app/verify/a.sql", "VACUUM t;\n");
    const auto report = check();
    ASSERT_EQ(report.non_transactional.size(), 1u);
    EXPECT_EQ(report.non_transactional[0].change, "a");
    EXPECT_EQ(report.non_transactional[0].script_kind, "deploy");
    EXPECT_EQ(report.non_transactional[0].where.line, 4);
    EXPECT_EQ(report.non_transactional[0].statement, "IndexStmt");
    const auto lines = rendered(report.diagnostics);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].rfind("packages/app/verify/a.sql:1:1: error: ", 0), 0u) << lines[1];
}

}  // namespace
}  // namespace pgpm::engine
