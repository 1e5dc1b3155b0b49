#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "catalog_test_support.hpp"

namespace pgpm::catalog::test {
namespace {

using SnapshotTest = CatalogTest;

// One of each kind, so that every branch of the query runs.
constexpr std::string_view kEveryKind = R"sql(
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text);
CREATE TYPE app.span AS RANGE (subtype = integer);
CREATE TABLE app.users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL DEFAULT 'x' CHECK (name <> ''),
    mood app.mood,
    since timestamptz DEFAULT '2024-01-01 12:00+00'
);
CREATE TABLE app.posts (id serial PRIMARY KEY, user_id integer REFERENCES app.users, body text);
CREATE INDEX posts_user ON app.posts (user_id) WHERE body IS NOT NULL;
CREATE VIEW app.named AS SELECT id, name FROM app.users;
CREATE MATERIALIZED VIEW app.counts AS SELECT count(*) AS posts FROM app.posts;
CREATE TABLE app.parts (k integer) PARTITION BY RANGE (k);
CREATE TABLE app.parts_low PARTITION OF app.parts FOR VALUES FROM (0) TO (10);
CREATE FUNCTION app.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE PROCEDURE app.p(INOUT x integer) LANGUAGE plpgsql AS 'BEGIN x := 1; END';
CREATE AGGREGATE app.total(integer) (sfunc = int4pl, stype = integer, initcond = '0');
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER touch BEFORE INSERT ON app.posts FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY positive ON app.users FOR SELECT USING (id > 0);
CREATE RULE keep AS ON DELETE TO app.posts DO INSTEAD NOTHING;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
GRANT SELECT ON app.users TO PUBLIC;
)sql";

constexpr std::string_view kDropEveryKind = R"sql(
DROP EVENT TRIGGER on_ddl;
ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE SELECT ON TABLES FROM PUBLIC;
DROP SCHEMA app CASCADE;
CREATE SCHEMA app;
)sql";

TEST_F(SnapshotTest, IsSortedByKindThenIdentity) {
    run(kEveryKind);
    const auto taken = snapshot();
    EXPECT_TRUE(std::ranges::is_sorted(taken.objects, [](const auto& left, const auto& right) {
        return std::tie(left.kind, left.identity) < std::tie(right.kind, right.identity);
    }));
    for (const auto& [kind, identity] : std::vector<std::pair<std::string, std::string>>{
             {"schema", "app"},
             {"table", "app.users"},
             {"column", "app.users.name"},
             {"constraint", "app.users: users_pkey"},
             {"constraint", "app.positive: positive_check"},
             {"index", "app.posts_user"},
             {"view", "app.named"},
             {"materialized view", "app.counts"},
             {"partitioned table", "app.parts"},
             {"sequence", "app.posts_id_seq"},
             {"function", "app.f(integer)"},
             {"procedure", "app.p(integer)"},
             {"aggregate", "app.total(integer)"},
             {"type", "app.mood"},
             {"type", "app.pair"},
             {"type", "app.span"},
             {"policy", "positive on app.users"},
             {"trigger", "touch on app.posts"},
             {"rule", "keep on app.posts"},
             {"event trigger", "on_ddl"},
             {"default privileges", with_me("for role {me} in schema app on tables")}}) {
        EXPECT_NE(find(taken, kind, identity), nullptr) << kind << " " << identity;
    }
}

TEST_F(SnapshotTest, LeavesOutImplicitObjects) {
    run(kEveryKind);
    const auto taken = snapshot();
    // Row types of tables, array types, multiranges and range constructors, foreign keys'
    // triggers, views' _RETURN rules.
    EXPECT_EQ(find(taken, "type", "app.users"), nullptr);
    EXPECT_EQ(find(taken, "type", "app._mood"), nullptr);
    EXPECT_EQ(find(taken, "type", "app.span_multirange"), nullptr);
    EXPECT_EQ(find(taken, "function", "app.span(integer, integer)"), nullptr);
    EXPECT_EQ(find(taken, "column", "app.posts_id_seq.last_value"), nullptr);
    for (const auto& object : taken.objects) {
        EXPECT_NE(object.identity.find("RI_ConstraintTrigger"), 0u) << object.identity;
        EXPECT_NE(object.identity.find("_RETURN"), 0u) << object.identity;
    }
}

TEST_F(SnapshotTest, ObjectsCreatedAndDroppedAgainCompareEqual) {
    const auto before = snapshot();
    run(kEveryKind);
    run(kDropEveryKind);
    EXPECT_EQ(compare(before, snapshot()), std::vector<CatalogDifference>());
}

TEST_F(SnapshotTest, RecreatedObjectsWithNewOidsCompareEqual) {
    run(kEveryKind);
    const auto before = snapshot();
    run(kDropEveryKind);
    run(kEveryKind);
    const auto after = snapshot();
    EXPECT_EQ(compare(before, after), std::vector<CatalogDifference>());
    EXPECT_EQ(before.objects, after.objects);
}

TEST_F(SnapshotTest, DataIsNotCompared) {
    run("CREATE SEQUENCE app.s; CREATE TABLE app.t (id integer)");
    EXPECT_EQ(differences_made_by("SELECT nextval('app.s'); INSERT INTO app.t VALUES (1)"),
              std::vector<std::string>());
}

TEST_F(SnapshotTest, SessionSettingsDoNotShow) {
    run(kEveryKind);
    const auto before = snapshot();
    run("SET search_path = app, public; SET DateStyle = 'SQL, DMY'; SET TimeZone = 'Asia/Tokyo'; "
        "SET quote_all_identifiers = on");
    EXPECT_EQ(compare(before, snapshot()), std::vector<CatalogDifference>());
}

TEST_F(SnapshotTest, LeavesTheSessionAsItWas) {
    run("SET search_path = app, public");
    snapshot();
    auto path = connection_.exec("SHOW search_path");
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(path->get(0, 0), "app, public");
}

TEST_F(SnapshotTest, InsideATransactionSeesItAndKeepsItUsable) {
    run("SET search_path = app, public; BEGIN; CREATE TABLE app.t (id integer)");
    const auto taken = snapshot();
    EXPECT_NE(find(taken, "table", "app.t"), nullptr);
    ASSERT_TRUE(connection_.in_transaction());
    auto path = connection_.exec("SHOW search_path");
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(path->get(0, 0), "app, public");
    run("COMMIT");
}

TEST_F(SnapshotTest, FailsAsAValueInAFailedTransaction) {
    run("BEGIN");
    EXPECT_FALSE(connection_.exec("SELECT 1/0"));
    const auto taken = take_snapshot(connection_);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().sqlstate, "25P02");
    run("ROLLBACK");
}

}  // namespace
}  // namespace pgpm::catalog::test
