// read_ledger: one snapshot per run; a missing ledger is empty and stays missing.
#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "ledger/record.hpp"
#include "ledger/schema.hpp"
#include "ledger_test_support.hpp"
#include "test_server.hpp"

namespace pgpm::ledger {
namespace {

using db::test::ScratchDatabase;
using test::scalar;

TEST(LedgerRead, AbsentLedgerIsEmptyAndNotCreated) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    EXPECT_EQ(snapshot->shape().state, LedgerState::absent);
    EXPECT_TRUE(snapshot->packages().empty());
    EXPECT_FALSE(snapshot->is_deployed("my-first", "schema_myfirstapp"));
    EXPECT_TRUE(snapshot->deployed_changes("my-first").empty());
    EXPECT_TRUE(snapshot->dependents_of("my-first", "schema_myfirstapp").empty());
    EXPECT_EQ(
        scalar(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpm_migrate'"),
        "0");
}

TEST(LedgerRead, SchemaWithoutTablesIsAbsent) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_TRUE(connection.exec("CREATE SCHEMA pgpm_migrate"));
    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    EXPECT_EQ(snapshot->shape().state, LedgerState::absent);
    EXPECT_TRUE(snapshot->shape().schema_exists);

    auto ensured = ensure_ledger(connection);
    ASSERT_TRUE(ensured) << ensured.error().message;
    EXPECT_EQ(ensured->shape.state, LedgerState::current);
}

TEST(LedgerRead, EmptyLedgerReadsEmpty) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_TRUE(ensure_ledger(connection));
    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    EXPECT_EQ(snapshot->shape().state, LedgerState::current);
    EXPECT_TRUE(snapshot->packages().empty());
}

TEST(LedgerRead, TimestampsAreUtcWhateverTheSessionTimeZone) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_TRUE(ensure_ledger(connection));
    ASSERT_TRUE(record_deploy(connection, "p", "a", "hash-a", {}));
    ASSERT_TRUE(connection.exec("SET TimeZone = 'Asia/Kolkata'"));
    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    const auto* change = snapshot->find("p", "a");
    ASSERT_NE(change, nullptr);
    const auto expected = scalar(
        connection,
        "SELECT to_char(deployed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
        "FROM pgpm_migrate.changes");
    EXPECT_EQ(change->deployed_at, expected);
    EXPECT_EQ(change->deployed_at.size(), std::string("2024-01-02T03:04:05.123456Z").size());
    EXPECT_TRUE(change->deployed_at.ends_with("Z"));
}

}  // namespace
}  // namespace pgpm::ledger
