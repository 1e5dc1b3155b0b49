// `test-packages --full-cycle`: deploy, verify, revert, prove the catalog unchanged, deploy and
// verify again, each module in a fresh database; a module that breaks a phase fails in it, with
// what went wrong named.
#include "test_packages_support.hpp"

namespace pgpm::testing::test_packages {
namespace {

using FullCycleTest = TestPackagesTest;

TEST_F(FullCycleTest, CleanWorkspacePassesAndDropsItsDatabases) {
    write_table_module("a");
    write_table_module("b", "a");
    write_table_module("c", "b");

    const auto result = test_packages({"--workspace", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(sorted(results(result.out)), (std::vector<std::string>{"PASS a", "PASS b", "PASS c"}))
        << result.out;
    for (const auto* module : {"a", "b", "c"}) {
        EXPECT_EQ(database_of(result.out, module), prefix() + module) << result.out;
        EXPECT_TRUE(failed_phases(result.out, module).empty()) << result.out;
    }
    // Every phase of the full cycle ran for c, whose dependencies were deployed first.
    for (const auto* phase : {": dependencies ", ", snapshot ", ", deploy ", ", verify ",
                              ", revert ", ", catalog ", ", redeploy ", ", reverify "})
        EXPECT_TRUE(mentions(result_line(result.out, "c"), phase));
    EXPECT_EQ(last_line(result.out), "3 passed, 0 failed") << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(FullCycleTest, RevertLeavingATableBehindFailsInCatalog) {
    write_module("leaky", "",
                 {{"tables",
                   {},
                   "CREATE TABLE kept (id int);\nCREATE TABLE leftover (id int);\n",
                   "DROP TABLE kept;\n",
                   "SELECT id FROM kept WHERE false;\n"}});

    const auto result = test_packages({"leaky", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"FAIL leaky"}) << result.out;
    EXPECT_EQ(failed_phases(result.out, "leaky"), std::vector<std::string>{"catalog"})
        << result.out;
    EXPECT_TRUE(mentions_on_one_line(result.out, {"leftover", "left behind"}));
    // The table that was reverted is no difference.
    EXPECT_FALSE(mentions_on_one_line(result.out, {"kept", "left behind"}));
    EXPECT_EQ(last_line(result.out), "0 passed, 1 failed") << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(FullCycleTest, RevertDroppingADependencysTableFailsInCatalog) {
    write_table_module("base");
    write_module("greedy", "base",
                 {{"own",
                   {},
                   "CREATE TABLE own (id int);\n",
                   "DROP TABLE own;\nDROP TABLE base_t;\n",
                   "SELECT id FROM own WHERE false;\n"}});

    const auto result = test_packages({"greedy", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"FAIL greedy"}) << result.out;
    EXPECT_EQ(failed_phases(result.out, "greedy"), std::vector<std::string>{"catalog"})
        << result.out;
    EXPECT_TRUE(mentions_on_one_line(result.out, {"base_t", "missing"}));
    EXPECT_EQ(last_line(result.out), "0 passed, 1 failed") << result.out;
}

TEST_F(FullCycleTest, BrokenVerifyFailsInVerifyWithTheErrorLocated) {
    write_module("checked", "",
                 {{"things",
                   {},
                   "CREATE TABLE things (id int);\n",
                   "DROP TABLE things;\n",
                   "-- Verify checked:things\n\nSELECT id\n  FROM no_such_table;\n"}});

    const auto result = test_packages({"checked", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"FAIL checked"}) << result.out;
    EXPECT_EQ(failed_phases(result.out, "checked"), std::vector<std::string>{"verify"})
        << result.out;
    // Line 4, column 8: where no_such_table starts.
    EXPECT_TRUE(mentions_on_one_line(
        result.out, {"packages/checked/verify/things.sql:4:8: error:", "no_such_table"}));
    EXPECT_TRUE(mentions(result.out, "42P01"));
    EXPECT_EQ(last_line(result.out), "0 passed, 1 failed") << result.out;
}

// The first deploy works; its revert forgets a row (data, which the catalog proof does not
// compare), so the second deploy hits the primary key.
TEST_F(FullCycleTest, RevertThatIsNotAnInverseFailsInRedeploy) {
    write_module("registry", "",
                 {{"registry",
                   {},
                   "CREATE TABLE registry (name text PRIMARY KEY);\n",
                   "DROP TABLE registry;\n",
                   "SELECT name FROM registry WHERE false;\n"}});
    write_module("member", "registry",
                 {{"join",
                   {},
                   "INSERT INTO registry VALUES ('member');\n",
                   "-- Revert member:join (forgets to delete the row)\nSELECT 1;\n",
                   "SELECT 1 / count(*) FROM registry WHERE name = 'member';\n"}});

    const auto result = test_packages({"member", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"FAIL member"}) << result.out;
    EXPECT_EQ(failed_phases(result.out, "member"), std::vector<std::string>{"redeploy"})
        << result.out;
    EXPECT_TRUE(mentions_on_one_line(result.out, {"packages/member/deploy/join.sql:1:", "23505"}));
    EXPECT_EQ(last_line(result.out), "0 passed, 1 failed") << result.out;
}

// Without --full-cycle only the dependencies and the module are deployed.
TEST_F(FullCycleTest, WithoutFullCycleOnlyDeploys) {
    write_table_module("base");
    write_module("member", "base",
                 {{"m",
                   {},
                   "CREATE TABLE m (id int);\n",
                   "SELECT 1;\n",
                   "SELECT no_such_column FROM m;\n"}});

    const auto result = test_packages({"member"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"PASS member"}) << result.out;
    const auto line = result_line(result.out, "member");
    EXPECT_TRUE(mentions(line, ": dependencies "));
    EXPECT_TRUE(mentions(line, ", deploy "));
    EXPECT_FALSE(mentions(line, "verify "));
    EXPECT_FALSE(mentions(line, "revert "));
    EXPECT_EQ(last_line(result.out), "1 passed, 0 failed") << result.out;
}

}  // namespace
}  // namespace pgpm::testing::test_packages
