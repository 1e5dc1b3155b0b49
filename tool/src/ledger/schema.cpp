#include "ledger/schema.hpp"

#include <string_view>
#include <utility>

#include "db/transaction.hpp"

namespace pgpm::ledger {

namespace {

// Catalog tables rather than to_regclass: those fail without USAGE on the schema. Lookups by
// name and namespace, which the catalog indexes: a database of thousands of tables costs no more.
constexpr std::string_view kDetect = R"sql(
SELECT
    n.oid IS NOT NULL,
    (SELECT count(*) FROM pg_catalog.pg_class c
     WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
       AND c.relname IN ('packages', 'changes', 'dependencies', 'events')) = 4,
    EXISTS (SELECT FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND c.relname = 'changes'
              AND a.attname = 'deployed_by' AND NOT a.attisdropped),
    EXISTS (SELECT FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND c.relname = 'events'
              AND a.attname = 'performed_by' AND NOT a.attisdropped),
    EXISTS (SELECT FROM pg_catalog.pg_class c
            WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND c.relname = 'tags')
FROM (SELECT) AS one
LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'pgpm_migrate'
)sql";

// The original's schema.sql, written the same way so that its constraints get the same names,
// minus its UNIQUE(package, script_hash) (SPEC §2).
constexpr std::string_view kCreateOriginalTables = R"sql(
CREATE TABLE IF NOT EXISTS pgpm_migrate.packages (
    package         TEXT        PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS pgpm_migrate.changes (
    change_id       TEXT        PRIMARY KEY,
    change_name     TEXT        NOT NULL,
    package         TEXT        NOT NULL REFERENCES pgpm_migrate.packages(package),
    script_hash     TEXT        NOT NULL,
    deployed_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE(package, change_name)
);
CREATE TABLE IF NOT EXISTS pgpm_migrate.dependencies (
    change_id       TEXT        NOT NULL REFERENCES pgpm_migrate.changes(change_id) ON DELETE CASCADE,
    requires        TEXT        NOT NULL,
    PRIMARY KEY (change_id, requires)
);
CREATE TABLE IF NOT EXISTS pgpm_migrate.events (
    event_id        SERIAL      PRIMARY KEY,
    event_type      TEXT        NOT NULL CHECK (event_type IN ('deploy', 'revert', 'verify')),
    change_name     TEXT        NOT NULL,
    package         TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    error_message   TEXT,
    error_code      TEXT
);
)sql";

// Added without a default, which PostgreSQL would copy into the existing rows, then given one:
// the rows written by the original keep NULL, unknown (SPEC §2).
constexpr std::string_view kAddDeployedBy = R"sql(
ALTER TABLE pgpm_migrate.changes ADD COLUMN IF NOT EXISTS deployed_by text;
ALTER TABLE pgpm_migrate.changes ALTER COLUMN deployed_by SET DEFAULT current_user;
)sql";
constexpr std::string_view kAddPerformedBy = R"sql(
ALTER TABLE pgpm_migrate.events ADD COLUMN IF NOT EXISTS performed_by text;
ALTER TABLE pgpm_migrate.events ALTER COLUMN performed_by SET DEFAULT current_user;
)sql";
constexpr std::string_view kCreateTags = R"sql(
CREATE TABLE IF NOT EXISTS pgpm_migrate.tags (
    package         text,
    tag_name        text,
    change_name     text,
    tagged_at       timestamptz DEFAULT clock_timestamp(),
    tagged_by       text DEFAULT current_user,
    PRIMARY KEY (package, tag_name)
);
)sql";

// Our additions go in a savepoint: the same round trip as the rest, and a privilege failure
// undoes only them.
constexpr std::string_view kAdditionsSavepoint = "pgpm_ledger_additions";

constexpr std::string_view kInsufficientPrivilege = "42501";

bool is_true(const db::Result& result, int column) {
    return result.get(0, column) == "t";
}

LedgerState state_of(const LedgerShape& shape, bool original_tables) {
    if (!original_tables) {
        return LedgerState::absent;
    }
    return shape.changes_deployed_by && shape.events_performed_by && shape.tags_table
               ? LedgerState::current
               : LedgerState::original;
}

std::string ddl_for(const LedgerShape& shape) {
    std::string sql;
    if (!shape.schema_exists) {
        sql += "CREATE SCHEMA IF NOT EXISTS pgpm_migrate;\n";
    }
    if (shape.state == LedgerState::absent) {
        sql += kCreateOriginalTables;
    }
    sql += "SAVEPOINT " + std::string(kAdditionsSavepoint) + ";\n";
    // Statements only for what is missing: ADD COLUMN IF NOT EXISTS still needs ownership.
    if (!shape.changes_deployed_by) {
        sql += kAddDeployedBy;
    }
    if (!shape.events_performed_by) {
        sql += kAddPerformedBy;
    }
    if (!shape.tags_table) {
        sql += kCreateTags;
    }
    sql += "RELEASE SAVEPOINT " + std::string(kAdditionsSavepoint) + ";\n";
    return sql;
}

LedgerWarning missing_additions_warning(db::SqlError cause) {
    return {
        "no privilege to add the deployed_by and performed_by columns and the tags table to "
        "the ledger (" +
            cause.message +
            "): who deployed, reverted or verified and which tags are deployed are not "
            "recorded",
        std::move(cause)};
}

}  // namespace

tl::expected<LedgerShape, db::SqlError> detect_ledger(db::Connection& connection) {
    auto result = connection.exec(kDetect);
    if (!result) {
        return tl::unexpected(std::move(result.error()));
    }
    LedgerShape shape;
    shape.schema_exists = is_true(*result, 0);
    shape.changes_deployed_by = is_true(*result, 2);
    shape.events_performed_by = is_true(*result, 3);
    shape.tags_table = is_true(*result, 4);
    shape.state = state_of(shape, is_true(*result, 1));
    return shape;
}

tl::expected<EnsuredLedger, db::SqlError> ensure_ledger(db::Connection& connection) {
    auto found = detect_ledger(connection);
    if (!found) {
        return tl::unexpected(std::move(found.error()));
    }
    if (found->state == LedgerState::current) {
        return EnsuredLedger{*found, std::nullopt};
    }
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return tl::unexpected(std::move(transaction.error()));
    }
    const bool had_original_tables = found->state != LedgerState::absent;
    EnsuredLedger ensured{*found, std::nullopt};
    ensured.shape.schema_exists = true;
    auto created = connection.exec(ddl_for(*found));
    if (created) {
        ensured.shape.changes_deployed_by = true;
        ensured.shape.events_performed_by = true;
        ensured.shape.tags_table = true;
        ensured.shape.state = LedgerState::current;
    } else if (had_original_tables && created.error().sqlstate == kInsufficientPrivilege) {
        auto rolled_back =
            connection.exec("ROLLBACK TO SAVEPOINT " + std::string(kAdditionsSavepoint));
        if (!rolled_back) {
            return tl::unexpected(std::move(rolled_back.error()));
        }
        ensured.shape.state = LedgerState::original;
        ensured.warning = missing_additions_warning(std::move(created.error()));
    } else {
        return tl::unexpected(std::move(created.error()));
    }
    auto committed = transaction->commit();
    if (!committed) {
        return tl::unexpected(std::move(committed.error()));
    }
    return ensured;
}

}  // namespace pgpm::ledger
