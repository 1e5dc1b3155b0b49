// ensure_ledger: creates the original's tables plus ours, upgrades an original ledger in place,
// and goes on without our parts when it may not add them.
#include <gtest/gtest.h>

#include <algorithm>

#include "ledger/ledger.hpp"
#include "ledger/record.hpp"
#include "ledger/schema.hpp"
#include "ledger_test_support.hpp"
#include "test_server.hpp"

namespace pgpm::ledger {
namespace {

using db::test::ScratchDatabase;
using test::column;
using test::ledger_columns;
using test::ledger_constraints;
using test::scalar;

const std::vector<std::string> kExpectedColumns = {
    "changes.change_id text not null",
    "changes.change_name text not null",
    "changes.package text not null",
    "changes.script_hash text not null",
    "changes.deployed_at timestamp with time zone not null default clock_timestamp()",
    "changes.deployed_by text default CURRENT_USER",
    "dependencies.change_id text not null",
    "dependencies.requires text not null",
    "events.event_id integer not null default "
    "nextval('pgpm_migrate.events_event_id_seq'::regclass)",
    "events.event_type text not null",
    "events.change_name text not null",
    "events.package text not null",
    "events.occurred_at timestamp with time zone not null default clock_timestamp()",
    "events.error_message text",
    "events.error_code text",
    "events.performed_by text default CURRENT_USER",
    "packages.package text not null",
    "packages.created_at timestamp with time zone not null default clock_timestamp()",
    "tags.package text not null",
    "tags.tag_name text not null",
    "tags.change_name text",
    "tags.tagged_at timestamp with time zone default clock_timestamp()",
    "tags.tagged_by text default CURRENT_USER",
};

const std::vector<std::string> kExpectedConstraints = {
    "changes changes_package_change_name_key UNIQUE (package, change_name)",
    "changes changes_package_fkey FOREIGN KEY (package) REFERENCES pgpm_migrate.packages(package)",
    "changes changes_pkey PRIMARY KEY (change_id)",
    "dependencies dependencies_change_id_fkey FOREIGN KEY (change_id) REFERENCES "
    "pgpm_migrate.changes(change_id) ON DELETE CASCADE",
    "dependencies dependencies_pkey PRIMARY KEY (change_id, requires)",
    "events events_event_type_check CHECK ((event_type = ANY (ARRAY['deploy'::text, "
    "'revert'::text, 'verify'::text])))",
    "events events_pkey PRIMARY KEY (event_id)",
    "packages packages_pkey PRIMARY KEY (package)",
    "tags tags_pkey PRIMARY KEY (package, tag_name)",
};

const std::string kOriginalUniqueHash =
    "changes changes_package_script_hash_key UNIQUE (package, script_hash)";

TEST(LedgerSchema, DetectsAnAbsentLedger) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto shape = detect_ledger(connection);
    ASSERT_TRUE(shape) << shape.error().message;
    EXPECT_EQ(shape->state, LedgerState::absent);
    EXPECT_FALSE(shape->schema_exists);
}

TEST(LedgerSchema, CreatesTheOriginalTablesAndOurs) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto ensured = ensure_ledger(connection);
    ASSERT_TRUE(ensured) << ensured.error().message;
    EXPECT_FALSE(ensured->warning);
    EXPECT_EQ(ensured->shape.state, LedgerState::current);
    EXPECT_EQ(ledger_columns(connection), kExpectedColumns);
    EXPECT_EQ(ledger_constraints(connection), kExpectedConstraints);
    EXPECT_FALSE(connection.in_transaction());

    auto detected = detect_ledger(connection);
    ASSERT_TRUE(detected);
    EXPECT_EQ(detected->state, LedgerState::current);
    EXPECT_TRUE(detected->changes_deployed_by && detected->events_performed_by &&
                detected->tags_table);
}

TEST(LedgerSchema, SecondEnsureChangesNothing) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_TRUE(ensure_ledger(connection));
    ASSERT_TRUE(record_deploy(connection, "p", "a", "hash-a", {}));
    auto again = ensure_ledger(connection);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_FALSE(again->warning);
    EXPECT_EQ(again->shape.state, LedgerState::current);
    EXPECT_EQ(ledger_columns(connection), kExpectedColumns);
    EXPECT_EQ(ledger_constraints(connection), kExpectedConstraints);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM pgpm_migrate.changes"), "1");
}

// An original ledger with a row its pgpm wrote (via its deploy procedure's inserts).
void create_original_ledger(db::Connection& connection) {
    ASSERT_TRUE(connection.exec(test::kOriginalLedgerDdl));
    ASSERT_TRUE(connection.exec(R"sql(
INSERT INTO pgpm_migrate.packages (package) VALUES ('my-first');
INSERT INTO pgpm_migrate.changes (change_id, change_name, package, script_hash) VALUES
  ('cd8029f2c740de39ded9ae18499d407b8525de639c10d749c5be7673c3e97c2b', 'schema_myfirstapp',
   'my-first', '30b71bf5373e0ad12209d29dadd713a34f6d962fcf6c80bee9ea4d9911fdd621');
INSERT INTO pgpm_migrate.events (event_type, change_name, package)
  VALUES ('deploy', 'schema_myfirstapp', 'my-first');
)sql"));
}

TEST(LedgerSchema, UpgradesAnOriginalLedgerInPlace) {
    ScratchDatabase database;
    auto connection = database.connect();
    create_original_ledger(connection);
    auto before = detect_ledger(connection);
    ASSERT_TRUE(before);
    EXPECT_EQ(before->state, LedgerState::original);
    EXPECT_FALSE(before->changes_deployed_by || before->events_performed_by || before->tags_table);

    auto ensured = ensure_ledger(connection);
    ASSERT_TRUE(ensured) << ensured.error().message;
    EXPECT_FALSE(ensured->warning);
    EXPECT_EQ(ensured->shape.state, LedgerState::current);
    EXPECT_EQ(ledger_columns(connection), kExpectedColumns);
    auto constraints = kExpectedConstraints;
    constraints.push_back(kOriginalUniqueHash);
    std::sort(constraints.begin(), constraints.end());
    EXPECT_EQ(ledger_constraints(connection), constraints);

    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    const auto* change = snapshot->find("my-first", "schema_myfirstapp");
    ASSERT_NE(change, nullptr);
    EXPECT_EQ(change->change_id,
              "cd8029f2c740de39ded9ae18499d407b8525de639c10d749c5be7673c3e97c2b");
    EXPECT_EQ(change->deployed_by, std::nullopt) << "written before the column existed";
    EXPECT_EQ(column(connection, "SELECT performed_by FROM pgpm_migrate.events"),
              std::vector<std::string>{"NULL"});
}

TEST(LedgerSchema, FreshLedgerDiffersFromTheOriginalOnlyByOurAdditions) {
    ScratchDatabase original_database;
    auto original = original_database.connect();
    ASSERT_TRUE(original.exec(test::kOriginalLedgerDdl));
    ScratchDatabase ours_database;
    auto ours = ours_database.connect();
    ASSERT_TRUE(ensure_ledger(ours));

    auto original_columns = ledger_columns(original);
    for (const auto& column_line : ledger_columns(ours)) {
        const bool ours_only = column_line.starts_with("tags.") ||
                               column_line.starts_with("changes.deployed_by ") ||
                               column_line.starts_with("events.performed_by ");
        if (!ours_only) {
            EXPECT_NE(std::find(original_columns.begin(), original_columns.end(), column_line),
                      original_columns.end())
                << column_line;
        }
    }
    auto original_constraints = ledger_constraints(original);
    std::erase(original_constraints, kOriginalUniqueHash);
    auto our_constraints = ledger_constraints(ours);
    std::erase(our_constraints, "tags tags_pkey PRIMARY KEY (package, tag_name)");
    EXPECT_EQ(our_constraints, original_constraints);
}

TEST(LedgerSchema, WithoutPrivilegeGoesOnWithoutOurAdditions) {
    test::ScratchRole role;
    ScratchDatabase database;
    {
        auto owner = database.connect();
        create_original_ledger(owner);
        const auto grantee = owner.escape_identifier(role.name());
        ASSERT_TRUE(grantee);
        auto granted = owner.exec(
            "GRANT USAGE ON SCHEMA pgpm_migrate TO " + *grantee +
            "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgpm_migrate TO " +
            *grantee + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA pgpm_migrate TO " + *grantee);
        ASSERT_TRUE(granted) << granted.error().message;
    }
    auto connection = db::test::connect("dbname=" + database.name() + " user=" + role.name());

    auto ensured = ensure_ledger(connection);
    ASSERT_TRUE(ensured) << ensured.error().message;
    ASSERT_TRUE(ensured->warning);
    EXPECT_EQ(ensured->warning->cause.sqlstate, "42501");
    EXPECT_NE(ensured->warning->message.find("tags"), std::string::npos);
    EXPECT_EQ(ensured->shape.state, LedgerState::original);
    EXPECT_FALSE(ensured->shape.changes_deployed_by || ensured->shape.events_performed_by ||
                 ensured->shape.tags_table);
    EXPECT_FALSE(connection.in_transaction());

    // Recording works on the original's columns alone.
    const auto& shape = ensured->shape;
    ASSERT_TRUE(record_deploy(connection, "my-first", "table_users",
                              "34b9b27a4bf57f077539fb3c647eeae4f22dab3d3cb11fe517bdf19d8e39df68",
                              {"my-first:schema_myfirstapp"}));
    EXPECT_TRUE(sync_tags(connection, shape, "my-first", {{"v1.0.0", "table_users"}}));
    EXPECT_TRUE(
        record_event(connection, EventType::verify, "my-first", "table_users", std::nullopt));
    auto snapshot = read_ledger(connection);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    ASSERT_EQ(snapshot->deployed_changes("my-first").size(), 2u);
    const auto* users = snapshot->find("my-first", "table_users");
    ASSERT_NE(users, nullptr);
    EXPECT_EQ(users->deployed_by, std::nullopt);
    EXPECT_EQ(users->required, std::vector<std::string>{"my-first:schema_myfirstapp"});
    EXPECT_TRUE(snapshot->tags("my-first").empty());
    auto reverted = record_revert(connection, "my-first", "table_users");
    ASSERT_TRUE(reverted) << reverted.error().message;
    EXPECT_TRUE(*reverted);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM pgpm_migrate.events"), "4");
}

}  // namespace
}  // namespace pgpm::ledger
