#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "plan/plan.hpp"

// Plans that must parse without a diagnostic, and what the parser makes of them.
namespace pgpm::plan {
namespace {

Plan parse_valid(std::string_view text) {
    ParseResult result = parse_plan(std::string(text), "packages/app/pgpm.plan");
    for (const Diagnostic& d : result.diagnostics) {
        ADD_FAILURE() << d.where.line << ":" << d.where.column << ": " << d.message;
    }
    return std::move(result.plan);
}

TEST(PlanParser, ReadsTheOriginalsFullChangeLine) {
    const Plan plan = parse_valid(
        "%syntax-version=1.0.0\n"
        "%project=myfirstapp\n"
        "%uri=myfirstapp\n"
        "\n"
        "schema_myfirstapp 2017-08-11T08:11:51Z constructive <constructive@5b0c196eeb62> # add "
        "schema_myfirstapp\n"
        "table_users [schema_myfirstapp] 2017-08-11T08:11:51Z constructive "
        "<constructive@5b0c196eeb62> # add table_users\n");
    EXPECT_EQ(plan.path, "packages/app/pgpm.plan");
    EXPECT_EQ(plan.syntax_version, "1.0.0");
    EXPECT_EQ(plan.project, "myfirstapp");
    EXPECT_EQ(plan.project_line, 2);
    EXPECT_EQ(plan.uri, "myfirstapp");
    ASSERT_EQ(plan.changes.size(), 2u);

    const Change& users = plan.changes[1];
    EXPECT_EQ(users.name, "table_users");
    EXPECT_EQ(users.line, 6);
    EXPECT_EQ(users.timestamp, "2017-08-11T08:11:51Z");
    EXPECT_EQ(users.planner, "constructive");
    EXPECT_EQ(users.email, "constructive@5b0c196eeb62");
    EXPECT_EQ(users.note, "add table_users");
    ASSERT_EQ(users.dependencies.size(), 1u);
    const Dependency& dependency = users.dependencies[0];
    EXPECT_EQ(dependency.kind, Dependency::Kind::change);
    EXPECT_EQ(dependency.module, "");
    EXPECT_EQ(dependency.name, "schema_myfirstapp");
    EXPECT_EQ(dependency.text, "schema_myfirstapp");
    EXPECT_EQ(dependency.column, 14);
}

TEST(PlanParser, PragmasTolerateBlanksAndUnknownOnesAreIgnored) {
    const Plan plan = parse_valid(
        "%foo=bar\n"
        "%not a pragma we know\n"
        "%project = app \n"
        "%uri= https://example.com/app\n"
        "%syntax-version =1.0.0\n"
        "%project=app\n"
        "a\n");
    EXPECT_EQ(plan.project, "app");
    EXPECT_EQ(plan.project_line, 3);
    EXPECT_EQ(plan.uri, "https://example.com/app");
    EXPECT_EQ(plan.syntax_version, "1.0.0");
}

TEST(PlanParser, ToleratesCrlfIndentationBlankLinesAndNoFinalNewline) {
    const Plan plan = parse_valid(
        "%project=app\r\n"
        "\r\n"
        "  \t \r\n"
        "\t a [ ] \r\n"
        "# comment\r\n"
        "   # indented comment\r\n"
        "  b\t[a]\r\n"
        "c [ \ta\t  b ]");
    ASSERT_EQ(plan.changes.size(), 3u);
    EXPECT_EQ(plan.changes[0].name, "a");
    EXPECT_EQ(plan.changes[0].line, 4);
    EXPECT_TRUE(plan.changes[0].dependencies.empty());
    ASSERT_EQ(plan.changes[1].dependencies.size(), 1u);
    EXPECT_EQ(plan.changes[1].dependencies[0].column, 6);
    ASSERT_EQ(plan.changes[2].dependencies.size(), 2u);
    EXPECT_EQ(plan.changes[2].dependencies[0].name, "a");
    EXPECT_EQ(plan.changes[2].dependencies[0].column, 6);
    EXPECT_EQ(plan.changes[2].dependencies[1].name, "b");
    EXPECT_EQ(plan.changes[2].dependencies[1].column, 10);
    EXPECT_EQ(plan.changes[2].line, 8);
}

TEST(PlanParser, SkipsAByteOrderMark) {
    const Plan plan = parse_valid("\xEF\xBB\xBF%project=app\na\n");
    EXPECT_EQ(plan.project, "app");
    EXPECT_EQ(plan.changes.size(), 1u);
}

TEST(PlanParser, PlannerMayContainSpacesAndEmailIsOptional) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "d 2024-01-01T00:00:00Z Jane Q Doe\n"
        "e [d] 2024-01-01T00:00:00Z   Jane Q Doe   <jane@example.org>\n"
        "f 2024-01-01T00:00:00Z <f@example.org>\n"
        "g 2024-01-01T00:00:00Z Jane#1<g@example.org>\n"
        "h 2024-01-01T00:00:00Z\n");
    ASSERT_EQ(plan.changes.size(), 5u);
    EXPECT_EQ(plan.changes[0].planner, "Jane Q Doe");
    EXPECT_EQ(plan.changes[0].email, "");
    EXPECT_EQ(plan.changes[1].planner, "Jane Q Doe");
    EXPECT_EQ(plan.changes[1].email, "jane@example.org");
    EXPECT_EQ(plan.changes[2].planner, "");
    EXPECT_EQ(plan.changes[2].email, "f@example.org");
    EXPECT_EQ(plan.changes[3].planner, "Jane#1");
    EXPECT_EQ(plan.changes[3].email, "g@example.org");
    EXPECT_EQ(plan.changes[4].timestamp, "2024-01-01T00:00:00Z");
    EXPECT_EQ(plan.changes[4].planner, "");
}

TEST(PlanParser, NotesRunToTheEndOfTheLineAndNeedNoTimestamp) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "a 2024-01-01T00:00:00Z Jane <j@x> # fix #12 and # more  \n"
        "b # note without timestamp\n"
        "c [a b] # after dependencies\n"
        "d #tight\n"
        "e 2024-01-01T00:00:00Z Jane # no email\n"
        "f #\n");
    ASSERT_EQ(plan.changes.size(), 6u);
    EXPECT_EQ(plan.changes[0].note, "fix #12 and # more");
    EXPECT_EQ(plan.changes[0].planner, "Jane");
    EXPECT_EQ(plan.changes[1].note, "note without timestamp");
    EXPECT_EQ(plan.changes[1].timestamp, "");
    EXPECT_EQ(plan.changes[2].note, "after dependencies");
    EXPECT_EQ(plan.changes[2].dependencies.size(), 2u);
    EXPECT_EQ(plan.changes[3].note, "tight");
    EXPECT_EQ(plan.changes[4].planner, "Jane");
    EXPECT_EQ(plan.changes[4].note, "no email");
    EXPECT_EQ(plan.changes[5].note, "");
}

TEST(PlanParser, TagsTagTheNearestChangeAbove) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "a\n"
        "@v1\n"
        "b\n"
        "@v2 2024-01-01T00:00:00Z Jane Doe <jane@example.org> # release #2\n"
        "@v2.1 # same change\n");
    ASSERT_EQ(plan.tags.size(), 3u);
    EXPECT_EQ(plan.tags[0].name, "v1");
    EXPECT_EQ(plan.tags[0].line, 3);
    EXPECT_EQ(plan.tags[0].change_index, 0u);
    EXPECT_EQ(plan.tags[0].timestamp, "");
    const Tag& v2 = plan.tags[1];
    EXPECT_EQ(v2.change_index, 1u);
    EXPECT_EQ(v2.timestamp, "2024-01-01T00:00:00Z");
    EXPECT_EQ(v2.planner, "Jane Doe");
    EXPECT_EQ(v2.email, "jane@example.org");
    EXPECT_EQ(v2.note, "release #2");
    EXPECT_EQ(plan.tags[2].note, "same change");
    EXPECT_EQ(plan.changes[0].tag_indices, (std::vector<std::size_t>{0}));
    EXPECT_EQ(plan.changes[1].tag_indices, (std::vector<std::size_t>{1, 2}));
}

TEST(PlanParser, AcceptsTheOriginalsExplicitChangeOnATagLine) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "a\n"
        "b\n"
        "@v1 a 2024-01-01T00:00:00Z Jane <j@x> # tags a\n"
        "@v2 a\n");
    ASSERT_EQ(plan.tags.size(), 2u);
    EXPECT_EQ(plan.tags[0].change_index, 0u);
    EXPECT_EQ(plan.tags[0].planner, "Jane");
    EXPECT_EQ(plan.tags[0].note, "tags a");
    EXPECT_EQ(plan.tags[1].change_index, 0u);
    EXPECT_EQ(plan.changes[0].tag_indices, (std::vector<std::size_t>{0, 1}));
    EXPECT_TRUE(plan.changes[1].tag_indices.empty());
}

TEST(PlanParser, ReadsEveryDependencyForm) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "a\n"
        "@v1\n"
        "b [a @v1 other:change other:@v1 !old !other:old app:a app:@v1]\n");
    ASSERT_EQ(plan.changes.size(), 2u);
    const auto& deps = plan.changes[1].dependencies;
    ASSERT_EQ(deps.size(), 8u);
    using Kind = Dependency::Kind;
    const struct {
        Kind kind;
        std::string_view module, name, text;
        int column;
    } expected[] = {
        {Kind::change, "", "a", "a", 4},
        {Kind::tag, "", "v1", "@v1", 6},
        {Kind::change, "other", "change", "other:change", 10},
        {Kind::tag, "other", "v1", "other:@v1", 23},
        {Kind::conflict, "", "old", "!old", 33},
        {Kind::conflict, "other", "old", "!other:old", 38},
        {Kind::change, "", "a", "app:a", 49},  // this module, named explicitly
        {Kind::tag, "", "v1", "app:@v1", 55},
    };
    for (std::size_t i = 0; i < deps.size(); ++i) {
        SCOPED_TRACE(expected[i].text);
        EXPECT_EQ(deps[i].kind, expected[i].kind);
        EXPECT_EQ(deps[i].module, expected[i].module);
        EXPECT_EQ(deps[i].name, expected[i].name);
        EXPECT_EQ(deps[i].text, expected[i].text);
        EXPECT_EQ(deps[i].column, expected[i].column);
    }
}

TEST(PlanParser, ConflictsAreNotLookedUpInThePlan) {
    const Plan plan = parse_valid("%project=app\na [!removed_long_ago !b]\nb\n");
    EXPECT_EQ(plan.changes[0].dependencies.size(), 2u);
}

TEST(PlanParser, NestedAndNonAsciiNames) {
    const Plan plan = parse_valid(
        "%project=app\n"
        "schemas/app/schema\n"
        "schemas/app/tables/users [schemas/app/schema]\n"
        "таблицы/пользователи [schemas/app/tables/users]\n"
        "@версия1\n"
        "日本 [таблицы/пользователи @версия1]\n");
    ASSERT_EQ(plan.changes.size(), 4u);
    EXPECT_EQ(plan.changes[2].name, "таблицы/пользователи");
    EXPECT_EQ(plan.tags[0].name, "версия1");
    ASSERT_EQ(plan.changes[3].dependencies.size(), 2u);
    EXPECT_EQ(plan.changes[3].dependencies[0].column, 5);  // code points, not bytes
    EXPECT_EQ(plan.changes[3].dependencies[1].column, 26);
}

TEST(PlanParser, LookupHelpers) {
    const Plan plan = parse_valid("%project=app\na\nb\n@v1\n");
    ASSERT_NE(plan.find_change("b"), nullptr);
    EXPECT_EQ(plan.find_change("b")->line, 3);
    EXPECT_EQ(plan.find_change("zz"), nullptr);
    EXPECT_EQ(plan.change_index("a"), std::optional<std::size_t>(0));
    EXPECT_EQ(plan.change_index("zz"), std::nullopt);
    ASSERT_NE(plan.find_tag("v1"), nullptr);
    EXPECT_EQ(plan.find_tag("v1")->change_index, 1u);
    EXPECT_EQ(plan.find_tag("v2"), nullptr);
}

TEST(PlanParser, ADefaultPlanFindsNothing) {
    const Plan plan;
    EXPECT_EQ(plan.find_change("a"), nullptr);
    EXPECT_EQ(plan.change_index("a"), std::nullopt);
    EXPECT_EQ(plan.find_tag("v1"), nullptr);
}

// The plan's fields view its text; copies and moves must keep them valid after the original is
// gone, also for a text short enough to live inside its std::string.
TEST(PlanParser, CopiesAndMovesOutliveTheOriginal) {
    for (const std::string_view text :
         {std::string_view("%project=p\na\n"),
          std::string_view(
              "%project=app\nfirst_change 2024-01-01T00:00:00Z Jane Doe "
              "<jane@example.com> # the first\nsecond_change [first_change]\n@v1\n")}) {
        SCOPED_TRACE(text);
        Plan copy;
        Plan moved;
        {
            Plan original = parse_valid(text);
            copy = original;
            moved = std::move(original);
        }
        for (const Plan* plan : {&copy, &moved}) {
            const Change& first = plan->changes.front();
            EXPECT_EQ(plan->find_change(first.name), &first);
            EXPECT_EQ(*plan->source, text);
            if (plan->changes.size() == 2) {
                EXPECT_EQ(first.note, "the first");
                EXPECT_EQ(first.email, "jane@example.com");
                ASSERT_EQ(plan->changes[1].dependencies.size(), 1u);
                EXPECT_EQ(plan->changes[1].dependencies[0].name, "first_change");
                ASSERT_NE(plan->find_tag("v1"), nullptr);
                EXPECT_EQ(plan->find_tag("v1")->name, "v1");
            }
        }
    }
}

// Words are found eight bytes at a time: the blank, "]" or line end after a word of any length
// must end it.
TEST(PlanParser, WordsEndWhereverTheirEndFallsInAnEightByteGroup) {
    for (std::size_t length = 1; length <= 17; ++length) {
        const std::string a(length, 'a');
        const std::string b(length, 'b');
        const std::string c(length, 'c');
        SCOPED_TRACE(length);
        const Plan plan = parse_valid("%project=app\n" + a + "\n" + b + "\t[" + a +
                                      "]\t2024-01-01T00:00:00Z\tJane <j@e.com>\n" + c);
        ASSERT_EQ(plan.changes.size(), 3u);
        EXPECT_EQ(plan.changes[0].name, a);
        EXPECT_EQ(plan.changes[1].name, b);
        ASSERT_EQ(plan.changes[1].dependencies.size(), 1u);
        EXPECT_EQ(plan.changes[1].dependencies[0].name, a);
        EXPECT_EQ(plan.changes[1].timestamp, "2024-01-01T00:00:00Z");
        EXPECT_EQ(plan.changes[1].planner, "Jane");
        EXPECT_EQ(plan.changes[2].name, c);
    }
}

// Dependencies are stored a block at a time; a long list must stay whole and in order.
TEST(PlanParser, EveryChangeKeepsItsOwnDependencies) {
    std::string text = "%project=app\nc0\n";
    for (int i = 1; i < 300; ++i) {
        text += "c" + std::to_string(i) + " [c" + std::to_string(i - 1) + " c" +
                std::to_string(i / 2) + "]\n";
    }
    text += "all [";
    for (int i = 0; i < 300; ++i)
        text += " c" + std::to_string(i);
    text += "]\n";
    const Plan plan = parse_valid(text);
    ASSERT_EQ(plan.changes.size(), 301u);
    EXPECT_TRUE(plan.changes[0].dependencies.empty());
    for (std::size_t i = 1; i < 300; ++i) {
        const auto& dependencies = plan.changes[i].dependencies;
        ASSERT_EQ(dependencies.size(), 2u);
        EXPECT_EQ(dependencies[0].name, "c" + std::to_string(i - 1));
        EXPECT_EQ(dependencies[1].name, "c" + std::to_string(i / 2));
    }
    const auto& all = plan.changes[300].dependencies;
    ASSERT_EQ(all.size(), 300u);
    for (std::size_t i = 0; i < all.size(); ++i)
        EXPECT_EQ(all[i].name, "c" + std::to_string(i));
}

TEST(PlanParser, AnEmptyPlanWithAProjectHasNoChanges) {
    const Plan plan = parse_valid("%project=app\n");
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_TRUE(plan.tags.empty());
}

}  // namespace
}  // namespace pgpm::plan
