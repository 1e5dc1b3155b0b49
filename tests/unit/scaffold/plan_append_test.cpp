#include "scaffold/plan_append.hpp"

#include <gtest/gtest.h>

#include "plan/plan.hpp"

namespace pgpm::scaffold {
namespace {

constexpr std::string_view header = "%syntax-version=1.0.0\n%project=app\n\n";

TEST(AppendPlanLine, AddsALineAfterTheLastKeepingEveryByte) {
    const std::string text =
        std::string(header) + "# comment kept\n  a 2024-01-01T00:00:00Z J <j@x>\n";
    EXPECT_EQ(append_plan_line(text, "b [a]"), text + "b [a]\n");
}

TEST(AppendPlanLine, EndsAFileWithoutFinalNewlineFirst) {
    const std::string text = std::string(header) + "a";
    EXPECT_EQ(append_plan_line(text, "b"), text + "\nb\n");
}

TEST(AppendPlanLine, FollowsACrlfFile) {
    const std::string text = "%project=app\r\n\r\na\r\n";
    EXPECT_EQ(append_plan_line(text, "b"), text + "b\r\n");
}

TEST(AppendPlanLine, EndsAnUnterminatedCrlfFileWithCrlf) {
    const std::string text = "%project=app\r\na";
    EXPECT_EQ(append_plan_line(text, "b"), text + "\r\nb\r\n");
}

TEST(AppendPlanLine, FollowsTheLastLineOfAFileThatMixesEndings) {
    const std::string text = "%project=app\r\na\n";
    EXPECT_EQ(append_plan_line(text, "b"), text + "b\n");
}

TEST(AppendPlanLine, KeepsAByteOrderMark) {
    const std::string text = "\xEF\xBB\xBF%project=app\n";
    EXPECT_EQ(append_plan_line(text, "a"), text + "a\n");
}

TEST(AppendPlanLine, WritesTheOnlyLineOfAnEmptyFile) {
    EXPECT_EQ(append_plan_line("", "a"), "a\n");
}

TEST(AppendedLineNumber, IsTheLineTheParserFindsTheChangeOn) {
    for (const std::string text : {"%project=app\n\na 2024-01-01T00:00:00Z J <j@x>\n",
                                   "%project=app\r\n\r\na", "%project=app"}) {
        const auto parsed = plan::parse_plan(append_plan_line(text, "added"), "pgpm.plan");
        ASSERT_FALSE(has_errors(parsed.diagnostics)) << text;
        ASSERT_NE(parsed.plan.find_change("added"), nullptr) << text;
        EXPECT_EQ(parsed.plan.find_change("added")->line, appended_line_number(text)) << text;
    }
}

}  // namespace
}  // namespace pgpm::scaffold
