#include "sql/statement_classifier.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sql/script.hpp"

namespace pgpm::sql {
namespace {

struct Case {
    const char* sql;
    bool non_transactional;
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.sql;
}

class Classification : public testing::TestWithParam<Case> {};

TEST_P(Classification, OfAStatementInAScript) {
    const Case& c = GetParam();
    const PrepareResult result = prepare_script(std::string("SELECT 1;\n") + c.sql + ";\n");
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.script.statements().size(), 2u);
    const Statement& statement = result.script.statements()[1];
    EXPECT_EQ(statement.non_transactional, c.non_transactional);
    EXPECT_FALSE(statement.transaction_control);
    EXPECT_EQ(result.script.is_non_transactional(), c.non_transactional);
}

INSTANTIATE_TEST_SUITE_P(
    RefusedInATransactionBlock, Classification,
    testing::Values(
        Case{"CREATE DATABASE d", true}, Case{"DROP DATABASE IF EXISTS d WITH (FORCE)", true},
        Case{"CREATE TABLESPACE s LOCATION '/srv/s'", true}, Case{"DROP TABLESPACE s", true},
        Case{"ALTER SYSTEM SET work_mem = '64MB'", true}, Case{"ALTER SYSTEM RESET ALL", true},
        Case{"VACUUM", true}, Case{"VACUUM t", true}, Case{"VACUUM FULL t", true},
        Case{"VACUUM (ANALYZE) t", true}, Case{"VACUUM ANALYZE t", true}, Case{"CLUSTER", true},
        Case{"REINDEX TABLE CONCURRENTLY t", true}, Case{"REINDEX INDEX CONCURRENTLY i", true},
        Case{"REINDEX (CONCURRENTLY) TABLE t", true},
        Case{"REINDEX (CONCURRENTLY true) TABLE t", true},
        Case{"REINDEX (CONCURRENTLY 1) TABLE t", true}, Case{"REINDEX SYSTEM d", true},
        Case{"REINDEX DATABASE d", true}, Case{"REINDEX SCHEMA s", true},
        Case{"CREATE INDEX CONCURRENTLY i ON t (a)", true},
        Case{"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)", true},
        Case{"DROP INDEX CONCURRENTLY i", true}, Case{"DROP INDEX CONCURRENTLY IF EXISTS i", true},
        Case{"ALTER TABLE p DETACH PARTITION c CONCURRENTLY", true},
        Case{"ALTER DATABASE d SET TABLESPACE s", true},
        Case{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p", true},
        Case{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (create_slot)", true},
        Case{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (copy_data = false)",
             true},
        Case{"ALTER SUBSCRIPTION s REFRESH PUBLICATION", true},
        Case{"ALTER SUBSCRIPTION s SET PUBLICATION p", true},
        Case{"ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = true)", true},
        Case{"ALTER SUBSCRIPTION s DROP PUBLICATION p", true}, Case{"DROP SUBSCRIPTION s", true},
        Case{"DROP SUBSCRIPTION IF EXISTS s", true}, Case{"DISCARD ALL", true}));

INSTANTIATE_TEST_SUITE_P(
    AllowedInATransactionBlock, Classification,
    testing::Values(
        Case{"CREATE TABLE t (a int)", false}, Case{"ANALYZE", false}, Case{"ANALYZE t", false},
        Case{"ANALYZE VERBOSE t (a)", false}, Case{"CLUSTER t", false},
        Case{"CLUSTER t USING i", false}, Case{"REINDEX TABLE t", false},
        Case{"REINDEX INDEX i", false}, Case{"REINDEX (CONCURRENTLY false) TABLE t", false},
        Case{"REINDEX (CONCURRENTLY off) TABLE t", false},
        Case{"REINDEX (CONCURRENTLY 0) TABLE t", false}, Case{"REINDEX (VERBOSE) TABLE t", false},
        Case{"CREATE INDEX i ON t (a)", false},
        Case{"CREATE INDEX \"concurrently\" ON t (a)", false},  // an index by that name
        Case{"DROP INDEX i", false}, Case{"DROP TABLE t", false},
        Case{"ALTER TABLE p DETACH PARTITION c", false},
        Case{"ALTER TABLE p DETACH PARTITION c FINALIZE", false},
        Case{"ALTER TABLE p ATTACH PARTITION c FOR VALUES IN (1)", false},
        Case{"ALTER DATABASE d SET search_path = app", false},
        Case{"ALTER DATABASE d CONNECTION LIMIT 5", false},
        Case{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (create_slot = false)",
             false},
        Case{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false)",
             false},
        Case{"ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)", false},
        Case{"ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = 'off')", false},
        Case{"ALTER SUBSCRIPTION s DISABLE", false},
        Case{"ALTER SUBSCRIPTION s SET (slot_name = NONE)", false},
        Case{"ALTER SUBSCRIPTION s CONNECTION 'host=y'", false}, Case{"DISCARD PLANS", false},
        Case{"DISCARD TEMP", false}, Case{"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", false},
        Case{"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ VACUUM $$", false}));

TEST(StatementClassifier, TransactionStatementsAreControlNotNonTransactional) {
    const StatementKind kind =
        classify_statement("TransactionStmt", JsonView(R"({"kind":"TRANS_STMT_BEGIN"})"));
    EXPECT_TRUE(kind.transaction_control);
    EXPECT_FALSE(kind.non_transactional);
}

TEST(StatementClassifier, OnlyTheNodeItselfIsInspected) {
    // A flag of the same name deeper in the tree says nothing about the statement.
    const StatementKind kind = classify_statement(
        "IndexStmt", JsonView(R"({"relation":{"concurrent":true},"concurrent":false})"));
    EXPECT_FALSE(kind.non_transactional);
}

TEST(StatementClassifier, NonTransactionalScriptKeepsItsOtherStatements) {
    const PrepareResult result = prepare_script(
        "BEGIN;\nCREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\n");
    ASSERT_TRUE(result.errors.empty());
    EXPECT_TRUE(result.script.is_non_transactional());
    ASSERT_EQ(result.script.statements().size(), 4u);
    EXPECT_FALSE(result.script.statements()[1].non_transactional);
    EXPECT_TRUE(result.script.statements()[2].non_transactional);
}

}  // namespace
}  // namespace pgpm::sql
