#include "sql/sql_lexer.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace pgpm::sql {
namespace {

std::size_t skip(std::string_view text) {
    return skip_blanks(text, 0, text.size());
}

// The text up to the end of its last token.
std::string_view tokens_of(std::string_view text) {
    return text.substr(0, end_of_last_token(text, 0, text.size()));
}

TEST(SqlLexer, SkipsWhitespaceAndComments) {
    EXPECT_EQ(skip(" \t\r\n\f SELECT"), 6u);
    EXPECT_EQ(skip("-- a; b\n-- c\r\nSELECT"), 14u);
    EXPECT_EQ(skip("/* a /* b; */ c */SELECT"), 18u);
    EXPECT_EQ(skip("/*/ still a comment */x"), 22u);
    EXPECT_EQ(skip("  -- only"), 9u);
    EXPECT_EQ(skip("/* unterminated"), 15u);
}

TEST(SqlLexer, StopsAtTheEndGiven) {
    const std::string_view text = "   SELECT";
    EXPECT_EQ(skip_blanks(text, 0, 2), 2u);
}

TEST(SqlLexer, LastTokenEndsBeforeTrailingComments) {
    EXPECT_EQ(tokens_of("SELECT 1 -- done\n"), "SELECT 1");
    EXPECT_EQ(tokens_of("SELECT 1 /* a /* b */ c */ \n"), "SELECT 1");
    EXPECT_EQ(tokens_of("SELECT 1"), "SELECT 1");
    EXPECT_EQ(tokens_of("-- nothing\n"), "");
}

TEST(SqlLexer, CommentMarkersInsideQuotesAreNotComments) {
    EXPECT_EQ(tokens_of("SELECT '-- x' -- y"), "SELECT '-- x'");
    EXPECT_EQ(tokens_of("SELECT 'it''s /* x' /* y */"), "SELECT 'it''s /* x'");
    EXPECT_EQ(tokens_of(R"(SELECT "a--""b" -- y)"), R"(SELECT "a--""b")");
    EXPECT_EQ(tokens_of(R"(SELECT E'\' -- x' -- y)"), R"(SELECT E'\' -- x')");
    EXPECT_EQ(tokens_of(R"(SELECT e'\\' -- y)"), R"(SELECT e'\\')");
}

TEST(SqlLexer, BackslashEscapesOnlyInEStrings) {
    // In a standard string a backslash is an ordinary character, so the string ends at the
    // second quote.
    EXPECT_EQ(tokens_of(R"(SELECT 'a\' -- y)"), R"(SELECT 'a\')");
    // `name` followed by a quote is a typed literal, not an E'' string.
    EXPECT_EQ(tokens_of(R"(SELECT name'a\' -- y)"), R"(SELECT name'a\')");
}

TEST(SqlLexer, DollarQuotes) {
    EXPECT_EQ(tokens_of("SELECT $$ -- x $$ -- y"), "SELECT $$ -- x $$");
    EXPECT_EQ(tokens_of("SELECT $fn$ $$ -- $x$ $fn$ -- y"), "SELECT $fn$ $$ -- $x$ $fn$");
    EXPECT_EQ(tokens_of("SELECT $1 -- y"), "SELECT $1");
    // `$` inside an identifier does not open a quote.
    EXPECT_EQ(tokens_of("SELECT a$b$ -- $b$"), "SELECT a$b$");
}

TEST(SqlLexer, CommentsStartInsideOperators) {
    EXPECT_EQ(tokens_of("SELECT 1+--2\n"), "SELECT 1+");
    EXPECT_EQ(tokens_of("SELECT 2*/* x */"), "SELECT 2*");
    EXPECT_EQ(tokens_of("SELECT 1e--5\n"), "SELECT 1e");
    EXPECT_EQ(tokens_of("SELECT 1e-5 -- x"), "SELECT 1e-5");
}

TEST(SqlLexer, MultibyteIdentifiers) {
    EXPECT_EQ(tokens_of("SELECT été -- ü"), "SELECT été");
}

}  // namespace
}  // namespace pgpm::sql
