// verify runs every deployed change's verify script, in a transaction that is always rolled
// back, and fails (exit 1) with the located SQL error of each script that fails, on drift, or
// when there is nothing deployed to verify.
#include <yaml-cpp/yaml.h>

#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

// app: a, b [a]. a's verify script also creates a table, which must not survive verify; b's
// fails on its third line (column "nope" does not exist).
class VerifyTest : public LifecycleTest {
protected:
    void SetUp() override {
        write_module("app", "", {change_line("a"), change_line("b", {"a"})});
        write_table_change("app", "a", "a");
        dir.write("packages/app/verify/a.sql",
                  "CREATE TABLE verify_side_effect ();\nSELECT id FROM a WHERE false;\n");
        write_table_change("app", "b", "b");
        dir.write("packages/app/verify/b.sql",
                  "-- Verify app:b on pg\nSELECT id,\n       nope FROM b WHERE false;\n");
    }

    void expect_located_error(const ProcessResult& result) {
        EXPECT_EQ(result.exit_code, 1) << result.err;
        EXPECT_TRUE(mentions(result.err, "packages/app/verify/b.sql:3:8: error: "));
        EXPECT_TRUE(mentions(result.err, "nope"));
        EXPECT_TRUE(mentions(result.err, "[42703]"));
    }
};

TEST_F(VerifyTest, FailingVerifyScriptExits1WithLocatedError) {
    auto result = pgpm({"deploy", "app", "--no-verify"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    result = pgpm({"verify", "app"});
    expect_located_error(result);
    EXPECT_FALSE(relation_exists(connection(), "public.verify_side_effect"));
    // The outcome is logged (the ledger is writable): b's failure with its SQLSTATE.
    EXPECT_EQ(rows(connection(),
                   "SELECT change_name, error_code FROM pgpm_migrate.events "
                   "WHERE event_type = 'verify' AND error_code IS NOT NULL"),
              std::vector<std::string>{"b 42703"});
    // verify changes no deployment.
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b"}));
}

// Verify scripts travel in batches; a failure ends its message, yet every script after it still
// runs, and each failure is reported where it is.
TEST_F(LifecycleTest, VerifyGoesOnPastEachFailingScript) {
    write_module("app", "",
                 {change_line("a"), change_line("b", {"a"}), change_line("c", {"b"}),
                  change_line("d", {"c"})});
    for (const auto* change : {"a", "b", "c", "d"})
        write_table_change("app", change, change);
    dir.write("packages/app/verify/b.sql", "SELECT nope FROM b;\n");
    dir.write("packages/app/verify/d.sql", "SELECT 1;\nSELECT 1 / 0;\n");
    ASSERT_EQ(pgpm({"deploy", "app", "--no-verify"}).exit_code, 0);

    const auto result = pgpm({"verify", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/verify/b.sql:1:8: error: "));
    EXPECT_TRUE(mentions(result.err, "packages/app/verify/d.sql:2:1: error: "));
    EXPECT_EQ(rows(connection(),
                   "SELECT change_name || ' ' || coalesce(error_code, 'ok') FROM "
                   "pgpm_migrate.events WHERE event_type = 'verify' ORDER BY event_id"),
              (std::vector<std::string>{"a ok", "b 42703", "c ok", "d 22012"}));
}

// deploy verifies the module it completed, after its changes committed: the failure is reported
// (exit 1) and the changes stay deployed.
TEST_F(VerifyTest, DeployReportsAFailingVerifyOfTheModuleItCompleted) {
    const auto result = pgpm({"deploy", "app"});
    expect_located_error(result);
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(relation_exists(connection(), "public.b"));
    EXPECT_FALSE(relation_exists(connection(), "public.verify_side_effect"));
}

// Drift is a verify failure too, reported with the file; --json is one object, version 1.
TEST_F(VerifyTest, DriftFailsVerify) {
    dir.write("packages/app/verify/b.sql", "SELECT id FROM b WHERE false;\n");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    ASSERT_EQ(pgpm({"verify", "app"}).exit_code, 0);
    dir.write("packages/app/deploy/a.sql", read("packages/app/deploy/a.sql") + "-- edited\n");

    auto result = pgpm({"verify", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/a.sql"));

    result = pgpm({"verify", "app", "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(YAML::Load(result.out)["version"].as<int>(), 1) << result.out;
}

TEST_F(VerifyTest, NothingDeployedExits1AndCreatesNoLedger) {
    const auto result = pgpm({"verify", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_FALSE(ledger_exists(connection()));
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
