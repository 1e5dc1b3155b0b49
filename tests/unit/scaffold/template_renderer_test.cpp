#include "scaffold/template_renderer.hpp"

#include <gtest/gtest.h>

namespace pgpm::scaffold {
namespace {

const TemplateValues values{{{"module", "app"}, {"change", "tables/users"}, {"note", ""}},
                            {{"requires", {"schema", "base:roles"}}, {"none", {}}}};

std::string rendered(std::string_view text, const TemplateValues& with = values) {
    auto result = render_template(text, with);
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : std::string();
}

TEST(RenderTemplate, FillsTextPlaceholders) {
    EXPECT_EQ(rendered("-- Deploy {{module}}:{{change}} to pg\n"),
              "-- Deploy app:tables/users to pg\n");
}

TEST(RenderTemplate, RepeatsALineOncePerListItem) {
    EXPECT_EQ(
        rendered("-- Deploy {{module}}\r\n-- requires: {{requires}} ({{module}})\r\n\r\n"),
        "-- Deploy app\r\n-- requires: schema (app)\r\n-- requires: base:roles (app)\r\n\r\n");
}

TEST(RenderTemplate, JoinsAListWithASeparator) {
    EXPECT_EQ(rendered("requires = '{{requires|,}}'\n[{{requires| }}]\n"),
              "requires = 'schema,base:roles'\n[schema base:roles]\n");
}

TEST(RenderTemplate, LeavesOutLinesNamingAnEmptyList) {
    EXPECT_EQ(rendered("a\n-- requires: {{none}}\nrequires = '{{none|,}}'\nb\n"), "a\nb\n");
}

TEST(RenderTemplate, KeepsBracesThatAreNoPlaceholder) {
    const std::string text =
        "SELECT '{{1,2},{3,4}}'::int[][], '{{ x }}', '{{}}', ${CMAKE_CURRENT_SOURCE_DIR} {{";
    EXPECT_EQ(rendered(text), text);
}

TEST(RenderTemplate, KeepsTheLastLineWithoutNewline) {
    EXPECT_EQ(rendered("{{module}}"), "app");
    EXPECT_EQ(rendered(""), "");
}

TEST(RenderTemplate, ReportsAnUnknownPlaceholderWhereItIs) {
    const auto result = render_template("ok\n-- {{modul}}\n", values);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().line, 2);
    EXPECT_EQ(result.error().column, 4);
    EXPECT_EQ(result.error().message, "unknown placeholder {{modul}}");
}

TEST(RenderTemplate, RejectsASeparatorOnText) {
    const auto result = render_template("{{module|,}}", values);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, "{{module}} is not a list, so it takes no |separator");
}

TEST(RenderTemplate, RejectsRepeatingOverTwoLists) {
    const TemplateValues two{{}, {{"a", {"1"}}, {"b", {"2"}}}};
    const auto result = render_template("{{a}} {{b}}", two);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().column, 7);
}

}  // namespace
}  // namespace pgpm::scaffold
