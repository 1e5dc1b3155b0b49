// A deploy script the server rejects: where the error is reported (FILE:LINE:COL in code points,
// the source line and a caret, the SQLSTATE), what the ledger keeps (a failure event, never a
// half-written change) and which earlier changes stay deployed under each --tx mode.
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

// Multibyte text before the error on its line: the error is at code point 40, byte 43.
constexpr auto kFailingLine = "SELECT 'café ünïcode' AS label, * FROM missing_table;";
constexpr int kFailingColumn = 40;

// app: a, b, c, d, e, each requiring the one before; c fails on its third line. The five travel
// in one message: a and b, before c in it, hold multibyte text too, which the error's position
// (counted by the server over the whole message) must not be thrown off by.
class FailingThirdChangeTest : public LifecycleTest {
protected:
    void SetUp() override {
        write_module("app", "",
                     {change_line("a"), change_line("b", {"a"}), change_line("c", {"b"}),
                      change_line("d", {"c"}), change_line("e", {"d"})});
        for (const auto* change : {"a", "b"}) {
            write_change("app", change,
                         std::string("-- Déploiement « ") + change + " » ✓\nCREATE TABLE " +
                             change + " (id int);\n",
                         std::string("DROP TABLE ") + change + ";\n",
                         std::string("SELECT id FROM ") + change + " WHERE false;\n");
        }
        for (const auto* change : {"d", "e"})
            write_table_change("app", change, change);
        write_change("app", "c",
                     "-- Deploy app:c, crème brûlée\nCREATE TABLE c (id int);\n" +
                         std::string(kFailingLine) + "\n",
                     "DROP TABLE c;\n", "SELECT id FROM c WHERE false;\n");
    }

    void expect_located_error(const ProcessResult& result) {
        EXPECT_EQ(result.exit_code, 1) << result.err;
        EXPECT_TRUE(mentions(result.err, "packages/app/deploy/c.sql:3:" +
                                             std::to_string(kFailingColumn) + ": error: "));
        EXPECT_TRUE(mentions(result.err, "missing_table"));
        EXPECT_TRUE(mentions(result.err, "[42P01]"));
        // The source line, then the caret under `missing_table` (one space per code point).
        EXPECT_TRUE(mentions(result.err, std::string(kFailingLine) + "\n" +
                                             std::string(kFailingColumn - 1, ' ') + "^\n"));
    }

    // The failure is an event that outlived the rollback; c itself left no trace in the ledger.
    void expect_failure_logged_but_not_recorded() {
        EXPECT_EQ(rows(connection(),
                       "SELECT error_code, error_message LIKE '%missing_table%' "
                       "FROM pgpm_migrate.events WHERE package = 'app' AND change_name = 'c'"),
                  std::vector<std::string>{"42P01 t"});
        EXPECT_EQ(scalar(connection(),
                         "SELECT count(*) FROM pgpm_migrate.changes WHERE change_name = 'c'"),
                  "0");
        EXPECT_EQ(scalar(connection(),
                         "SELECT count(*) FROM pgpm_migrate.dependencies d WHERE NOT EXISTS "
                         "(SELECT FROM pgpm_migrate.changes c WHERE c.change_id = d.change_id)"),
                  "0");
        EXPECT_FALSE(relation_exists(connection(), "public.c"));
        EXPECT_FALSE(relation_exists(connection(), "public.d"));
    }
};

TEST_F(FailingThirdChangeTest, TxChangeKeepsTheChangesBeforeTheFailingOne) {
    const auto result = pgpm({"deploy", "app", "--tx", "change"});
    expect_located_error(result);
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "a", {}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "b", {"app:a"}));
    EXPECT_TRUE(relation_exists(connection(), "public.a"));
    EXPECT_TRUE(relation_exists(connection(), "public.b"));
    expect_failure_logged_but_not_recorded();
    EXPECT_EQ(deploy_and_revert_events(connection()),
              (std::vector<std::string>{"deploy app:a", "deploy app:b", "deploy app:c 42P01"}));
}

TEST_F(FailingThirdChangeTest, TxModuleKeepsNothingOfTheModule) {
    const auto result = pgpm({"deploy", "app", "--tx", "module"});
    expect_located_error(result);
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_FALSE(relation_exists(connection(), "public.a"));
    EXPECT_FALSE(relation_exists(connection(), "public.b"));
    expect_failure_logged_but_not_recorded();
    // The success events of a and b rolled back with their changes.
    EXPECT_EQ(deploy_and_revert_events(connection()),
              std::vector<std::string>{"deploy app:c 42P01"});
}

class SqlErrorTest : public LifecycleTest {};

// A unique violation carries no position: the error is placed at the first token of the
// statement that failed, which pgpm knows from the statements that completed before it, here
// behind a change that went in the same message.
TEST_F(SqlErrorTest, ErrorWithoutServerPositionPointsAtTheFailingStatement) {
    write_module("app", "", {change_line("first"), change_line("keys", {"first"})});
    write_table_change("app", "first", "first");
    write_change("app", "keys",
                 "CREATE TABLE keys (id int PRIMARY KEY);\n"
                 "-- the same key twice in one statement\n"
                 "   INSERT INTO keys VALUES (1),\n"
                 "                           (1);\n",
                 "DROP TABLE keys;\n", "SELECT id FROM keys WHERE false;\n");
    const auto result = pgpm({"deploy", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/keys.sql:3:4: error: "));
    EXPECT_TRUE(mentions(result.err, "[23505]"));
    EXPECT_TRUE(mentions(result.err, "   INSERT INTO keys VALUES (1),\n   ^\n"));
    EXPECT_TRUE(mentions(result.err, "DETAIL: Key (id)=(1) already exists."));
    EXPECT_EQ(deploy_and_revert_events(connection()),
              (std::vector<std::string>{"deploy app:first", "deploy app:keys 23505"}));
    EXPECT_FALSE(relation_exists(connection(), "public.keys"));
}

// Changes go to the server in batches, one message each; a failure in a later batch keeps every
// change before it, in this batch and the earlier ones, and runs none after it.
TEST_F(SqlErrorTest, FailureInALaterBatchKeepsEveryChangeBeforeIt) {
    constexpr int kChanges = 300;
    constexpr int kFailing = 250;
    std::vector<std::string> plan;
    std::vector<std::string> expected;
    for (int i = 1; i <= kChanges; ++i) {
        const auto name = "t" + std::to_string(i);
        plan.push_back(i == 1 ? change_line(name)
                              : change_line(name, {"t" + std::to_string(i - 1)}));
        if (i == kFailing) {
            write_change("app", name,
                         "CREATE TABLE " + name + " (id int);\nSELECT * FROM nowhere;\n",
                         "SELECT 1;\n", "SELECT 1;\n");
        } else {
            write_table_change("app", name, name);
        }
        if (i < kFailing)
            expected.push_back(name);
    }
    write_module("app", "", plan);
    const auto result = pgpm({"deploy", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/t250.sql:2:15: error: "));
    EXPECT_TRUE(
        mentions(result.err, "the 249 change(s) this run finished before it stay deployed"));
    EXPECT_EQ(deployed_changes(connection(), "app"), expected);
    EXPECT_EQ(count_events(connection(), "deploy", "app"), kFailing);
    EXPECT_EQ(count_events(connection(), "deploy", "app", true), 1);
    EXPECT_TRUE(relation_exists(connection(), "public.t249"));
    EXPECT_FALSE(relation_exists(connection(), "public.t250"));
    EXPECT_FALSE(relation_exists(connection(), "public.t251"));
    // Every change that ran got its progress line.
    for (const auto* change : {"app:t1 ", "app:t128 ", "app:t129 ", "app:t249 "})
        EXPECT_TRUE(mentions(result.err, std::string("deploy ") + change));
}

// Under SQL_ASCII the server counts the error's position in bytes; the column is still in code
// points of the file.
TEST_F(SqlErrorTest, SqlAsciiDatabaseStillGetsTheColumnInCodePoints) {
    const auto ascii = database.name() + "_ascii";
    auto maintenance = db::test::connect("postgres");
    ASSERT_TRUE(maintenance.exec("CREATE DATABASE " + ascii +
                                 " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' "
                                 "TEMPLATE template0"));
    write_module("app", "", {change_line("c")});
    write_change("app", "c", "-- crème\n" + std::string(kFailingLine) + "\n", "SELECT 1;\n",
                 "SELECT 1;\n");
    const auto result = pgpm_raw({"-d", ascii, "deploy", "app"});
    (void)maintenance.exec("DROP DATABASE " + ascii + " WITH (FORCE)");
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(
        result.err, "packages/app/deploy/c.sql:2:" + std::to_string(kFailingColumn) + ": error: "))
        << result.err;
}

// The roles `admin-users bootstrap` creates are cluster-wide, so their absence is shown on a
// throw-away server of the test's own rather than by dropping them from the shared one.
TEST_F(SqlErrorTest, MissingBootstrapRoleHintsAtAdminUsersBootstrap) {
    write_module("app", "", {change_line("profiles")});
    write_change("app", "profiles",
                 "CREATE TABLE profiles (id int);\n"
                 "GRANT SELECT ON profiles TO authenticated;\n",
                 "DROP TABLE profiles;\n", "SELECT id FROM profiles WHERE false;\n");
    const auto result = pgpm_raw({"--ephemeral", "deploy", "app"}, {{"PGPM_SERVER_DIR", ""}});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/profiles.sql:2:"));
    EXPECT_TRUE(mentions(result.err, "authenticated"));
    EXPECT_TRUE(mentions(result.err, "[42704]"));
    EXPECT_TRUE(mentions(result.err, "admin-users bootstrap"));
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
