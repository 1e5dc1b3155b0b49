// What a run does around the modules it deploys: native extensions from the control file first,
// and the transaction scope (--tx module: each module all-or-nothing; --tx all: the whole run).
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

class ExtensionTest : public LifecycleTest {};

// earthdistance needs cube: CREATE EXTENSION ... CASCADE brings it along.
TEST_F(ExtensionTest, NativeRequiresAreCreatedWithTheirOwnDependencies) {
    if (scalar(connection(),
               "SELECT count(*) FROM pg_available_extensions "
               "WHERE name IN ('cube', 'earthdistance')") != "2")
        GTEST_SKIP() << "the server has no contrib extensions";
    write_module("app", "earthdistance", {change_line("places")});
    write_change("app", "places", "CREATE TABLE places (at earth);\n", "DROP TABLE places;\n",
                 "SELECT at FROM places WHERE false;\n");
    const auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(rows(connection(),
                   "SELECT extname FROM pg_extension "
                   "WHERE extname IN ('cube', 'earthdistance') ORDER BY 1"),
              (std::vector<std::string>{"cube", "earthdistance"}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "places", {}));
}

// A run-level failure: reported, naming the extension, but no change ran and no event is logged.
TEST_F(ExtensionTest, MissingExtensionFailsBeforeAnyChange) {
    write_module("app", "pgpm_no_such_extension", {change_line("a")});
    write_table_change("app", "a", "a");
    const auto result = pgpm({"deploy", "app"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "pgpm_no_such_extension"));
    EXPECT_FALSE(relation_exists(connection(), "public.a"));
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_TRUE(deploy_and_revert_events(connection()).empty());
}

// app: a. blog (requires app): b1, then b2, which fails.
class FailureInSecondModuleTest : public LifecycleTest {
protected:
    void SetUp() override {
        write_module("app", "", {change_line("a")});
        write_table_change("app", "a", "a");
        write_module("blog", "app", {change_line("b1", {"app:a"}), change_line("b2", {"b1"})});
        write_table_change("blog", "b1", "b1");
        write_change("blog", "b2", "SELECT * FROM missing_table;\n", "SELECT 1;\n", "SELECT 1;\n");
    }
};

TEST_F(FailureInSecondModuleTest, TxModuleKeepsTheCompletedModule) {
    const auto result = pgpm({"deploy", "blog", "--tx", "module"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/blog/deploy/b2.sql:1:15: error: "));
    EXPECT_EQ(deployed_changes(connection(), "app"), std::vector<std::string>{"a"});
    EXPECT_TRUE(relation_exists(connection(), "public.a"));
    EXPECT_TRUE(deployed_changes(connection(), "blog").empty());
    EXPECT_FALSE(relation_exists(connection(), "public.b1"));
}

TEST_F(FailureInSecondModuleTest, TxAllKeepsNothing) {
    const auto result = pgpm({"deploy", "blog", "--tx", "all"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(mentions(result.err, "packages/blog/deploy/b2.sql:1:15: error: "));
    EXPECT_TRUE(deployed_changes(connection(), "app").empty());
    EXPECT_TRUE(deployed_changes(connection(), "blog").empty());
    EXPECT_FALSE(relation_exists(connection(), "public.a"));
    EXPECT_FALSE(relation_exists(connection(), "public.b1"));
    // Only the failure outlives the rollback.
    EXPECT_EQ(deploy_and_revert_events(connection()),
              std::vector<std::string>{"deploy blog:b2 42P01"});
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
