// The whole life of a two-module workspace, step by step as a user walks it: deploy, status,
// verify, tag, deploy to a tag, revert to a tag, revert one change, revert everything, redeploy.
// After each step the ledger (changes, dependencies, tags, events) and the catalog must say the
// same thing as the plan.
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

// app:   schema, users [schema], @v1, posts [users], comments [posts @v1]
// blog:  feed [app:@v1], likes [feed app:posts]        (blog requires app)
// `@v1` and `app:@v1` are tag references, which the ledger stores resolved: app:users.
class WalkTest : public LifecycleTest {
protected:
    void SetUp() override {
        write_module("app", "",
                     {change_line("schema"), change_line("users", {"schema"}), tag_line("v1"),
                      change_line("posts", {"users"}), change_line("comments", {"posts", "@v1"})});
        write_change("app", "schema", "CREATE SCHEMA app;\n", "DROP SCHEMA app;\n",
                     "SELECT 1 / count(*) FROM pg_namespace WHERE nspname = 'app';\n");
        write_table_change("app", "users", "app.users");
        write_table_change("app", "posts", "app.posts");
        write_table_change("app", "comments", "app.comments");

        write_module(
            "blog", "app",
            {change_line("feed", {"app:@v1"}), change_line("likes", {"feed", "app:posts"})});
        write_table_change("blog", "feed", "public.feed");
        write_table_change("blog", "likes", "public.likes");
    }

    // The deployed changes of `package` are `changes`, in this order, each recorded with the
    // dependencies rows its plan line gives.
    void expect_recorded(const std::string& package, const std::vector<std::string>& changes) {
        const std::map<std::string, std::vector<std::string>> dependencies{
            {"app:schema", {}},           {"app:users", {"app:schema"}},
            {"app:posts", {"app:users"}}, {"app:comments", {"app:posts", "app:users"}},
            {"blog:feed", {"app:users"}}, {"blog:likes", {"app:posts", "blog:feed"}}};
        EXPECT_EQ(deployed_changes(connection(), package), changes) << package;
        for (const auto& change : changes)
            EXPECT_TRUE(recorded(connection(), dir, package, change,
                                 dependencies.at(package + ":" + change)));
    }

    void expect_tables(const std::vector<std::string>& present,
                       const std::vector<std::string>& absent) {
        for (const auto& table : present)
            EXPECT_TRUE(relation_exists(connection(), table)) << table << " should exist";
        for (const auto& table : absent)
            EXPECT_FALSE(relation_exists(connection(), table)) << table << " should not exist";
    }

    // The deploy and revert events written so far, appended to as the walk goes.
    std::vector<std::string> events;
    void expect_events(const std::vector<std::string>& added) {
        events.insert(events.end(), added.begin(), added.end());
        EXPECT_EQ(deploy_and_revert_events(connection()), events);
    }
};

// The walk under each --tx mode: --tx module and --tx all write a module's rows in one statement
// when its changes are done, which must leave the same ledger, in the same order.
class TxWalkTest : public WalkTest, public ::testing::WithParamInterface<const char*> {
protected:
    // `pgpm ARGS --tx MODE`.
    ProcessResult run(std::vector<std::string> args) const {
        args.insert(args.end(), {"--tx", GetParam()});
        return pgpm(args);
    }
};

INSTANTIATE_TEST_SUITE_P(TxModes, TxWalkTest, ::testing::Values("change", "module", "all"));

TEST_P(TxWalkTest, DeployStatusVerifyTagRevertAndRedeployKeepLedgerAndCatalogInStep) {
    // 1. deploy app: its four changes, in plan order, each recorded once.
    auto result = run({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // Progress per change on stderr, one summary line on stdout.
    for (const auto* change : {"schema", "users", "posts", "comments"})
        EXPECT_TRUE(mentions(result.err, change));
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
    expect_recorded("app", {"schema", "users", "posts", "comments"});
    expect_recorded("blog", {});
    EXPECT_EQ(ledger_tags(connection(), "app"), std::vector<std::string>{"v1 users"});
    expect_tables({"app.users", "app.posts", "app.comments"}, {"public.feed", "public.likes"});
    expect_events(
        {"deploy app:schema", "deploy app:users", "deploy app:posts", "deploy app:comments"});

    // 2. status sees what deploy wrote.
    result = pgpm({"status", "app", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto status = YAML::Load(result.out)["modules"][0];
    EXPECT_EQ(status["deployed"].as<int>(), 4);
    EXPECT_EQ(status["pending"].as<int>(), 0);
    EXPECT_EQ(status["last_change"].as<std::string>(), "comments");
    EXPECT_EQ(status["current_tag"].as<std::string>(), "v1");

    // 3. verify passes, logging one successful verify event per deployed change.
    const int verifies_before = count_events(connection(), "verify", "app");
    result = pgpm({"verify", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(count_events(connection(), "verify", "app"), verifies_before + 4);
    EXPECT_EQ(count_events(connection(), "verify", "app", true), 0);

    // 4. tag the deployed app (v2 on comments) and the not yet deployed blog (b1 on feed).
    result = pgpm_raw({"tag", "v2", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(mentions(read("packages/app/pgpm.plan"),
                         change_line("comments", {"posts", "@v1"}) + "\n@v2 "));
    result = pgpm_raw({"tag", "b1", "--change", "feed", "blog"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    // 5. deploy blog up to its new tag (the MODULE:@tag shorthand): feed only; app, already
    //    deployed, is skipped, and the tags table catches up with the tag added to app's plan.
    result = run({"deploy", "blog:@b1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {"schema", "users", "posts", "comments"});
    expect_recorded("blog", {"feed"});
    EXPECT_EQ(ledger_tags(connection(), "app"),
              (std::vector<std::string>{"v1 users", "v2 comments"}));
    EXPECT_EQ(ledger_tags(connection(), "blog"), std::vector<std::string>{"b1 feed"});
    expect_tables({"public.feed"}, {"public.likes"});
    expect_events({"deploy blog:feed"});

    // ... and the rest of blog.
    result = run({"deploy", "blog"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("blog", {"feed", "likes"});
    expect_tables({"public.feed", "public.likes"}, {});
    expect_events({"deploy blog:likes"});

    // 6. revert blog to the tag: the change after it goes, the tagged change stays.
    result = run({"revert", "blog", "--to", "@b1", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("blog", {"feed"});
    EXPECT_EQ(ledger_tags(connection(), "blog"), std::vector<std::string>{"b1 feed"});
    expect_tables({"public.feed"}, {"public.likes"});
    expect_events({"revert blog:likes"});

    // 7. revert without --to: app's last deployed change only, and its tag with it.
    result = run({"revert", "app", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {"schema", "users", "posts"});
    EXPECT_EQ(ledger_tags(connection(), "app"), std::vector<std::string>{"v1 users"});
    expect_tables({"app.users", "app.posts"}, {"app.comments"});
    expect_events({"revert app:comments"});

    // 8. revert everything: dependents (blog) first, each module in reverse plan order.
    result = run({"revert", "--workspace", "--all", "--yes"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {});
    expect_recorded("blog", {});
    EXPECT_TRUE(ledger_tags(connection(), "app").empty());
    EXPECT_TRUE(ledger_tags(connection(), "blog").empty());
    expect_tables({}, {"app.users", "app.posts", "public.feed"});
    EXPECT_EQ(scalar(connection(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"), "0");
    expect_events(
        {"revert blog:feed", "revert app:posts", "revert app:users", "revert app:schema"});

    // 9. redeploy the workspace: the same rows as before (change_id depends only on the plan
    //    and the files), module by module in dependency order.
    result = run({"deploy", "--workspace"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {"schema", "users", "posts", "comments"});
    expect_recorded("blog", {"feed", "likes"});
    EXPECT_EQ(ledger_tags(connection(), "app"),
              (std::vector<std::string>{"v1 users", "v2 comments"}));
    EXPECT_EQ(ledger_tags(connection(), "blog"), std::vector<std::string>{"b1 feed"});
    expect_tables({"app.users", "app.posts", "app.comments", "public.feed", "public.likes"}, {});
    expect_events({"deploy app:schema", "deploy app:users", "deploy app:posts",
                   "deploy app:comments", "deploy blog:feed", "deploy blog:likes"});
    // `packages` rows are never deleted, one per module.
    EXPECT_EQ(rows(connection(), "SELECT package FROM pgpm_migrate.packages ORDER BY package"),
              (std::vector<std::string>{"app", "blog"}));
}

// --to names a change as well as a tag, and MODULE:CHANGE is its shorthand; the change is
// included, and a module left partly deployed this way is not verified.
TEST_F(WalkTest, ToAChangeDeploysUpToAndIncludingIt) {
    auto result = pgpm({"deploy", "app", "--to", "schema"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {"schema"});

    result = pgpm({"deploy", "app:posts"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_recorded("app", {"schema", "users", "posts"});
    expect_tables({"app.users", "app.posts"}, {"app.comments"});
    EXPECT_EQ(ledger_tags(connection(), "app"), std::vector<std::string>{"v1 users"});
    EXPECT_EQ(count_events(connection(), "verify", "app"), 0);
}

// --dry-run lists every change a deploy of blog would run (app's first) and runs none: it
// creates no ledger and no table.
TEST_F(WalkTest, DryRunListsWhatWouldRunAndChangesNothing) {
    const auto result = pgpm({"deploy", "blog", "--dry-run"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const auto* change : {"schema", "users", "posts", "comments", "feed", "likes"})
        EXPECT_TRUE(mentions(result.out + result.err, change));
    EXPECT_FALSE(ledger_exists(connection()));
    EXPECT_FALSE(relation_exists(connection(), "public.feed"));
    EXPECT_EQ(scalar(connection(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"), "0");
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
