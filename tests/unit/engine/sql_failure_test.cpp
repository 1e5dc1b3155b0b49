// How SQL errors are shown: located in the original script, with the server's fields and our
// hints for the causes we know.
#include "engine/sql_failure.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pgpm::engine {
namespace {

ChangeScript script_of(std::string text) {
    auto prepared = sql::prepare_script(std::move(text));
    EXPECT_TRUE(prepared.errors.empty());
    return {"deploy/users.sql", "hash", std::move(prepared.script)};
}

db::SqlError error_with(std::string sqlstate, std::string message) {
    db::SqlError error;
    error.severity = "ERROR";
    error.sqlstate = std::move(sqlstate);
    error.message = std::move(message);
    return error;
}

bool has_note_containing(const std::vector<std::string>& notes, std::string_view text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& note) {
        return note.find(text) != std::string::npos;
    });
}

TEST(SqlFailure, LocatesTheOffsetInCodePointsOfTheOriginalLine) {
    const auto script = script_of("-- café\nSELECT 'ü', nope;\n");
    const auto offset = script.prepared.original().find("nope");
    const auto diagnostic =
        script_error_at(script, error_with("42703", "column \"nope\" does not exist"), offset);
    EXPECT_EQ(diagnostic.where.file, "deploy/users.sql");
    EXPECT_EQ(diagnostic.where.line, 2);
    EXPECT_EQ(diagnostic.where.column, 13);
    EXPECT_EQ(diagnostic.source_line, "SELECT 'ü', nope;");
    EXPECT_EQ(diagnostic.message, "column \"nope\" does not exist [42703]");
}

TEST(SqlFailure, NotesCarryDetailHintAndEveryContextLine) {
    auto error = error_with("P0001", "boom");
    error.detail = "the detail";
    error.hint = "the hint";
    error.context = "PL/pgSQL function f() line 3 at RAISE\nSQL statement \"SELECT f()\"";
    const auto notes = error_notes(error);
    ASSERT_EQ(notes.size(), 3U);
    EXPECT_EQ(notes[0], "DETAIL: the detail");
    EXPECT_EQ(notes[1], "HINT: the hint");
    EXPECT_EQ(notes[2],
              "CONTEXT: PL/pgSQL function f() line 3 at RAISE\n         SQL statement \"SELECT "
              "f()\"");
}

TEST(SqlFailure, MissingBootstrapRoleHintsToRunBootstrap) {
    const auto notes = error_notes(error_with("42704", "role \"authenticated\" does not exist"));
    EXPECT_TRUE(has_note_containing(notes, "pgpm admin-users bootstrap"));
}

TEST(SqlFailure, OtherMissingRolesGetNoBootstrapHint) {
    const auto notes = error_notes(error_with("42704", "role \"reporting\" does not exist"));
    EXPECT_FALSE(has_note_containing(notes, "bootstrap"));
}

TEST(SqlFailure, MissingContribExtensionNamesThePackage) {
    const auto notes = error_notes(error_with(
        "58P01",
        "could not open extension control file "
        "\"/usr/share/postgresql/15/extension/citext.control\": No such file or directory"));
    EXPECT_TRUE(has_note_containing(notes, "postgresql-contrib"));
}

TEST(SqlFailure, UnavailableExtensionOfNewerServersIsRecognisedToo) {
    const auto notes = error_notes(error_with("0A000", "extension \"postgis\" is not available"));
    EXPECT_TRUE(has_note_containing(notes, "postgis"));
}

}  // namespace
}  // namespace pgpm::engine
