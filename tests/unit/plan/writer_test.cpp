#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "plan/plan.hpp"
#include "plan/writer.hpp"

// Tagging edits the plan's bytes in place: one line in, every other byte kept.
namespace pgpm::plan {
namespace {

constexpr std::string_view tag_line = "@v1 2024-02-01T00:00:00Z Jane Doe <jane@example.com>";

Plan parse_valid(std::string text) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.erase(0, 3);
    ParseResult result = parse_plan(std::move(text), "pgpm.plan");
    for (const Diagnostic& d : result.diagnostics)
        ADD_FAILURE() << d.where.line << ":" << d.where.column << ": " << d.message;
    return std::move(result.plan);
}

// What `pgpm tag` does: the tag after `change` (the last one when empty).
std::string tagged(const std::string& text, std::string_view change = {}) {
    const Plan plan = parse_valid(text);
    const auto index = change.empty() ? plan.changes.size() - 1 : *plan.change_index(change);
    const auto edited = insert_line_after(text, tag_insertion_line(plan, index), tag_line);
    EXPECT_TRUE(edited.has_value());
    return edited.value_or("");
}

std::string tagged_change(const std::string& text, std::string_view tag = "v1") {
    const Plan plan = parse_valid(text);
    const Tag* found = plan.find_tag(tag);
    return found == nullptr ? "(none)" : std::string(plan.changes[found->change_index].name);
}

TEST(PlanWriter, AppendsAfterTheLastChange) {
    const std::string text = "%project=app\n\na\nb [a]\n";
    const std::string result = tagged(text);
    EXPECT_EQ(result, "%project=app\n\na\nb [a]\n" + std::string(tag_line) + "\n");
    EXPECT_EQ(tagged_change(result), "b");
}

TEST(PlanWriter, KeepsCrlfLineEndings) {
    const std::string text = "%project=app\r\n\r\na\r\nb\r\n";
    EXPECT_EQ(tagged(text), "%project=app\r\n\r\na\r\nb\r\n" + std::string(tag_line) + "\r\n");
}

TEST(PlanWriter, FileWithoutFinalNewlineStaysWithoutOne) {
    EXPECT_EQ(tagged("%project=app\na\nb"), "%project=app\na\nb\n" + std::string(tag_line));
    EXPECT_EQ(tagged("%project=app\r\na\r\nb"),
              "%project=app\r\na\r\nb\r\n" + std::string(tag_line));
}

TEST(PlanWriter, KeepsTheByteOrderMark) {
    const std::string text = "\xEF\xBB\xBF%project=app\na\n";
    EXPECT_EQ(tagged(text), "\xEF\xBB\xBF%project=app\na\n" + std::string(tag_line) + "\n");
}

TEST(PlanWriter, GoesAfterTheChangesExistingTags) {
    const std::string text =
        "%project=app\n"
        "a\n"
        "b\n"
        "@v0.1 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n"
        "@v0.2 2024-01-02T00:00:00Z Jane Doe <jane@example.com> # second\n"
        "\n"
        "# trailing comment\n";
    const std::string result = tagged(text);
    EXPECT_EQ(result,
              "%project=app\n"
              "a\n"
              "b\n"
              "@v0.1 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n"
              "@v0.2 2024-01-02T00:00:00Z Jane Doe <jane@example.com> # second\n" +
                  std::string(tag_line) +
                  "\n"
                  "\n"
                  "# trailing comment\n");
    EXPECT_EQ(tagged_change(result), "b");
}

TEST(PlanWriter, TagsAMiddleChangeBeforeTheNextChange) {
    const std::string text =
        "%project=app\n"
        "a\n"
        "@v0 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n"
        "b [a]\n"
        "c [b]\n";
    const std::string result = tagged(text, "a");
    EXPECT_EQ(result,
              "%project=app\n"
              "a\n"
              "@v0 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n" +
                  std::string(tag_line) +
                  "\n"
                  "b [a]\n"
                  "c [b]\n");
    EXPECT_EQ(tagged_change(result), "a");
}

// A tag naming an earlier change (`@t a ...`) below a later change must not pull the new tag of
// `a` below that later change, where it would tag the wrong one.
TEST(PlanWriter, IgnoresTagsOfTheChangeWrittenBelowLaterChanges) {
    const std::string text =
        "%project=app\n"
        "a\n"
        "b\n"
        "@old a 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n";
    const std::string result = tagged(text, "a");
    EXPECT_EQ(result, "%project=app\na\n" + std::string(tag_line) + "\nb\n" +
                          "@old a 2024-01-01T00:00:00Z Jane Doe <jane@example.com>\n");
    EXPECT_EQ(tagged_change(result), "a");
}

TEST(PlanWriter, KeepsCommentsBlankLinesAndUnknownPragmasByteForByte) {
    const std::string text =
        "%syntax-version=1.0.0\n"
        "%project=app\n"
        "%frobnicate=yes please\n"
        "# comment  with  spaces\t\n"
        "   \n"
        "\ta [] 2024-01-01T00:00:00Z Jane <jane@example.com> # note # hash   \n"
        "\n"
        "# between\n"
        "b\n"
        "# after\n";
    const std::string result = tagged(text, "a");
    EXPECT_EQ(result,
              "%syntax-version=1.0.0\n"
              "%project=app\n"
              "%frobnicate=yes please\n"
              "# comment  with  spaces\t\n"
              "   \n"
              "\ta [] 2024-01-01T00:00:00Z Jane <jane@example.com> # note # hash   \n" +
                  std::string(tag_line) +
                  "\n"
                  "\n"
                  "# between\n"
                  "b\n"
                  "# after\n");
    EXPECT_EQ(tagged_change(result), "a");
}

TEST(PlanWriter, FollowsTheEndingOfTheLineItInsertsAfter) {
    EXPECT_EQ(line_ending_after("a\r\nb\nc", 1), "\r\n");
    EXPECT_EQ(line_ending_after("a\r\nb\nc", 2), "\n");
    EXPECT_EQ(line_ending_after("a\r\nb\nc", 3), "\r\n");
    EXPECT_EQ(line_ending_after("a", 1), "\n");
}

TEST(PlanWriter, RefusesALineThatIsNotThere) {
    EXPECT_FALSE(insert_line_after("a\nb\n", 4, "x").has_value());
    EXPECT_FALSE(insert_line_after("a\nb\n", 0, "x").has_value());
}

TEST(PlanWriter, FormatsTheTagLineTheOriginalReads) {
    EXPECT_EQ(format_tag_line({"v1", "2024-02-01T00:00:00Z", "Jane Doe", "jane@example.com", ""}),
              "@v1 2024-02-01T00:00:00Z Jane Doe <jane@example.com>");
    EXPECT_EQ(format_tag_line({"v1", "2024-02-01T00:00:00Z", "Jane", "j@x", "first # release"}),
              "@v1 2024-02-01T00:00:00Z Jane <j@x> # first # release");
}

}  // namespace
}  // namespace pgpm::plan
