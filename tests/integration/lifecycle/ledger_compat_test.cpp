// A ledger the original pgpm created and wrote: pgpm reads its rows (a change it recorded is not
// deployed again) and adds our parts to it without touching what is there.
#include "ledger/hash.hpp"
#include "ledger_test_support.hpp"
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

class LedgerCompatTest : public LifecycleTest {};

TEST_F(LedgerCompatTest, OriginalLedgerIsReadAndExtended) {
    write_module("app", "", {change_line("a"), tag_line("v1"), change_line("b", {"a"})});
    write_table_change("app", "a", "a");
    write_table_change("app", "b", "b");

    // The original's tables (with its unique(package, script_hash)), and `a` deployed by it:
    // the script run, then its rows, without any of our columns.
    auto created = connection().exec(ledger::test::kOriginalLedgerDdl);
    ASSERT_TRUE(created) << created.error().message;
    const auto deploy_a = read("packages/app/deploy/a.sql");
    auto ran = connection().exec(deploy_a);
    ASSERT_TRUE(ran) << ran.error().message;
    const auto hash_a = ledger::script_hash(deploy_a);
    const auto id_a = ledger::change_id("app", "a", hash_a);
    rows(connection(), "INSERT INTO pgpm_migrate.packages (package) VALUES ('app')");
    rows(connection(),
         "INSERT INTO pgpm_migrate.changes (change_id, change_name, package, script_hash) "
         "VALUES ($1, 'a', 'app', $2)",
         {id_a, hash_a});
    rows(connection(),
         "INSERT INTO pgpm_migrate.events (event_type, change_name, package) "
         "VALUES ('deploy', 'a', 'app')");

    const auto result = pgpm({"deploy", "app"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    // a was skipped (had it run again, CREATE TABLE a would have failed), b was deployed.
    EXPECT_EQ(deployed_changes(connection(), "app"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(deploy_and_revert_events(connection()),
              (std::vector<std::string>{"deploy app:a", "deploy app:b"}));
    EXPECT_TRUE(recorded(connection(), dir, "app", "b", {"app:a"}));
    // The original's row is kept as written: our column is NULL (unknown) for it.
    EXPECT_EQ(scalar(connection(),
                     "SELECT change_id || ' ' || script_hash || ' ' || (deployed_by IS NULL) "
                     "FROM pgpm_migrate.changes WHERE change_name = 'a'"),
              id_a + " " + hash_a + " true");

    // Extended: our columns and the tags table, which now holds the deployed tag.
    EXPECT_EQ(rows(connection(),
                   "SELECT table_name || '.' || column_name FROM information_schema.columns "
                   "WHERE table_schema = 'pgpm_migrate' AND column_name IN "
                   "('deployed_by', 'performed_by') ORDER BY 1"),
              (std::vector<std::string>{"changes.deployed_by", "events.performed_by"}));
    EXPECT_EQ(ledger_tags(connection(), "app"), std::vector<std::string>{"v1 a"});
    // ... and nothing of the original's taken away.
    EXPECT_EQ(scalar(connection(),
                     "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                     "'pgpm_migrate.changes'::regclass AND contype = 'u' AND "
                     "pg_get_constraintdef(oid) = 'UNIQUE (package, script_hash)'"),
              "1");
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
