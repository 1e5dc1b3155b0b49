#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.hpp"

// Every rule of SPEC §1.1 a plan can break, each with its message and line:column.
namespace pgpm::plan {
namespace {

// "LINE:COLUMN: MESSAGE" per diagnostic, in the order reported.
std::vector<std::string> errors_of(std::string_view text) {
    const ParseResult result = parse_plan(std::string(text), "packages/app/pgpm.plan");
    std::vector<std::string> errors;
    for (const Diagnostic& d : result.diagnostics) {
        EXPECT_EQ(d.severity, Severity::error);
        EXPECT_EQ(d.where.file, "packages/app/pgpm.plan");
        errors.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) +
                         ": " + d.message);
    }
    return errors;
}

using Errors = std::vector<std::string>;

TEST(PlanParserErrors, MissingProjectIsReportedAtTheFirstLine) {
    EXPECT_EQ(errors_of("a\n"), Errors{"1:1: missing %project pragma"});
    EXPECT_EQ(errors_of(""), Errors{"1:1: missing %project pragma"});
    EXPECT_EQ(errors_of("%projects=app\n"), Errors{"1:1: missing %project pragma"});
}

TEST(PlanParserErrors, BadPragmas) {
    EXPECT_EQ(errors_of("%project=\n"), Errors{"1:10: missing module name after \"%project=\""});
    EXPECT_EQ(errors_of("%project app\n"), Errors{"1:9: expected \"=\" after \"%project\""});
    EXPECT_EQ(errors_of("%project=app\n%uri https://example.com\n"),
              Errors{"2:5: expected \"=\" after \"%uri\""});
    EXPECT_EQ(errors_of("%project=app\n%project=other\n%project=app\n"),
              Errors{"2:10: conflicting %project \"other\" (line 1 says \"app\")"});
}

TEST(PlanParserErrors, InvalidChangeNamePointsAtTheNameInTheUntrimmedLine) {
    EXPECT_EQ(errors_of("%project=app\n  foo+\n\t-bar\n"),
              (Errors{"2:3: invalid change name \"foo+\": the last character must not be "
                      "punctuation other than \"_\"",
                      "3:2: invalid change name \"-bar\": the first character must not be "
                      "punctuation other than \"_\""}));
    EXPECT_EQ(errors_of("%project=app\na#b\n"),
              Errors{"2:1: invalid change name \"a#b\": \"#\" is not allowed"});
    EXPECT_EQ(errors_of("%project=app\na//b\n"),
              Errors{"2:1: invalid change name \"a//b\": a \"/\"-separated path segment must not "
                     "be empty"});
    EXPECT_EQ(errors_of("%project=app\nb[a]\n"),
              Errors{"2:1: invalid change name \"b[a]\": the last character must not be "
                     "punctuation other than \"_\""});
}

TEST(PlanParserErrors, DuplicateChangePointsAtTheSecondAndNamesTheFirstLine) {
    EXPECT_EQ(errors_of("%project=app\na\nusers\nb\n  users [a]\n"),
              Errors{"5:3: duplicate change \"users\" (first defined at line 3)"});
}

TEST(PlanParserErrors, DependenciesMustBeDefinedBefore) {
    EXPECT_EQ(errors_of("%project=app\na [orders]\norders\n"),
              Errors{"2:4: dependency \"orders\" is not defined before this change"});
    EXPECT_EQ(errors_of("%project=app\na\nb [a  nope]\n"),
              Errors{"3:7: unknown dependency \"nope\""});
    EXPECT_EQ(errors_of("%project=app\na [a]\n"), Errors{"2:4: change \"a\" depends on itself"});
    EXPECT_EQ(errors_of("%project=app\na [app:b]\nb\n"),
              Errors{"2:4: dependency \"app:b\" is not defined before this change"});
    EXPECT_EQ(errors_of("%project=app\na [ app:a]\n"),
              Errors{"2:5: change \"a\" depends on itself"});
}

TEST(PlanParserErrors, ADuplicateChangesDependenciesAreStillChecked) {
    EXPECT_EQ(errors_of("%project=app\na\na [nope]\n"),
              (Errors{"3:1: duplicate change \"a\" (first defined at line 2)",
                      "3:4: unknown dependency \"nope\""}));
}

TEST(PlanParserErrors, HeadAndRootAreOnlyNames) {
    EXPECT_EQ(errors_of("%project=app\na\nb [HEAD @ROOT]\n"),
              (Errors{"3:4: unknown dependency \"HEAD\"", "3:9: unknown dependency \"@ROOT\""}));
}

TEST(PlanParserErrors, TagDependenciesMustBeTagsAbove) {
    EXPECT_EQ(errors_of("%project=app\na\nb [@v1]\n@v1\nc [@v9]\n"),
              (Errors{"3:4: dependency \"@v1\" is not defined before this change",
                      "5:4: unknown dependency \"@v9\""}));
}

TEST(PlanParserErrors, ATagNamingItsChangeIsDefinedWhereItsLineIs) {
    EXPECT_EQ(errors_of("%project=app\na\nb [@v1]\n@v1 a\nc [@v1]\n"),
              Errors{"3:4: dependency \"@v1\" is not defined before this change"});
}

TEST(PlanParserErrors, CrossModuleReferencesAreLeftToTheWorkspace) {
    EXPECT_TRUE(errors_of("%project=app\na [other:nope other:@nope]\n").empty());
}

TEST(PlanParserErrors, InvalidDependencyReferences) {
    EXPECT_EQ(
        errors_of("%project=app\na\nb [a:b:c :x other: base^ a~2 x@v1 !@v1 foo+ @v/1]\n"),
        (Errors{
            "3:4: invalid dependency reference \"a:b:c\": expected change, @tag, module:change, "
            "module:@tag or !change",
            "3:10: invalid dependency reference \":x\": expected change, @tag, module:change, "
            "module:@tag or !change",
            "3:13: invalid dependency reference \"other:\": the name is empty",
            "3:20: invalid dependency reference \"base^\": relative references such as "
            "\"change^\" or \"@tag~1\" are not supported",
            "3:26: invalid dependency reference \"a~2\": relative references such as \"change^\" "
            "or \"@tag~1\" are not supported",
            "3:30: invalid dependency reference \"x@v1\": \"change@tag\" references are not "
            "supported",
            "3:35: invalid dependency reference \"!@v1\": a conflict names a change, not a tag",
            "3:40: invalid dependency reference \"foo+\": the last character must not be "
            "punctuation other than \"_\"",
            "3:45: invalid dependency reference \"@v/1\": the name must not end in \"/\" followed "
            "by digits",
        }));
}

TEST(PlanParserErrors, DependencyListSyntax) {
    EXPECT_EQ(errors_of("%project=app\na\nb [a\n"),
              Errors{"3:3: unterminated dependency list: missing \"]\""});
    EXPECT_EQ(errors_of("%project=app\na\nb [a]x\n"),
              Errors{"3:6: expected whitespace after the \"]\" of the dependencies"});
    EXPECT_EQ(errors_of("%project=app\na\nb [a] junk\n"),
              Errors{"3:7: expected a timestamp YYYY-MM-DDThh:mm:ssZ after the dependencies, "
                     "found \"junk\""});
    EXPECT_EQ(errors_of("%project=app\na\nb [a] [a]\n"),
              Errors{"3:7: expected a timestamp YYYY-MM-DDThh:mm:ssZ after the dependencies, "
                     "found \"[a]\""});
}

TEST(PlanParserErrors, UnexpectedWordAfterTheName) {
    EXPECT_EQ(errors_of("%project=app\na <j@x>\n"),
              Errors{"2:3: expected dependencies \"[...]\", a timestamp YYYY-MM-DDThh:mm:ssZ or a "
                     "\"#\" note after the change name, found \"<j@x>\""});
}

TEST(PlanParserErrors, Timestamps) {
    EXPECT_EQ(errors_of("%project=app\na 2024-01-01T00:00:00.5Z\n"),
              Errors{"2:3: invalid timestamp \"2024-01-01T00:00:00.5Z\": expected "
                     "YYYY-MM-DDThh:mm:ssZ (UTC, whole seconds)"});
    EXPECT_EQ(errors_of("%project=app\na [] 2024-01-01T00:00:00+02:00\n"),
              Errors{"2:6: invalid timestamp \"2024-01-01T00:00:00+02:00\": expected "
                     "YYYY-MM-DDThh:mm:ssZ (UTC, whole seconds)"});
    EXPECT_EQ(errors_of("%project=app\na 2024-13-01T00:00:00Z\n"),
              Errors{"2:3: invalid timestamp \"2024-13-01T00:00:00Z\": a date or time field is "
                     "out of range"});
}

TEST(PlanParserErrors, EmailSyntax) {
    EXPECT_EQ(errors_of("%project=app\na 2024-01-01T00:00:00Z Jane <jane@x\n"),
              Errors{"2:29: email must be enclosed in <>: missing \">\""});
    EXPECT_EQ(errors_of("%project=app\nb\na 2024-01-01T00:00:00Z Jane <j@x> [b]\n"),
              Errors{"3:35: unexpected \"[b]\" after the email"});
    EXPECT_EQ(errors_of("%project=app\na 2024-01-01T00:00:00Z Jane <j@x>#x\n"),
              Errors{"2:34: unexpected \"#x\" after the email"});
}

TEST(PlanParserErrors, TagLineSignature) {
    EXPECT_EQ(errors_of("%project=app\na\n@v1 2024-01-01T00:00:00Z\n"),
              Errors{"3:25: tag line needs planner and <email> after its timestamp"});
    EXPECT_EQ(errors_of("%project=app\na\n@v1 2024-01-01T00:00:00Z Jane Doe  # note\n"),
              Errors{"3:34: tag line needs planner and <email> after its timestamp"});
    EXPECT_EQ(errors_of("%project=app\na\n@v1 2024-01-01T00:00:00Z <j@x>\n"),
              Errors{"3:25: tag line needs planner and <email> after its timestamp"});
    EXPECT_EQ(errors_of("%project=app\na\n@v1 a junk\n"),
              Errors{"3:7: expected a timestamp YYYY-MM-DDThh:mm:ssZ after the tagged change "
                     "\"a\", found \"junk\""});
    EXPECT_EQ(errors_of("%project=app\na\n@v1 2024-01-01T00:00:00.0Z J <j@x>\n"),
              Errors{"3:5: invalid timestamp \"2024-01-01T00:00:00.0Z\": expected "
                     "YYYY-MM-DDThh:mm:ssZ (UTC, whole seconds)"});
}

TEST(PlanParserErrors, TagRules) {
    EXPECT_EQ(errors_of("%project=app\n  @v1\na\n"),
              Errors{"2:3: tag \"v1\" has no change above it"});
    EXPECT_EQ(errors_of("%project=app\na\n@v1\nb\n @v1\n"),
              Errors{"5:2: duplicate tag \"v1\" (first defined at line 3)"});
    EXPECT_EQ(errors_of("%project=app\na\n@v1 b 2024-01-01T00:00:00Z J <j@x>\nb\n"),
              Errors{"3:5: tag \"v1\" names change \"b\", which is not defined above it"});
    EXPECT_EQ(errors_of("%project=app\na\n@v/1\n@\n@ v2\n"),
              (Errors{"3:2: invalid tag name \"v/1\": the name must not end in \"/\" followed "
                      "by digits",
                      "4:1: missing tag name after \"@\"", "5:1: missing tag name after \"@\""}));
    EXPECT_EQ(errors_of("%project=app\na\n@rel/x\n"),
              Errors{"3:2: invalid tag name \"rel/x\": \"/\" is not allowed in a tag name"});
}

TEST(PlanParserErrors, ColumnsCountCodePointsAndTabsAsOne) {
    EXPECT_EQ(errors_of("%project=app\nтаблица [nope]\n\t\tcafé [x+]\n"),
              (Errors{"2:10: unknown dependency \"nope\"",
                      "3:9: invalid dependency reference \"x+\": the last character must not be "
                      "punctuation other than \"_\""}));
}

TEST(PlanParserErrors, DiagnosticsCarryTheOriginalLine) {
    const ParseResult result = parse_plan("%project=app\r\n\t foo+ \r\n", "p/pgpm.plan");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].source_line, "\t foo+ ");
    EXPECT_EQ(result.diagnostics[0].where.column, 3);
    EXPECT_EQ(result.diagnostics[0].where.file, "p/pgpm.plan");

    const ParseResult missing = parse_plan("  a\n", "p/pgpm.plan");
    ASSERT_EQ(missing.diagnostics.size(), 1u);
    EXPECT_EQ(missing.diagnostics[0].source_line, "  a");
}

TEST(PlanParserErrors, ABrokenLineDoesNotCascade) {
    // The invalid change is not in the plan, but neither the tag nor later lines blame it.
    EXPECT_EQ(errors_of("%project=app\nfoo+\n@v1\n"),
              Errors{"2:1: invalid change name \"foo+\": the last character must not be "
                     "punctuation other than \"_\""});
    // A change with a bad timestamp still counts as defined.
    EXPECT_EQ(errors_of("%project=app\nusers 2024-99-01T00:00:00Z\nposts [users]\n"),
              Errors{"2:7: invalid timestamp \"2024-99-01T00:00:00Z\": a date or time field is "
                     "out of range"});
}

TEST(PlanParserErrors, EveryProblemOfTheFileIsReportedInLineOrder) {
    const std::string_view text =
        "%uri=app\n"                          // 1
        "a [later]\n"                         // 2
        "a\n"                                 // 3
        "b+ [nope]\n"                         // 4
        "later [a] 2024-01-01T00:00:00.5Z\n"  // 5
        "@v1 2024-01-01T00:00:00Z\n"          // 6
        "c [a:b:c @v1 @v2]\n";                // 7
    EXPECT_EQ(errors_of(text),
              (Errors{
                  "1:1: missing %project pragma",
                  "2:4: dependency \"later\" is not defined before this change",
                  "3:1: duplicate change \"a\" (first defined at line 2)",
                  "4:1: invalid change name \"b+\": the last character must not be punctuation "
                  "other than \"_\"",
                  "4:5: unknown dependency \"nope\"",
                  "5:11: invalid timestamp \"2024-01-01T00:00:00.5Z\": expected "
                  "YYYY-MM-DDThh:mm:ssZ (UTC, whole seconds)",
                  "6:25: tag line needs planner and <email> after its timestamp",
                  "7:4: invalid dependency reference \"a:b:c\": expected change, @tag, "
                  "module:change, module:@tag or !change",
                  "7:14: unknown dependency \"@v2\"",
              }));
}

}  // namespace
}  // namespace pgpm::plan
