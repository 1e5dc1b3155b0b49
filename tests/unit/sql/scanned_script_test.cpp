// The scanner's split, for scripts written for a server newer than the parser: statements the
// parser rejects still run, and transaction control is still cut out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/script.hpp"

namespace pgpm::sql {
namespace {

// Syntax PostgreSQL 15 does not know (17's MERGE ... RETURNING), inside BEGIN ... COMMIT.
constexpr auto kNewerSyntax =
    "-- Deploy app:merge\n"
    "BEGIN;\n"
    "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id;\n"
    "  start TRANSACTION;\n"
    "SELECT ';' AS semicolon_in_a_string;\n"
    "COMMIT;\n"
    "-- trailing comment\n";

std::vector<std::string> statement_texts(const PreparedScript& script) {
    std::vector<std::string> texts;
    for (const Statement& s : script.statements())
        texts.push_back(script.original().substr(s.begin, s.end - s.begin));
    return texts;
}

TEST(ScannedScript, TheParserRejectsWhatTheScannerSplits) {
    EXPECT_FALSE(prepare_script(kNewerSyntax).errors.empty());
    const auto scanned = prepare_script_scanned(kNewerSyntax);
    ASSERT_TRUE(scanned.errors.empty());
    EXPECT_EQ(statement_texts(scanned.script),
              (std::vector<std::string>{
                  "BEGIN;",
                  "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id;",
                  "start TRANSACTION;", "SELECT ';' AS semicolon_in_a_string;", "COMMIT;"}));
}

TEST(ScannedScript, TransactionControlIsToldByItsKeywordsAndCutOut) {
    const auto scanned = prepare_script_scanned(kNewerSyntax);
    ASSERT_TRUE(scanned.errors.empty());
    std::vector<bool> cut;
    for (const auto& statement : scanned.script.statements())
        cut.push_back(statement.transaction_control);
    EXPECT_EQ(cut, (std::vector<bool>{true, false, true, false, true}));
    const auto& executable = scanned.script.executable();
    EXPECT_EQ(executable.find("BEGIN"), std::string::npos);
    EXPECT_EQ(executable.find("COMMIT"), std::string::npos);
    EXPECT_NE(executable.find("RETURNING t.id;"), std::string::npos);
    EXPECT_NE(executable.find("-- trailing comment"), std::string::npos);
    EXPECT_FALSE(scanned.script.is_non_transactional());
}

TEST(ScannedScript, PrepareAsANameIsNotTransactionControl) {
    const auto scanned =
        prepare_script_scanned("PREPARE q AS SELECT 1;\nPREPARE TRANSACTION 'x';\n");
    ASSERT_TRUE(scanned.errors.empty());
    ASSERT_EQ(scanned.script.statements().size(), 2U);
    EXPECT_FALSE(scanned.script.statements()[0].transaction_control);
    EXPECT_TRUE(scanned.script.statements()[1].transaction_control);
}

TEST(ScannedScript, PositionsMapBackPastCutStatements) {
    const auto scanned = prepare_script_scanned(kNewerSyntax);
    const auto& script = scanned.script;
    const auto in_executable = script.executable().find("RETURNING");
    EXPECT_EQ(script.original_offset(in_executable), std::string(kNewerSyntax).find("RETURNING"));
}

}  // namespace
}  // namespace pgpm::sql
