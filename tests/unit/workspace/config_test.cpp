#include "workspace/config.hpp"

#include <gtest/gtest.h>

#include "test_tree.hpp"

namespace pgpm::workspace {
namespace {

using testing::rendered;
using Strings = std::vector<std::string>;

TEST(Config, ReadsPackagesAndExtensionsDirFromJson) {
    const auto result = parse_config(R"({
  "name": "my-workspace",
  "packages": ["packages/*", "extensions/@*/*"],
  "extensionsDir": "vendor",
  "deployment": {"fast": true}
})",
                                     "pgpm.json");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.config.packages, (Strings{"packages/*", "extensions/@*/*"}));
    EXPECT_EQ(result.config.extensions_dir, "vendor");
}

TEST(Config, ReadsYaml) {
    const auto result = parse_config("packages:\n  - \"packages/*\"\n  - tools/db\n", "pgpm.yaml");
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.config.packages, (Strings{"packages/*", "tools/db"}));
    EXPECT_FALSE(result.config.extensions_dir.has_value());
}

TEST(Config, AcceptsAnEmptyObjectOrFile) {
    for (const char* text : {"{}", "", "\n"}) {
        const auto result = parse_config(text, "pgpm.json");
        EXPECT_TRUE(result.diagnostics.empty()) << text;
        EXPECT_TRUE(result.config.packages.empty()) << text;
    }
}

TEST(Config, ReportsDuplicateKeysAtTheSecondOne) {
    const auto result = parse_config(
        "{\n"
        "  \"packages\": [\"packages/*\"],\n"
        "  \"settings\": {\"a\": 1, \"a\": 2},\n"
        "  \"packages\": [\"other/*\"]\n"
        "}\n",
        "pgpm.json");
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{
                  "pgpm.json:3:24: error: duplicate key \"a\" (first at 3:16)",
                  "pgpm.json:4:3: error: duplicate key \"packages\" (first at 2:3)",
              }));
    EXPECT_EQ(result.diagnostics[1].source_line, "  \"packages\": [\"other/*\"]");
}

TEST(Config, LocatesASyntaxError) {
    const auto result =
        parse_config("{\n  \"packages\": [\"packages/*\"] \"x\": 1\n}\n", "pgpm.json");
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"pgpm.json:2:30: error: end of map flow not found"}));
}

TEST(Config, CountsSyntaxErrorColumnsInCodePoints) {
    const auto result = parse_config("{\"ééé\": 1 \"x\": 2}", "pgpm.json");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].where.line, 1);
    EXPECT_EQ(result.diagnostics[0].where.column, 14);
}

TEST(Config, LocatesAnUnclosedArray) {
    const auto result = parse_config("{\n  \"packages\": [\"packages/*\"\n}\n", "pgpm.json");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].where.line, 3);
    EXPECT_EQ(result.diagnostics[0].where.column, 1);
    EXPECT_EQ(result.diagnostics[0].severity, Severity::error);
}

TEST(Config, RejectsKeysOfTheWrongType) {
    const auto result = parse_config(
        "{\n  \"packages\": \"packages/*\",\n  \"extensionsDir\": [\"x\"]\n}", "pgpm.json");
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{
                  "pgpm.json:2:15: error: \"packages\" must be an array of globs",
                  "pgpm.json:3:20: error: \"extensionsDir\" must be a non-empty string",
              }));
}

TEST(Config, RejectsANonStringPackageEntry) {
    const auto result = parse_config("{\"packages\": [\"a/*\", {\"b\": 1}]}", "pgpm.json");
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"pgpm.json:1:22: error: each entry of \"packages\" must be a string"}));
    EXPECT_EQ(result.config.packages, (Strings{"a/*"}));
}

TEST(Config, RejectsADocumentThatIsNotAnObject) {
    const auto result = parse_config("[\"packages/*\"]", "pgpm.json");
    EXPECT_EQ(rendered(result.diagnostics),
              (Strings{"pgpm.json:1:1: error: expected an object of settings"}));
}

}  // namespace
}  // namespace pgpm::workspace
