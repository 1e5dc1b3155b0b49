// Reading a change's script: the parser's verdict, and the scanner's split when the server is
// newer than the parser (SPEC §3).
#include "engine/change_script.hpp"

#include <gtest/gtest.h>

#include "unit/workspace/test_tree.hpp"

namespace pgpm::engine {
namespace {

// PostgreSQL 17's MERGE ... RETURNING, unknown to the parser of PostgreSQL 15.
constexpr auto kNewerSyntax =
    "BEGIN;\nMERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id;\n"
    "COMMIT;\n";

class ChangeScriptTest : public ::testing::Test {
protected:
    void SetUp() override {
        tree.write("pgpm.json", R"({"packages": ["packages/*"]})");
        tree.write_module("packages/app", "app", "", "merge 2024-01-01T00:00:00Z J <j@x>\n");
        tree.write("packages/app/deploy/merge.sql", kNewerSyntax);
        loaded = tree.load();
        ASSERT_FALSE(has_errors(loaded.diagnostics));
    }

    tl::expected<ChangeScript, Diagnostics> load(ScriptParsing parsing) const {
        const auto& module = loaded.workspace.modules.front();
        return load_change_script(module, module.plan.changes.front(), ScriptKind::deploy,
                                  io::DisplayPaths(tree.root()), parsing);
    }

    workspace::testing::TestTree tree;
    workspace::LoadResult loaded;
};

TEST_F(ChangeScriptTest, StrictParsingRefusesSyntaxTheParserDoesNotKnow) {
    const auto script = load(ScriptParsing::strict);
    ASSERT_FALSE(script);
    ASSERT_EQ(script.error().size(), 1U);
    EXPECT_EQ(script.error()[0].where.file, "packages/app/deploy/merge.sql");
    EXPECT_EQ(script.error()[0].where.line, 2);
}

TEST_F(ChangeScriptTest, ScannerFallbackRunsItWithALocatedWarning) {
    const auto script = load(ScriptParsing::scanner_fallback);
    ASSERT_TRUE(script) << script.error().front().message;
    ASSERT_TRUE(script->parse_warning);
    EXPECT_EQ(script->parse_warning->severity, Severity::warning);
    EXPECT_EQ(script->parse_warning->where.line, 2);
    EXPECT_NE(script->parse_warning->message.find("split by the scanner"), std::string::npos);
    EXPECT_EQ(script->prepared.executable().find("BEGIN"), std::string::npos);
    EXPECT_NE(script->prepared.executable().find("RETURNING t.id"), std::string::npos);
}

TEST_F(ChangeScriptTest, ScriptsThatParseGetNoWarning) {
    tree.write("packages/app/deploy/merge.sql", "SELECT 1;\n");
    const auto script = load(ScriptParsing::scanner_fallback);
    ASSERT_TRUE(script);
    EXPECT_FALSE(script->parse_warning);
}

}  // namespace
}  // namespace pgpm::engine
