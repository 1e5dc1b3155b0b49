// Runs pgpm must refuse before running any script: drift, a pending change planned before a
// deployed one, a conflict, a revert that would break a dependent in another module, an unknown
// --to, a revert command line that is incomplete or nobody confirmed. Each refusal leaves the
// database as it was.
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

class RefusalTest : public LifecycleTest {};

TEST_F(RefusalTest, EditedDeployedScriptIsDriftAndNothingRuns) {
    write_module("app", "", {change_line("a"), change_line("b", {"a"})});
    write_table_change("app", "a", "a");
    write_table_change("app", "b", "b");
    auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto ledger_before = rows(connection(), "SELECT * FROM pgpm_migrate.changes ORDER BY 1");
    const auto events_before = rows(connection(), "SELECT * FROM pgpm_migrate.events ORDER BY 1");

    // A deployed script edited in place, and a new change that must not run because of it.
    dir.write("packages/app/deploy/a.sql", read("packages/app/deploy/a.sql") + "-- edited\n");
    write_module("app", "", {change_line("a"), change_line("b", {"a"}), change_line("c", {"b"})});
    write_table_change("app", "c", "c");

    result = pgpm({"deploy", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/app/deploy/a.sql"));
    EXPECT_TRUE(mentions(result.err, "revert"));  // the fix: revert it or restore the file
    EXPECT_FALSE(relation_exists(connection(), "public.c"));
    EXPECT_EQ(rows(connection(), "SELECT * FROM pgpm_migrate.changes ORDER BY 1"), ledger_before);
    // Drift is a run-level failure: reported, not logged as an event.
    EXPECT_EQ(rows(connection(), "SELECT * FROM pgpm_migrate.events ORDER BY 1"), events_before);
}

TEST_F(RefusalTest, RevertBlockedByDependentInAnotherModuleRevertsNothing) {
    write_module("app", "", {change_line("users_table"), change_line("audit_log")});
    write_table_change("app", "users_table", "users_table");
    write_table_change("app", "audit_log", "audit_log");
    write_module("blog", "app", {change_line("feed_view", {"app:users_table"})});
    write_change("blog", "feed_view", "CREATE VIEW feed_view AS SELECT id FROM users_table;\n",
                 "DROP VIEW feed_view;\n", "SELECT id FROM feed_view WHERE false;\n");
    auto result = pgpm({"deploy", "blog"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    // audit_log has no dependent, but the run is refused as a whole before it starts.
    result = pgpm({"revert", "app", "--all", "--yes"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions_on_one_line(result.err, {"users_table", "feed_view"}));
    EXPECT_EQ(deployed_changes(connection(), "app"),
              (std::vector<std::string>{"users_table", "audit_log"}));
    EXPECT_EQ(deployed_changes(connection(), "blog"), std::vector<std::string>{"feed_view"});
    EXPECT_TRUE(relation_exists(connection(), "public.audit_log"));
    EXPECT_EQ(count_events(connection(), "revert", "app"), 0);
}

TEST_F(RefusalTest, UnknownToTagIsAUsageErrorListingTheModulesTags) {
    write_module(
        "app", "",
        {change_line("a"), tag_line("release-1"), change_line("b", {"a"}), tag_line("release-2")});
    write_table_change("app", "a", "a");
    write_table_change("app", "b", "b");
    for (const auto& args : {std::vector<std::string>{"deploy", "app", "--to", "@nope"},
                             std::vector<std::string>{"deploy", "app:@nope"}}) {
        const auto result = pgpm(args);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        EXPECT_TRUE(mentions(result.err, "nope"));
        EXPECT_TRUE(mentions(result.err, "release-1"));
        EXPECT_TRUE(mentions(result.err, "release-2"));
    }
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_FALSE(relation_exists(connection(), "public.a"));

    // The same for revert, with something deployed that must stay.
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    const auto result = pgpm({"revert", "app", "--to", "@nope", "--yes"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(mentions(result.err, "release-1"));
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b"}));
}

// Deployed changes must stay a prefix of the plan: a change planned before a deployed one
// cannot be deployed after it.
TEST_F(RefusalTest, PendingChangeBeforeADeployedOneIsRefusedNamingIt) {
    write_module("app", "", {change_line("a"), change_line("c", {"a"})});
    write_table_change("app", "a", "a");
    write_table_change("app", "b_inserted", "b_inserted");
    write_table_change("app", "c", "c");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    write_module("app", "", {change_line("a"), change_line("b_inserted"), change_line("c", {"a"})});

    const auto result = pgpm({"deploy", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "b_inserted"));
    EXPECT_FALSE(relation_exists(connection(), "public.b_inserted"));
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "c"}));
}

// `!change` is a conflict: deploy refuses while that change is deployed.
TEST_F(RefusalTest, ConflictingChangeDeployedIsRefused) {
    write_module("app", "", {change_line("legacy")});
    write_table_change("app", "legacy", "legacy");
    write_module("blog", "app", {change_line("modern", {"!app:legacy"})});
    write_table_change("blog", "modern", "modern");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);

    const auto result = pgpm({"deploy", "blog"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions_on_one_line(result.err, {"modern", "legacy"}));
    EXPECT_FALSE(relation_exists(connection(), "public.modern"));
    EXPECT_TRUE(deployed_changes(connection(), "blog").empty());
}

// revert --workspace must say --all: reverting "the last change" of every module is not a thing.
TEST_F(RefusalTest, RevertWorkspaceWithoutAllIsAUsageError) {
    write_module("app", "", {change_line("a")});
    write_table_change("app", "a", "a");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    const auto result = pgpm({"revert", "--workspace", "--yes"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(deployed_changes(connection(), "app"), std::vector<std::string>{"a"});
}

// The tests run pgpm without a terminal, where nobody can confirm: --yes is required.
TEST_F(RefusalTest, RevertWithoutTerminalNeedsYes) {
    write_module("app", "", {change_line("a")});
    write_table_change("app", "a", "a");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    const auto result = pgpm({"revert", "app"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(mentions(result.err, "--yes"));
    EXPECT_EQ(deployed_changes(connection(), "app"), std::vector<std::string>{"a"});
    EXPECT_TRUE(relation_exists(connection(), "public.a"));
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
