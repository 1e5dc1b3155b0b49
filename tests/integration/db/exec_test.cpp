// Running SQL: scripts and which statement failed, error fields, parameters, escaping, notices.
#include <gtest/gtest.h>

#include <vector>

#include "db/connection.hpp"
#include "test_server.hpp"

namespace pgpm::db {
namespace {

using test::ScratchDatabase;

TEST(DbExec, ReturnsTheLastStatementsResult) {
    auto connection = test::connect("");
    auto result = connection.exec("SELECT 1; SELECT 'two', NULL::text, ''");
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(result->rows(), 1);
    ASSERT_EQ(result->columns(), 3);
    EXPECT_EQ(result->get(0, 0), "two");
    EXPECT_TRUE(result->is_null(0, 1));
    EXPECT_FALSE(result->is_null(0, 2));
    EXPECT_EQ(result->get(0, 2), "");
}

TEST(DbExec, ScriptCountsItsStatements) {
    auto connection = test::connect("");
    auto done = connection.exec_script("SELECT 1;\n-- a comment\nSELECT 2;; SELECT 3;");
    ASSERT_TRUE(done) << done.error().error.message;
    EXPECT_EQ(*done, 3U);
}

TEST(DbExec, ScriptSaysWhichStatementFailedAndWhere) {
    auto connection = test::connect("");
    const std::string script = "SELECT 1; SELECT nope FROM x; SELECT 3;";
    auto done = connection.exec_script(script);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().statements_done, 1U);
    const auto& error = done.error().error;
    EXPECT_EQ(error.sqlstate, "42P01");
    EXPECT_EQ(error.severity, "ERROR");
    EXPECT_EQ(error.message, "relation \"x\" does not exist");
    EXPECT_EQ(error.position, static_cast<int>(script.find(" x;")) + 2);
    EXPECT_FALSE(connection.in_transaction()) << "the implicit transaction ended with the error";
    EXPECT_TRUE(connection.exec("SELECT 1")) << "the connection is ready for the next query";
}

TEST(DbExec, PositionCountsCharactersNotBytes) {
    auto connection = test::connect("");
    // "é" and "€" take 2 and 3 bytes: in bytes, missing_table would start at 31.
    auto done = connection.exec_script("SELECT 'é€'; SELECT * FROM missing_table;");
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().statements_done, 1U);
    EXPECT_EQ(done.error().error.position, 28);
}

TEST(DbExec, EarlierStatementsOfAFailedScriptRollBack) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_FALSE(connection.exec_script("CREATE TABLE t (a int); SELECT 1/0;"));
    auto tables = connection.exec("SELECT count(*) FROM pg_class WHERE relname = 't'");
    ASSERT_TRUE(tables) << tables.error().message;
    EXPECT_EQ(tables->get(0, 0), "0");
}

TEST(DbExec, UniqueViolationCarriesItsDetail) {
    ScratchDatabase database;
    auto connection = database.connect();
    ASSERT_TRUE(connection.exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)"));
    auto inserted = connection.exec("INSERT INTO t VALUES (1)");
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().sqlstate, "23505");
    EXPECT_EQ(inserted.error().message,
              "duplicate key value violates unique constraint \"t_pkey\"");
    EXPECT_EQ(inserted.error().detail, "Key (id)=(1) already exists.");
    EXPECT_EQ(inserted.error().position, 0);
}

TEST(DbExec, RaisedExceptionCarriesHintAndContext) {
    auto connection = test::connect("");
    auto raised = connection.exec(
        "DO $$ BEGIN RAISE EXCEPTION 'boom' USING HINT = 'defuse it', DETAIL = 'wires'; END $$");
    ASSERT_FALSE(raised);
    EXPECT_EQ(raised.error().sqlstate, "P0001");
    EXPECT_EQ(raised.error().message, "boom");
    EXPECT_EQ(raised.error().hint, "defuse it");
    EXPECT_EQ(raised.error().detail, "wires");
    EXPECT_NE(raised.error().context.find("PL/pgSQL"), std::string::npos) << raised.error().context;
}

TEST(DbExec, ErrorInsideAFunctionBodyHasAnInternalPosition) {
    auto connection = test::connect("");
    auto failed = connection.exec("DO $$ BEGIN PERFORM nope FROM nowhere; END $$");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().sqlstate, "42P01");
    EXPECT_EQ(failed.error().position, 0);
    EXPECT_NE(failed.error().internal_query.find("nowhere"), std::string::npos);
    EXPECT_EQ(failed.error().internal_position,
              static_cast<int>(failed.error().internal_query.find("nowhere")) + 1);
}

TEST(DbExec, ParametersRoundTripAnyText) {
    ScratchDatabase database;
    auto connection = database.connect();
    const std::string tricky = "o'brien\\x \"; DROP TABLE t; --";
    ASSERT_TRUE(connection.exec("CREATE TABLE t (name text, note text)"));
    auto inserted = connection.exec_params("INSERT INTO t VALUES ($1, $2), ($3, $4)",
                                           {tricky, std::nullopt, "plain", "é"});
    ASSERT_TRUE(inserted) << inserted.error().message;
    EXPECT_EQ(inserted->affected_rows(), 2U);
    EXPECT_EQ(inserted->command_status(), "INSERT 0 2");

    auto read = connection.exec_params("SELECT note IS NULL FROM t WHERE name = $1", {tricky});
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->rows(), 1);
    EXPECT_EQ(read->get(0, 0), "t");
    auto tables = connection.exec("SELECT count(*) FROM t");
    ASSERT_TRUE(tables);
    EXPECT_EQ(tables->get(0, 0), "2");
}

TEST(DbExec, ParametersTakeOneStatementOnly) {
    auto connection = test::connect("");
    auto both = connection.exec_params("SELECT $1; SELECT 2", {"1"});
    ASSERT_FALSE(both);
    EXPECT_EQ(both.error().sqlstate, "42601");
}

TEST(DbExec, EscapedLiteralsAndIdentifiersRoundTrip) {
    ScratchDatabase database;
    auto connection = database.connect();
    const std::string literal = "o'brien\\x";
    auto quoted = connection.escape_literal(literal);
    ASSERT_TRUE(quoted);
    auto selected = connection.exec("SELECT " + *quoted);
    ASSERT_TRUE(selected) << selected.error().message;
    EXPECT_EQ(selected->get(0, 0), literal);

    const std::string name = "we\"ird Name";
    auto identifier = connection.escape_identifier(name);
    ASSERT_TRUE(identifier);
    EXPECT_EQ(*identifier, "\"we\"\"ird Name\"");
    ASSERT_TRUE(connection.exec("CREATE TABLE " + *identifier + " (a int)"));
    auto found = connection.exec_params("SELECT count(*) FROM pg_class WHERE relname = $1", {name});
    ASSERT_TRUE(found);
    EXPECT_EQ(found->get(0, 0), "1");
}

TEST(DbExec, EscapingRejectsInvalidUtf8) {
    auto connection = test::connect("");
    EXPECT_FALSE(connection.escape_literal("\xff\xfe"));
    EXPECT_FALSE(connection.escape_identifier("\xc3"));
}

TEST(DbExec, NoticesReachTheSinkEvenAfterAMove) {
    std::vector<Notice> notices;
    auto first = test::connect("");
    first.set_notice_sink([&notices](const Notice& notice) { notices.push_back(notice); });
    Connection connection = std::move(first);
    ASSERT_TRUE(connection.exec(
        "DO $$ BEGIN RAISE NOTICE 'hello %', 42 USING DETAIL = 'd', HINT = 'h'; END $$"));
    ASSERT_TRUE(connection.exec("DROP TABLE IF EXISTS pgpm_db_test_absent"));
    ASSERT_EQ(notices.size(), 2U);
    EXPECT_EQ(notices[0].severity, "NOTICE");
    EXPECT_EQ(notices[0].sqlstate, "00000");
    EXPECT_EQ(notices[0].message, "hello 42");
    EXPECT_EQ(notices[0].detail, "d");
    EXPECT_EQ(notices[0].hint, "h");
    EXPECT_EQ(notices[1].message, "table \"pgpm_db_test_absent\" does not exist, skipping");

    connection.set_notice_sink({});
    ASSERT_TRUE(connection.exec("DO $$ BEGIN RAISE WARNING 'unheard'; END $$"));
    EXPECT_EQ(notices.size(), 2U);
}

TEST(DbExec, ThrowingSinkLosesOnlyTheNotice) {
    auto connection = test::connect("");
    connection.set_notice_sink([](const Notice&) { throw std::runtime_error("sink failed"); });
    auto result = connection.exec("DO $$ BEGIN RAISE NOTICE 'n'; END $$; SELECT 5");
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->get(0, 0), "5");
}

TEST(DbExec, CopyInAScriptFailsInsteadOfHanging) {
    auto connection = test::connect("");
    auto done = connection.exec_script("CREATE TEMP TABLE c (a int); COPY c FROM STDIN; SELECT 1;");
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().statements_done, 1U);
    EXPECT_EQ(done.error().error.sqlstate, "57014");

    auto copied = connection.exec_script("COPY (SELECT 1) TO STDOUT; SELECT 2;");
    ASSERT_TRUE(copied) << copied.error().error.message;
    EXPECT_EQ(*copied, 2U);
}

TEST(DbExec, LostConnectionIsReportedAs08006) {
    auto victim = test::connect("");
    auto killer = test::connect("");
    auto killed = killer.exec_params("SELECT pg_terminate_backend($1::int)",
                                     {std::to_string(victim.backend_pid())});
    ASSERT_TRUE(killed) << killed.error().message;
    auto after = victim.exec("SELECT 1");
    ASSERT_FALSE(after);
    EXPECT_TRUE(victim.is_broken());
    // The server's goodbye (57P01) may or may not be read before libpq notices the socket closed.
    EXPECT_TRUE(after.error().sqlstate == "08006" || after.error().sqlstate == "57P01")
        << after.error().sqlstate << ": " << after.error().message;
    auto again = victim.exec("SELECT 1");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().sqlstate, "08006") << again.error().message;
}

}  // namespace
}  // namespace pgpm::db
