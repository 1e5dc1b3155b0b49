// What revert says about the changes it reverts: a drifted one is still reverted (the revert
// script does not depend on the deploy file) with a warning, and a change whose verify script
// still passes afterwards was probably not reverted, which is worth a warning too.
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

class RevertTest : public LifecycleTest {};

TEST_F(RevertTest, DriftedChangeIsRevertedWithAWarning) {
    write_module("app", "", {change_line("a")});
    write_table_change("app", "a", "a");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    dir.write("packages/app/deploy/a.sql", read("packages/app/deploy/a.sql") + "-- edited\n");

    const auto result = pgpm({"revert", "app", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(mentions_on_one_line(result.err, {"packages/app/deploy/a.sql", "warning:"}));
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_FALSE(relation_exists(connection(), "public.a"));
}

// Only the changes to revert are hashed: a drifted change that stays deployed is deploy's concern.
TEST_F(RevertTest, DriftOfAChangeThatStaysIsNotReported) {
    write_module("app", "", {change_line("a"), change_line("b", {"a"})});
    write_table_change("app", "a", "a");
    write_table_change("app", "b", "b");
    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    dir.write("packages/app/deploy/a.sql", read("packages/app/deploy/a.sql") + "-- edited\n");

    const auto result = pgpm({"revert", "app", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err.find("warning:"), std::string::npos) << result.err;
    EXPECT_EQ(deployed_changes(connection(), "app"), std::vector<std::string>{"a"});
}

// `noop`'s revert script leaves its table in place, so its verify script still passes.
TEST_F(RevertTest, VerifyStillPassingAfterRevertWarnsUnlessNoVerify) {
    write_module("app", "", {change_line("noop")});
    write_change("app", "noop", "CREATE TABLE IF NOT EXISTS noop (id int);\n", "SELECT 1;\n",
                 "SELECT id FROM noop WHERE false;\n");

    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    const int verify_events = count_events(connection(), "verify", "app");
    auto result = pgpm({"revert", "app", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(mentions_on_one_line(result.err, {"warning:", "noop"}));
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    // The verify a revert runs to confirm itself is not logged.
    EXPECT_EQ(count_events(connection(), "verify", "app"), verify_events);

    ASSERT_EQ(pgpm({"deploy", "app"}).exit_code, 0);
    result = pgpm({"revert", "app", "--yes", "--no-verify"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err.find("warning:"), std::string::npos) << result.err;
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
