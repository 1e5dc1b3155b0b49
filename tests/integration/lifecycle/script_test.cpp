// Scripts that are hard on the runner: a statement that refuses a transaction block, names and
// notes full of quotes and backslashes, settings a script changes for its session.
#include "ledger_test_support.hpp"
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

// app: t (a table), t_index [t] (an index built concurrently, after a comment line).
class ConcurrentIndexTest : public LifecycleTest {
protected:
    void SetUp() override {
        write_module("app", "", {change_line("t"), change_line("t_index", {"t"})});
        write_table_change("app", "t", "t");
        write_change("app", "t_index",
                     "-- built without blocking writers\n"
                     "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n",
                     "DROP INDEX CONCURRENTLY t_id_idx;\n",
                     "SELECT 1 / count(*) FROM pg_indexes WHERE indexname = 't_id_idx';\n");
    }
};

// Under the default --tx change the change runs in autocommit, statement by statement.
TEST_F(ConcurrentIndexTest, DeploysUnderTxChange) {
    const auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar(connection(),
                     "SELECT indisvalid FROM pg_index WHERE indexrelid = "
                     "to_regclass('public.t_id_idx')"),
              "t");
    EXPECT_TRUE(recorded(connection(), dir, "app", "t", {}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "t_index", {"app:t"}));
}

// A module-wide transaction cannot hold it: refused up front, located at the statement.
TEST_F(ConcurrentIndexTest, IsRefusedUnderTxModuleBeforeAnythingRuns) {
    const auto result = pgpm({"deploy", "app", "--tx", "module"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/t_index.sql:2:1"));
    EXPECT_TRUE(mentions(result.err, "t_index"));
    EXPECT_TRUE(mentions(result.err, "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n^\n"));
    EXPECT_FALSE(relation_exists(connection(), "public.t"));
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
}

class ScriptTest : public LifecycleTest {};

// Quotes reach the ledger through parameters or correct quoting, never spliced as written.
TEST_F(ScriptTest, QuotesAndBackslashesInNamesAndNotesAreStoredExactly) {
    write_module(
        "app", "",
        {change_line("o'brien_table", {}, R"(it's "quoted", C:\temp\new and \' too)"),
         tag_line("rel'1"), change_line("uses_o'brien", {"o'brien_table"}, R"(a \\ b 'c' "d")")});
    write_change("app", "o'brien_table",
                 "CREATE TABLE obrien (name text DEFAULT 'O''Brien \\ path');\n",
                 "DROP TABLE obrien;\n", "SELECT name FROM obrien WHERE false;\n");
    write_change("app", "uses_o'brien", "CREATE VIEW obrien_names AS SELECT name FROM obrien;\n",
                 "DROP VIEW obrien_names;\n", "SELECT name FROM obrien_names WHERE false;\n");

    auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(deployed_changes(connection(), "app"),
              (std::vector<std::string>{"o'brien_table", "uses_o'brien"}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "o'brien_table", {}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "uses_o'brien", {"app:o'brien_table"}));
    EXPECT_EQ(ledger_tags(connection(), "app"), std::vector<std::string>{"rel'1 o'brien_table"});

    result = pgpm({"revert", "app", "--all", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_EQ(deploy_and_revert_events(connection()),
              (std::vector<std::string>{"deploy app:o'brien_table", "deploy app:uses_o'brien",
                                        "revert app:uses_o'brien", "revert app:o'brien_table"}));
}

// sets_things changes the search path and the role; the next change, in the same session,
// must start from the session's own settings: an unqualified CREATE TABLE lands in public,
// owned by the user pgpm connected as (the scratch role may not create in public at all).
class SettingsLeakTest : public LifecycleTest {
protected:
    void run_with(const std::string& tx_mode) {
        const ledger::test::ScratchRole role;
        write_module("app", "",
                     {change_line("sets_things"), change_line("creates", {"sets_things"})});
        write_change("app", "sets_things",
                     "SET search_path TO nowhere;\nSET ROLE " + role.name() + ";\nSELECT 1;\n",
                     "SELECT 1;\n", "SELECT 1;\n");
        write_change("app", "creates", "CREATE TABLE leak_probe (id int);\n",
                     "DROP TABLE leak_probe;\n", "SELECT id FROM leak_probe WHERE false;\n");
        const auto result = pgpm({"deploy", "app", "--tx", tx_mode});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_EQ(scalar(connection(),
                         "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class "
                         "WHERE oid = to_regclass('public.leak_probe')"),
                  "t");
        EXPECT_EQ(deployed_changes(connection(), "app"),
                  (std::vector<std::string>{"sets_things", "creates"}));
    }
};

// A script that drops the session's prepared statements, the ledger's among them, in the middle
// of changes that travel together: the changes after it are still recorded.
TEST_F(ScriptTest, DeallocateInAScriptDoesNotLoseTheLedgerStatements) {
    write_module("app", "", {change_line("a"), change_line("b", {"a"}), change_line("c", {"b"})});
    write_table_change("app", "a", "a");
    write_change("app", "b", "DEALLOCATE ALL;\nCREATE TABLE b (id int);\n", "DROP TABLE b;\n",
                 "SELECT id FROM b WHERE false;\n");
    write_table_change("app", "c", "c");
    const auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "c", {"app:b"}));
}

// The results of a batch reach pgpm together, when the server's output buffer is sent, so each
// change's time in its progress line comes from the server's clock: the slow change gets its
// time, the quick one sent with it does not.
TEST_F(ScriptTest, ProgressTimesBelongToTheChangeThatTookThem) {
    write_module("app", "",
                 {change_line("a"), change_line("b", {"a"}), change_line("slow", {"b"})});
    write_table_change("app", "a", "a");
    write_table_change("app", "b", "b");
    write_change("app", "slow", "SELECT pg_sleep(1.5);\n", "SELECT 1;\n", "SELECT 1;\n");
    const auto result = pgpm({"deploy", "app", "--no-verify"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // `  deploy app:b (0.4 ms)` or `  deploy app:slow (1.50 s)`: the time in seconds.
    const auto seconds = [&](const std::string& change) {
        const std::string prefix = "deploy app:" + change + " (";
        const auto at = result.err.find(prefix);
        if (at == std::string::npos)
            return -1.0;
        const auto text = result.err.substr(at + prefix.size());
        const double value = std::stod(text);
        return text.find(" ms)") < text.find(" s)") ? value / 1000 : value;
    };
    EXPECT_GE(seconds("slow"), 1.5) << result.err;
    EXPECT_GE(seconds("b"), 0) << result.err;
    EXPECT_LT(seconds("b"), 1.5) << result.err;
}

TEST_F(SettingsLeakTest, SetDoesNotLeakIntoTheNextChangeUnderTxChange) {
    run_with("change");
}

TEST_F(SettingsLeakTest, SetDoesNotLeakIntoTheNextChangeUnderTxModule) {
    run_with("module");
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
