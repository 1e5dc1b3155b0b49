#include <string>
#include <vector>

#include "catalog_test_support.hpp"

namespace pgpm::catalog::test {
namespace {

// A catalog change and how the comparison must report it; "{me}" is the session's role.
struct Detection {
    std::string name;  // the test's name
    std::string setup;
    std::string change;
    std::vector<std::string> expected;
};

class Detected : public CatalogTest, public ::testing::WithParamInterface<Detection> {};

TEST_P(Detected, IsReportedByName) {
    const auto& detection = GetParam();
    if (!detection.setup.empty()) {
        run(detection.setup);
    }
    std::vector<std::string> expected;
    for (const auto& line : detection.expected) {
        expected.push_back(with_me(line));
    }
    EXPECT_EQ(differences_made_by(detection.change), expected);
}

constexpr std::string_view kTable = "CREATE TABLE app.t (id integer);";
constexpr std::string_view kFunction =
    "CREATE FUNCTION app.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';";
constexpr std::string_view kTouch =
    "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS "
    "'BEGIN RETURN NEW; END';";

std::string with_table(std::string_view more) {
    return std::string(kTable) + std::string(more);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, Detected,
    ::testing::Values(
        Detection{"SchemaLeftBehind", "", "CREATE SCHEMA extra", {"left behind: schema extra"}},
        Detection{
            "SchemaMissing", "CREATE SCHEMA extra", "DROP SCHEMA extra", {"missing: schema extra"}},
        Detection{"TableLeftBehind",
                  "",
                  std::string(kTable),
                  {"left behind: column app.t.id", "left behind: table app.t"}},
        Detection{"TableMissing",
                  std::string(kTable),
                  "DROP TABLE app.t",
                  {"missing: column app.t.id", "missing: table app.t"}},
        Detection{"ColumnAdded",
                  std::string(kTable),
                  "ALTER TABLE app.t ADD COLUMN note text",
                  {"left behind: column app.t.note"}},
        Detection{"ColumnNotNull",
                  std::string(kTable),
                  "ALTER TABLE app.t ALTER COLUMN id SET NOT NULL",
                  {"changed: column app.t.id (not null: no -> yes)"}},
        Detection{"ColumnDefault",
                  std::string(kTable),
                  "ALTER TABLE app.t ALTER COLUMN id SET DEFAULT 7",
                  {"changed: column app.t.id (default: (none) -> 7)"}},
        Detection{"ColumnType",
                  std::string(kTable),
                  "ALTER TABLE app.t ALTER COLUMN id TYPE bigint",
                  {"changed: column app.t.id (type: integer -> bigint)"}},
        Detection{"ColumnReaddedLast",
                  with_table("ALTER TABLE app.t ADD COLUMN note text;"),
                  "ALTER TABLE app.t DROP COLUMN id; ALTER TABLE app.t ADD COLUMN id integer",
                  {"changed: column app.t.id (position: 1 -> 2)",
                   "changed: column app.t.note (position: 2 -> 1)"}},
        Detection{"IndexLeftBehind",
                  std::string(kTable),
                  "CREATE INDEX t_id ON app.t (id)",
                  {"left behind: index app.t_id"}},
        Detection{"IndexMissing",
                  with_table("CREATE INDEX t_id ON app.t (id);"),
                  "DROP INDEX app.t_id",
                  {"missing: index app.t_id"}},
        Detection{"ConstraintLeftBehind",
                  std::string(kTable),
                  "ALTER TABLE app.t ADD CONSTRAINT positive CHECK (id > 0)",
                  {"left behind: constraint app.t: positive"}},
        Detection{"ConstraintChanged",
                  with_table("ALTER TABLE app.t ADD CONSTRAINT positive CHECK (id > 0);"),
                  "ALTER TABLE app.t DROP CONSTRAINT positive, "
                  "ADD CONSTRAINT positive CHECK (id > 1)",
                  {"changed: constraint app.t: positive "
                   "(definition: CHECK ((id > 0)) -> CHECK ((id > 1)))"}},
        Detection{"FunctionOverloadLeftBehind",
                  std::string(kFunction),
                  "CREATE FUNCTION app.f(integer, text) RETURNS integer LANGUAGE sql "
                  "AS 'SELECT $1'",
                  {"left behind: function app.f(integer, text)"}},
        Detection{"FunctionMissing",
                  std::string(kFunction),
                  "DROP FUNCTION app.f(integer)",
                  {"missing: function app.f(integer)"}},
        Detection{"FunctionBodyChanged",
                  std::string(kFunction),
                  "CREATE OR REPLACE FUNCTION app.f(integer) RETURNS integer LANGUAGE sql "
                  "AS 'SELECT $1 + 1'",
                  {"changed: function app.f(integer) (definition differs)"}},
        Detection{"ProcedureLeftBehind",
                  "",
                  "CREATE PROCEDURE app.p(a integer) LANGUAGE sql AS 'SELECT 1'",
                  {"left behind: procedure app.p(integer)"}},
        Detection{"EnumLabelAdded",
                  "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
                  "ALTER TYPE app.mood ADD VALUE 'happy'",
                  {"changed: type app.mood (labels: 'sad', 'ok' -> 'sad', 'ok', 'happy')"}},
        Detection{"EnumMissing",
                  "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
                  "DROP TYPE app.mood",
                  {"missing: type app.mood"}},
        Detection{"CompositeTypeLeftBehind",
                  "",
                  "CREATE TYPE app.pair AS (a integer, b text)",
                  {"left behind: column app.pair.a", "left behind: column app.pair.b",
                   "left behind: type app.pair"}},
        Detection{"DomainCheckChanged",
                  "CREATE DOMAIN app.positive AS integer CONSTRAINT above CHECK (VALUE > 0)",
                  "ALTER DOMAIN app.positive DROP CONSTRAINT above",
                  {"missing: constraint app.positive: above"}},
        Detection{"RangeTypeLeftBehind",
                  "",
                  "CREATE TYPE app.span AS RANGE (subtype = integer)",
                  {"left behind: type app.span"}},
        Detection{"PolicyLeftBehind",
                  std::string(kTable),
                  "CREATE POLICY positive ON app.t USING (id > 0)",
                  {"left behind: policy positive on app.t"}},
        Detection{"PolicyChanged",
                  with_table("CREATE POLICY positive ON app.t USING (id > 0);"),
                  "ALTER POLICY positive ON app.t USING (id > 1)",
                  {"changed: policy positive on app.t (using: (id > 0) -> (id > 1))"}},
        Detection{"RowLevelSecurityEnabled",
                  std::string(kTable),
                  "ALTER TABLE app.t ENABLE ROW LEVEL SECURITY",
                  {"changed: table app.t (row level security: off -> on)"}},
        Detection{"RowLevelSecurityForced",
                  std::string(kTable),
                  "ALTER TABLE app.t FORCE ROW LEVEL SECURITY",
                  {"changed: table app.t (force row level security: off -> on)"}},
        Detection{"TriggerLeftBehind",
                  with_table(kTouch),
                  "CREATE TRIGGER touch BEFORE INSERT ON app.t "
                  "FOR EACH ROW EXECUTE FUNCTION app.touch()",
                  {"left behind: trigger touch on app.t"}},
        Detection{"TriggerDisabled",
                  with_table(std::string(kTouch) + "CREATE TRIGGER touch BEFORE INSERT ON app.t "
                                                   "FOR EACH ROW EXECUTE FUNCTION app.touch();"),
                  "ALTER TABLE app.t DISABLE TRIGGER touch",
                  {"changed: trigger touch on app.t (enabled: (none) -> disabled)"}},
        Detection{"RuleLeftBehind",
                  std::string(kTable),
                  "CREATE RULE keep AS ON DELETE TO app.t DO INSTEAD NOTHING",
                  {"left behind: rule keep on app.t"}},
        Detection{"EventTriggerLeftBehind",
                  "CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS "
                  "'BEGIN END'",
                  "CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl()",
                  {"left behind: event trigger on_ddl"}},
        Detection{"ViewLeftBehind",
                  std::string(kTable),
                  "CREATE VIEW app.v AS SELECT id FROM app.t",
                  {"left behind: column app.v.id", "left behind: view app.v"}},
        Detection{"ViewDefinitionChanged",
                  with_table("CREATE VIEW app.v AS SELECT id FROM app.t;"),
                  "CREATE OR REPLACE VIEW app.v AS SELECT id FROM app.t WHERE id > 0",
                  {"changed: view app.v (definition:  SELECT t.id\\n   FROM app.t; ->  "
                   "SELECT t.id\\n   FROM app.t\\n  WHERE (t.id > 0);)"}},
        Detection{"MaterializedViewLeftBehind",
                  "",
                  "CREATE MATERIALIZED VIEW app.m AS SELECT 1 AS one",
                  {"left behind: column app.m.one", "left behind: materialized view app.m"}},
        Detection{"PartitionLeftBehind",
                  "CREATE TABLE app.p (k integer) PARTITION BY RANGE (k)",
                  "CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (0) TO (10)",
                  {"left behind: column app.p1.k", "left behind: table app.p1"}},
        Detection{"SequenceChanged",
                  "CREATE SEQUENCE app.s",
                  "ALTER SEQUENCE app.s INCREMENT 2",
                  {"changed: sequence app.s (sequence: bigint start 1 increment 1 min 1 max "
                   "9223372036854775807 cache 1 -> bigint start 1 increment 2 min 1 max "
                   "9223372036854775807 cache 1)"}},
        Detection{"GrantOnTable",
                  std::string(kTable),
                  "GRANT SELECT ON app.t TO PUBLIC",
                  {"changed: table app.t "
                   "(acl: {me}=arwdDxt/{me} -> =r/{me}, {me}=arwdDxt/{me})"}},
        Detection{"GrantOnColumn",
                  std::string(kTable),
                  "GRANT UPDATE (id) ON app.t TO PUBLIC",
                  {"changed: column app.t.id (acl: (none) -> =w/{me})"}},
        Detection{"RevokeOnFunction",
                  std::string(kFunction),
                  "REVOKE EXECUTE ON FUNCTION app.f(integer) FROM PUBLIC",
                  {"changed: function app.f(integer) (acl: =X/{me}, {me}=X/{me} -> {me}=X/{me})"}},
        Detection{"GrantOnSchema",
                  "",
                  "GRANT USAGE ON SCHEMA app TO PUBLIC",
                  {"changed: schema app (acl: {me}=UC/{me} -> =U/{me}, {me}=UC/{me})"}},
        Detection{"DefaultPrivilegesLeftBehind",
                  "",
                  "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC",
                  {"left behind: default privileges for role {me} in schema app on tables"}}),
    [](const ::testing::TestParamInfo<Detection>& info) { return info.param.name; });

}  // namespace
}  // namespace pgpm::catalog::test
