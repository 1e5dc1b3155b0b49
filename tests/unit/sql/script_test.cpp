#include "sql/script.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "diag/text_position.hpp"

namespace pgpm::sql {
namespace {

PreparedScript prepared(std::string text) {
    PrepareResult result = prepare_script(std::move(text));
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().message;
    return std::move(result.script);
}

// Each statement's text from its first token through its `;`.
std::vector<std::string> statement_texts(const PreparedScript& script) {
    std::vector<std::string> texts;
    for (const Statement& s : script.statements()) {
        texts.push_back(script.original().substr(s.begin, s.end - s.begin));
    }
    return texts;
}

using Texts = std::vector<std::string>;

TEST(Script, BeginCommitWrapperIsCutKeepingEveryOtherByte) {
    const auto script = prepared(
        "-- Deploy app:users\n"
        "BEGIN;\n"
        "\n"
        "CREATE TABLE users (id int); -- the table\n"
        "/* done */\n"
        "COMMIT;\n");
    EXPECT_EQ(statement_texts(script),
              (Texts{"BEGIN;", "CREATE TABLE users (id int);", "COMMIT;"}));
    EXPECT_EQ(script.executable(),
              "-- Deploy app:users\n"
              "\n"
              "\n"
              "CREATE TABLE users (id int); -- the table\n"
              "/* done */\n"
              "\n");
    EXPECT_FALSE(script.is_empty());
    EXPECT_FALSE(script.is_non_transactional());
}

TEST(Script, RecordsNodeNamesAndTransactionControl) {
    const auto script = prepared("BEGIN; CREATE TABLE t (); COMMIT;");
    ASSERT_EQ(script.statements().size(), 3u);
    EXPECT_EQ(script.statements()[0].node, "TransactionStmt");
    EXPECT_TRUE(script.statements()[0].transaction_control);
    EXPECT_EQ(script.statements()[1].node, "CreateStmt");
    EXPECT_FALSE(script.statements()[1].transaction_control);
    EXPECT_TRUE(script.statements()[2].transaction_control);
}

TEST(Script, StartTransactionWithOptionsIsCut) {
    const auto script =
        prepared("START TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nUPDATE t SET a = 1;\nEND;\n");
    EXPECT_EQ(script.executable(), "\nUPDATE t SET a = 1;\n\n");
}

TEST(Script, SavepointsAreCut) {
    const auto script = prepared(
        "SAVEPOINT a;\nINSERT INTO t VALUES (1);\nROLLBACK TO a;\nRELEASE a;\n"
        "ROLLBACK TO SAVEPOINT a;\nRELEASE SAVEPOINT a;\n");
    EXPECT_EQ(script.executable(), "\nINSERT INTO t VALUES (1);\n\n\n\n\n");
}

TEST(Script, RollbackAtTheEndOfAVerifyScriptIsCut) {
    const auto script =
        prepared("-- Verify app:users\nBEGIN;\nSELECT id FROM users WHERE false;\nROLLBACK;\n");
    EXPECT_EQ(script.executable(), "-- Verify app:users\n\nSELECT id FROM users WHERE false;\n\n");
}

TEST(Script, EveryTransactionStatementIsControl) {
    for (const char* sql :
         {"BEGIN", "BEGIN WORK", "START TRANSACTION", "COMMIT", "COMMIT AND CHAIN", "END",
          "ROLLBACK", "ABORT", "SAVEPOINT s", "RELEASE s", "ROLLBACK TO s",
          "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'"}) {
        const auto script = prepared(sql);
        ASSERT_EQ(script.statements().size(), 1u) << sql;
        EXPECT_TRUE(script.statements()[0].transaction_control) << sql;
        EXPECT_TRUE(script.is_empty()) << sql;
        EXPECT_EQ(script.executable(), "") << sql;
    }
}

TEST(Script, StatementOffsetsCountBytesAfterMultibyteText) {
    const auto script = prepared("SELECT 'ééé';\nBEGIN;\nSELECT 'ü';\nCOMMIT;");
    EXPECT_EQ(statement_texts(script),
              (Texts{"SELECT 'ééé';", "BEGIN;", "SELECT 'ü';", "COMMIT;"}));
    EXPECT_EQ(script.executable(), "SELECT 'ééé';\n\nSELECT 'ü';\n");
}

TEST(Script, CutsBetweenAdjacentStatementsExactly) {
    const auto script = prepared("SELECT 1;BEGIN;SELECT 2;COMMIT;");
    EXPECT_EQ(script.executable(), "SELECT 1;SELECT 2;");
}

TEST(Script, DollarQuotedBodiesAreNotSplitOrCut) {
    const std::string function =
        "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  PERFORM 1; COMMIT;\n"
        "END;\n"
        "$$;";
    const std::string tagged =
        "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT 'BEGIN; $$ END;' $fn$;";
    const std::string procedure = "DO $body$ BEGIN ROLLBACK; END $body$;";
    const auto script =
        prepared("BEGIN;\n" + function + "\n" + tagged + "\n" + procedure + "\nCOMMIT;\n");
    EXPECT_EQ(statement_texts(script), (Texts{"BEGIN;", function, tagged, procedure, "COMMIT;"}));
    EXPECT_EQ(script.executable(), "\n" + function + "\n" + tagged + "\n" + procedure + "\n\n");
}

TEST(Script, SqlStandardFunctionBodyIsOneStatement) {
    const std::string function =
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql\n"
        "BEGIN ATOMIC\n"
        "  SELECT 1;\n"
        "  SELECT 2;\n"
        "END;";
    const auto script = prepared("BEGIN;\n" + function + "\nCOMMIT;");
    EXPECT_EQ(statement_texts(script), (Texts{"BEGIN;", function, "COMMIT;"}));
    EXPECT_EQ(script.executable(), "\n" + function + "\n");
}

TEST(Script, EscapeStringsAreOneStatement) {
    const auto script = prepared(R"(SELECT E'it\'s; BEGIN;'; SELECT 'a\'; SELECT 2;)");
    EXPECT_EQ(statement_texts(script),
              (Texts{R"(SELECT E'it\'s; BEGIN;';)", R"(SELECT 'a\';)", "SELECT 2;"}));
}

TEST(Script, SemicolonsInCommentsDoNotSplit) {
    const auto script = prepared(
        "SELECT 1 /* a /* b; COMMIT; */ c; */ + 1;\n"
        "SELECT 2 -- x; COMMIT;\n"
        "  + 2;\n");
    EXPECT_EQ(statement_texts(script), (Texts{"SELECT 1 /* a /* b; COMMIT; */ c; */ + 1;",
                                              "SELECT 2 -- x; COMMIT;\n  + 2;"}));
    EXPECT_EQ(script.executable(), script.original());
}

TEST(Script, StatementsStartAtTheirFirstToken) {
    const std::string text = "/* a; */ -- b;\n  SELECT 1 ;\n-- c\nBEGIN /* x */ ;";
    const auto script = prepared(text);
    EXPECT_EQ(statement_texts(script), (Texts{"SELECT 1 ;", "BEGIN /* x */ ;"}));
    EXPECT_EQ(script.executable(), "/* a; */ -- b;\n  SELECT 1 ;\n-- c\n");
}

TEST(Script, LastStatementWithoutSemicolonEndsAtItsLastToken) {
    const std::string text = "SELECT 1;\nSELECT 'x -- y' -- done;\n/* end */\n";
    const auto script = prepared(text);
    EXPECT_EQ(statement_texts(script), (Texts{"SELECT 1;", "SELECT 'x -- y'"}));
}

TEST(Script, TransactionControlWithoutSemicolonKeepsTrailingComment) {
    const auto script = prepared("CREATE TABLE t ();\nCOMMIT -- end\n");
    EXPECT_EQ(script.executable(), "CREATE TABLE t ();\n -- end\n");
}

TEST(Script, EmptyStatementsAreIgnored) {
    const auto script = prepared(";; SELECT 1;;\n; BEGIN;;");
    EXPECT_EQ(statement_texts(script), (Texts{"SELECT 1;", "BEGIN;"}));
    EXPECT_EQ(script.executable(), ";; SELECT 1;;\n; ;");
}

TEST(Script, CreateRuleWithSeveralActionsIsOneStatement) {
    const std::string rule =
        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
        "INSERT INTO b VALUES (2));";
    const auto script = prepared(rule + "\nSELECT 1;");
    EXPECT_EQ(statement_texts(script), (Texts{rule, "SELECT 1;"}));
    EXPECT_EQ(script.statements()[0].node, "RuleStmt");
}

TEST(Script, CommentOnlyScriptsAreEmpty) {
    for (const char* text : {"", "  \n", "-- nothing to do\n", "/* a /* b */ c */", ";",
                             "BEGIN;\n-- nothing\nCOMMIT;\n", "\xEF\xBB\xBF"}) {
        const auto script = prepared(text);
        EXPECT_TRUE(script.is_empty()) << text;
        EXPECT_FALSE(script.is_non_transactional()) << text;
    }
}

TEST(Script, ByteOrderMarkIsNotExecutedButOffsetsIncludeIt) {
    const std::string text =
        "\xEF\xBB\xBF"
        "BEGIN;\nSELECT 1;\nCOMMIT;\n";
    const auto script = prepared(text);
    EXPECT_EQ(script.original(), text);
    EXPECT_EQ(script.executable(), "\nSELECT 1;\n\n");
    ASSERT_EQ(script.statements().size(), 3u);
    EXPECT_EQ(script.statements()[0].begin, 3u);
    EXPECT_EQ(script.statements()[1].begin, 10u);
    EXPECT_EQ(script.statements()[1].end, 19u);
    EXPECT_EQ(script.original_offset(1), 10u);
}

TEST(Script, ByteOrderMarkAloneBeforeAStatement) {
    const auto script = prepared("\xEF\xBB\xBFSELECT 1");
    EXPECT_EQ(script.executable(), "SELECT 1");
    EXPECT_EQ(statement_texts(script), (Texts{"SELECT 1"}));
    EXPECT_EQ(script.original_offset(0), 3u);
}

TEST(Script, SyntaxErrorOffsetCountsBytes) {
    const std::string text = "-- é\nSELECT 'ééé'; CREATE TABLEX t ();\n";
    const PrepareResult result = prepare_script(text);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message, "syntax error at or near \"TABLEX\"");
    EXPECT_EQ(result.errors[0].offset, text.find("TABLEX"));
    const LinePosition position = LineIndex(text).position_of(result.errors[0].offset);
    EXPECT_EQ(position.line, 2);
    EXPECT_EQ(position.column, 22);
}

TEST(Script, SyntaxErrorOffsetIncludesByteOrderMark) {
    const std::string text =
        "\xEF\xBB\xBF"
        "SELECT 'ü'; SELEC 1;";
    const PrepareResult result = prepare_script(text);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].offset, text.find("SELEC 1"));
}

TEST(Script, SyntaxErrorAtEndOfInput) {
    const std::string text = "SELECT ('é'";
    const PrepareResult result = prepare_script(text);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message, "syntax error at end of input");
    EXPECT_EQ(result.errors[0].offset, text.size());
}

TEST(Script, UnterminatedQuotesAreSyntaxErrors) {
    const std::string text = "SELECT 1;\nSELECT $fn$ BEGIN; COMMIT;";
    const PrepareResult result = prepare_script(text);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].offset, text.find("$fn$"));
    EXPECT_NE(result.errors[0].message.find("unterminated dollar-quoted string"),
              std::string::npos);
}

TEST(Script, NulByteIsAnError) {
    const std::string text("SELECT 1;\0SELECT 2;", 19);
    const PrepareResult result = prepare_script(text);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].offset, 9u);
}

TEST(Script, ServerCharacterPositionMapsBackAcrossCutStatements) {
    const std::string text =
        "BEGIN;\nINSERT INTO t VALUES ('ééé');\nSELECT nope FROM t;\nCOMMIT;\n";
    const auto script = prepared(text);
    // The server counts characters into what it received: "\nINSERT ... ('ééé');\nSELECT ".
    EXPECT_EQ(script.original_offset_of_character(39), text.find("nope"));
    EXPECT_EQ(script.original_offset_of_character(1), text.find('\n'));
    EXPECT_EQ(script.original_offset_of_character(2), text.find("INSERT"));
}

TEST(Script, CharacterPositionsAfterByteOrderMarkAndCut) {
    const std::string text =
        "\xEF\xBB\xBF"
        "START TRANSACTION;SELECT 'ü', nope;";
    const auto script = prepared(text);
    EXPECT_EQ(script.executable(), "SELECT 'ü', nope;");
    EXPECT_EQ(script.original_offset_of_character(13), text.find("nope"));
}

TEST(Script, ExecutableOffsetsMapToTheOriginal) {
    const std::string text = "BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;";
    const auto script = prepared(text);
    ASSERT_EQ(script.executable(), "\nSELECT 1;\n\nSELECT 2;");
    EXPECT_EQ(script.original_offset(0), 6u);
    EXPECT_EQ(script.original_offset(1), 7u);
    EXPECT_EQ(script.original_offset(10), 16u);  // the newline before COMMIT
    EXPECT_EQ(script.original_offset(11), 24u);  // the newline after it
    EXPECT_EQ(script.original_offset(12), 25u);
    EXPECT_EQ(script.original_offset(script.executable().size()), text.size());
    EXPECT_EQ(script.original_offset(1000), text.size());
}

TEST(Script, EveryExecutableByteMapsToTheSameOriginalByte) {
    const std::string text =
        "\xEF\xBB\xBF-- é\nBEGIN;SELECT 'ü';\nSAVEPOINT s;/* ; */SELECT $$;$$;RELEASE s;\n"
        "SELECT 1\n;ROLLBACK TO s;COMMIT;\n";
    const auto script = prepared(text);
    ASSERT_EQ(script.executable(), "-- é\nSELECT 'ü';\n/* ; */SELECT $$;$$;\nSELECT 1\n;\n");
    for (std::size_t i = 0; i < script.executable().size(); ++i) {
        const std::size_t original = script.original_offset(i);
        ASSERT_LT(original, text.size());
        EXPECT_EQ(text[original], script.executable()[i]) << i;
    }
}

TEST(Script, EndOfTextAfterATrailingCutMapsToTheEndOfTheOriginal) {
    const std::string text = "SELECT 1;\nCOMMIT;";
    const auto script = prepared(text);
    EXPECT_EQ(script.executable(), "SELECT 1;\n");
    EXPECT_EQ(script.original_offset(10), text.size());
}

TEST(Script, LargeScriptsAreSplitCompletely) {
    std::string text = "BEGIN;\n";
    for (int i = 0; i < 20000; ++i) {
        text += "INSERT INTO t VALUES (" + std::to_string(i) + ", 'é;--');\n";
    }
    text += "COMMIT;\n";
    const auto script = prepared(text);
    EXPECT_EQ(script.statements().size(), 20002u);
    EXPECT_EQ(script.executable().size(), text.size() - 6 - 7);
}

}  // namespace
}  // namespace pgpm::sql
