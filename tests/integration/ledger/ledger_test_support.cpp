#include "ledger_test_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <random>
#include <stdexcept>

#include "test_server.hpp"

namespace pgpm::ledger::test {

const char* const kOriginalLedgerDdl = R"sql(
-- Create schema
CREATE SCHEMA pgpm_migrate;

-- 1. Packages (minimal - just name and timestamp)
CREATE TABLE pgpm_migrate.packages (
    package         TEXT        PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- 2. Deployed changes (what's currently deployed)
CREATE TABLE pgpm_migrate.changes (
    change_id       TEXT        PRIMARY KEY,
    change_name     TEXT        NOT NULL,
    package         TEXT        NOT NULL REFERENCES pgpm_migrate.packages(package),
    script_hash     TEXT        NOT NULL,
    deployed_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE(package, change_name),
    UNIQUE(package, script_hash)
);

-- 3. Dependencies (what depends on what)
CREATE TABLE pgpm_migrate.dependencies (
    change_id       TEXT        NOT NULL REFERENCES pgpm_migrate.changes(change_id) ON DELETE CASCADE,
    requires        TEXT        NOT NULL,
    PRIMARY KEY (change_id, requires)
);

-- 4. Event log (minimal history for rollback)
CREATE TABLE pgpm_migrate.events (
    event_id        SERIAL      PRIMARY KEY,
    event_type      TEXT        NOT NULL CHECK (event_type IN ('deploy', 'revert', 'verify')),
    change_name     TEXT        NOT NULL,
    package         TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    error_message   TEXT,
    error_code      TEXT
);
)sql";

std::vector<std::string> column(db::Connection& connection, const std::string& sql) {
    auto result = connection.exec(sql);
    if (!result) {
        throw std::runtime_error(sql + ": " + result.error().message);
    }
    std::vector<std::string> values;
    for (int row = 0; row < result->rows(); ++row) {
        values.emplace_back(result->is_null(row, 0) ? "NULL" : result->get(row, 0));
    }
    return values;
}

std::string scalar(db::Connection& connection, const std::string& sql) {
    const auto values = column(connection, sql);
    if (values.size() != 1) {
        throw std::runtime_error(sql + ": " + std::to_string(values.size()) + " rows");
    }
    return values.front();
}

std::vector<std::string> ledger_columns(db::Connection& connection) {
    return column(connection, R"sql(
SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = 'pgpm_migrate' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum)sql");
}

std::vector<std::string> ledger_constraints(db::Connection& connection) {
    return column(connection, R"sql(
SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'pgpm_migrate'
ORDER BY c.relname, k.conname)sql");
}

ScratchRole::ScratchRole() {
    std::random_device random;
    name_ =
        "pgpm_ledger_role_" + std::to_string(::getpid()) + "_" + std::to_string(random() % 1000000);
    auto maintenance = db::test::connect("");
    const auto identifier = maintenance.escape_identifier(name_);
    if (!identifier) {
        throw std::runtime_error(identifier.error().message);
    }
    auto created = maintenance.exec("CREATE ROLE " + *identifier + " LOGIN");
    if (!created) {
        throw std::runtime_error("CREATE ROLE " + name_ + ": " + created.error().message);
    }
}

ScratchRole::~ScratchRole() {
    auto maintenance = db::Connection::open("");
    if (!maintenance) {
        ADD_FAILURE() << "cannot drop role " << name_ << ": " << maintenance.error().message;
        return;
    }
    const auto identifier = maintenance->escape_identifier(name_);
    if (!identifier) {
        ADD_FAILURE() << identifier.error().message;
        return;
    }
    auto dropped = maintenance->exec("DROP ROLE " + *identifier);
    EXPECT_TRUE(dropped) << dropped.error().message;
}

}  // namespace pgpm::ledger::test
