#include "workspace/control_file.hpp"

#include <gtest/gtest.h>

#include "test_tree.hpp"

namespace pgpm::workspace {
namespace {

using testing::rendered;

std::vector<std::string> names(const ControlFile& control) {
    std::vector<std::string> result;
    for (const Requirement& requirement : control.requirements)
        result.push_back(requirement.name);
    return result;
}

TEST(ControlFile, ReadsRequiresWithPositionsAndDefaultVersion) {
    const auto result = parse_control_file(
        "# app extension\n"
        "comment = 'app'\n"
        "default_version = '0.0.1'\n"
        "requires = 'plpgsql, uuid-ossp,pgpm-verify'\n",
        "packages/app/app.control");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.control.path, "packages/app/app.control");
    EXPECT_EQ(result.control.default_version, "0.0.1");
    ASSERT_EQ(result.control.requirements.size(), 3u);
    const auto& r = result.control.requirements;
    EXPECT_EQ(r[0].name, "plpgsql");
    EXPECT_EQ(r[0].line, 4);
    EXPECT_EQ(r[0].column, 13);
    EXPECT_EQ(r[1].name, "uuid-ossp");
    EXPECT_EQ(r[1].column, 22);
    EXPECT_EQ(r[2].name, "pgpm-verify");
    EXPECT_EQ(r[2].column, 32);
}

TEST(ControlFile, StripsSingleAndDoubleQuotesAroundEachEntry) {
    const auto result =
        parse_control_file("requires = \"citext\", 'pgcrypto' ,\"my-first\"\n", "x.control");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"citext", "pgcrypto", "my-first"}));
    EXPECT_EQ(result.control.requirements[1].column, 23);
}

TEST(ControlFile, EmptyRequiresMeansNone) {
    for (const char* text :
         {"requires = ''\n", "requires = \"\"\n", "requires =\n", "requires=''"}) {
        const auto result = parse_control_file(text, "x.control");
        EXPECT_TRUE(result.diagnostics.empty()) << text;
        EXPECT_TRUE(result.control.requirements.empty()) << text;
    }
}

TEST(ControlFile, DropsEmptyEntries) {
    const auto result = parse_control_file("requires = ',a,, b ,'\n", "x.control");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"a", "b"}));
}

TEST(ControlFile, AllowsCommentsIndentationAndCrlf) {
    const auto result = parse_control_file(
        "# comment = 'not a key'\r\n"
        "\r\n"
        "   \t\r\n"
        "  requires = 'a, b'  # trailing comment, c\r\n"
        "\tdefault_version = '1.2.3' # why\r\n",
        "x.control");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(result.control.requirements[0].line, 4);
    EXPECT_EQ(result.control.requirements[0].column, 15);
    EXPECT_EQ(result.control.default_version, "1.2.3");
}

TEST(ControlFile, CountsColumnsInCodePoints) {
    const auto result = parse_control_file("# é\nrequires='é, b'\n", "x.control");
    ASSERT_EQ(result.control.requirements.size(), 2u);
    EXPECT_EQ(result.control.requirements[0].column, 11);
    EXPECT_EQ(result.control.requirements[1].column, 14);
}

TEST(ControlFile, IgnoresOtherKeys) {
    const auto result = parse_control_file(
        "requires_x = 'nope'\nmodule_pathname = '$libdir/app'\nrelocatable = false\n", "x.control");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_TRUE(result.control.requirements.empty());
}

TEST(ControlFile, ReportsMalformedLinesAtTheirPosition) {
    const auto result = parse_control_file(
        "requires = 'a'\n"
        "  relocatable false\n"
        " = 'x'\n"
        "schema = 'unterminated\n",
        "packages/app/app.control");
    EXPECT_EQ(rendered(result.diagnostics),
              (std::vector<std::string>{
                  "packages/app/app.control:2:3: error: expected `key = value`",
                  "packages/app/app.control:3:2: error: missing key before `=`",
                  "packages/app/app.control:4:10: error: unterminated quoted value",
              }));
    EXPECT_EQ(result.diagnostics[0].source_line, "  relocatable false");
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"a"}));
}

TEST(ControlFile, WarnsAboutARepeatedKeyAndKeepsTheFirst) {
    const auto result = parse_control_file("requires = 'a'\nrequires = 'b'\n", "x.control");
    EXPECT_EQ(rendered(result.diagnostics),
              (std::vector<std::string>{
                  "x.control:2:1: warning: duplicate `requires`; the one on line 1 is used"}));
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"a"}));
}

TEST(ControlFile, WarnsAboutARepeatedRequirement) {
    const auto result = parse_control_file("requires = 'a, b, a'\n", "x.control");
    EXPECT_EQ(rendered(result.diagnostics),
              (std::vector<std::string>{"x.control:1:19: warning: \"a\" is required twice"}));
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"a", "b"}));
}

TEST(ControlFile, RejectsANameWithBlanksInside) {
    const auto result = parse_control_file("requires = 'a b, c'\n", "x.control");
    EXPECT_EQ(
        rendered(result.diagnostics),
        (std::vector<std::string>{"x.control:1:13: error: invalid name \"a b\" in requires"}));
    EXPECT_EQ(names(result.control), (std::vector<std::string>{"c"}));
}

}  // namespace
}  // namespace pgpm::workspace
