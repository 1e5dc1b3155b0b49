// `pgpm check` and `pgpm describe` run as a user runs them: the real binary on real files.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>
#include <fstream>
#include <iterator>

#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing {
namespace {

ProcessResult pgpm(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    return run_process(PGPM_EXECUTABLE, args, cwd, {{"NO_COLOR", "1"}});
}

// A valid two-module workspace; tests break one thing each.
class CheckTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir.write("pgpm.json", R"({"packages": ["packages/*"]})");
        write_module("packages/base", "base", "'citext'",
                     "schema 2024-01-01T00:00:00Z Jane Doe <jane@example.com> # the schema\n"
                     "@v1 2024-01-02T00:00:00Z Jane Doe <jane@example.com>\n");
        write_module("packages/shop-folder", "shop", "'base, pgcrypto'",
                     "orders [base:@v1] 2024-01-03T00:00:00Z Jane Doe <jane@example.com>\n");
    }

    void write_module(const std::string& folder, const std::string& name,
                      const std::string& requires_list, const std::string& changes) {
        dir.write(folder + "/" + name + ".control", "requires = " + requires_list + "\n");
        dir.write(folder + "/pgpm.plan",
                  "%syntax-version=1.0.0\n%project=" + name + "\n\n" + changes);
        const auto first = changes.substr(0, changes.find_first_of(" \n"));
        dir.write(folder + "/deploy/" + first + ".sql",
                  "BEGIN;\nCREATE SCHEMA s_" + name + ";\nCOMMIT;\n");
        dir.write(folder + "/revert/" + first + ".sql", "DROP SCHEMA s_" + name + ";\n");
        dir.write(folder + "/verify/" + first + ".sql", "-- nothing to verify\n");
    }

    TestTree dir;
};

TEST_F(CheckTest, ValidWorkspacePasses) {
    const auto result = pgpm({"check", "--workspace"}, dir.root());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("checked 2 modules: 0 errors"), std::string::npos) << result.out;
}

TEST_F(CheckTest, GlobalOptionsWorkAfterTheCommand) {
    const auto result = run_process(PGPM_EXECUTABLE, {"check", "shop", "-C", dir.root().string()},
                                    "/", {{"NO_COLOR", "1"}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("checked 1 module:"), std::string::npos) << result.out;
}

TEST_F(CheckTest, CurrentModuleIsTheDefault) {
    const auto result = pgpm({"check"}, dir.root() / "packages/shop-folder/deploy");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("checked 1 module:"), std::string::npos) << result.out;
}

TEST_F(CheckTest, WorkspaceRootWithoutModuleIsAUsageErrorListingModules) {
    const auto result = pgpm({"check"}, dir.root());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("base"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("packages/shop-folder"), std::string::npos) << result.err;
}

TEST_F(CheckTest, ModuleAndWorkspaceTogetherIsAUsageError) {
    EXPECT_EQ(pgpm({"check", "shop", "--workspace"}, dir.root()).exit_code, 2);
}

TEST_F(CheckTest, UnknownFlagIsAUsageError) {
    EXPECT_EQ(pgpm({"check", "--frobnicate"}, dir.root()).exit_code, 2);
}

TEST_F(CheckTest, PlanErrorIsLocatedWithSourceLineAndCaret) {
    dir.write("packages/shop-folder/pgpm.plan", "%project=shop\n\n  orders+ [base:@v1]\n");
    const auto result = pgpm({"check", "--workspace"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("packages/shop-folder/pgpm.plan:3:3: error: "), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("\n  orders+ [base:@v1]\n  ^\n"), std::string::npos) << result.err;
}

TEST_F(CheckTest, MissingScriptIsReportedAtItsPlanLine) {
    std::filesystem::remove(dir.root() / "packages/shop-folder/verify/orders.sql");
    const auto result = pgpm({"check", "shop"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("packages/shop-folder/pgpm.plan:4:1: error: missing verify script "
                              "packages/shop-folder/verify/orders.sql"),
              std::string::npos)
        << result.err;
}

TEST_F(CheckTest, WhitespaceOnlyScriptIsEmptyButCommentOnlyIsValid) {
    dir.write("packages/shop-folder/revert/orders.sql", " \n\t\n");
    const auto result = pgpm({"check", "shop"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("empty revert script packages/shop-folder/revert/orders.sql"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("verify script"), std::string::npos) << result.err;
}

TEST_F(CheckTest, SqlSyntaxErrorIsLocatedInTheScriptCountingCodePoints) {
    dir.write("packages/base/deploy/schema.sql",
              "BEGIN;\nCOMMENT ON SCHEMA public IS 'café';  SELEC 1;\nCOMMIT;\n");
    const auto result = pgpm({"check", "base"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("packages/base/deploy/schema.sql:2:38: error: syntax error at or "
                              "near \"SELEC\""),
              std::string::npos)
        << result.err;
}

TEST_F(CheckTest, StrayScriptIsAWarning) {
    dir.write("packages/base/deploy/old/unused.sql", "SELECT 1;\n");
    const auto result = pgpm({"check", "base"}, dir.root());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("packages/base/deploy/old/unused.sql: warning: deploy script is not "
                              "named by any change"),
              std::string::npos)
        << result.err;
}

TEST_F(CheckTest, NonTransactionalChangeIsListed) {
    dir.write("packages/shop-folder/deploy/orders.sql",
              "CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
    const auto result = pgpm({"check", "shop", "--json"}, dir.root());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto json = YAML::Load(result.out);
    EXPECT_EQ(json["version"].as<int>(), 1);
    EXPECT_TRUE(json["ok"].as<bool>());
    ASSERT_EQ(json["non_transactional"].size(), 1u) << result.out;
    EXPECT_EQ(json["non_transactional"][0]["change"].as<std::string>(), "orders");
    EXPECT_EQ(json["non_transactional"][0]["line"].as<int>(), 2);
    EXPECT_EQ(json["non_transactional"][0]["column"].as<int>(), 1);
}

TEST_F(CheckTest, AllProblemsAreReportedAtOnce) {
    std::filesystem::remove(dir.root() / "packages/base/verify/schema.sql");
    dir.write("packages/shop-folder/deploy/orders.sql", "CREATE TABLEX t ();\n");
    const auto result = pgpm({"check", "--workspace", "--json"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    const auto json = YAML::Load(result.out);
    EXPECT_FALSE(json["ok"].as<bool>());
    EXPECT_EQ(json["diagnostics"].size(), 2u) << result.out;
}

TEST_F(CheckTest, DescribeJsonListsModulesInDependencyOrder) {
    const auto result = pgpm({"describe", "--json"}, dir.root());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = YAML::Load(result.out);
    ASSERT_EQ(json["modules"].size(), 2u);
    EXPECT_EQ(json["modules"][0]["name"].as<std::string>(), "base");
    EXPECT_EQ(json["modules"][1]["name"].as<std::string>(), "shop");
    EXPECT_EQ(json["modules"][1]["requires"][0].as<std::string>(), "base");
    EXPECT_EQ(json["modules"][1]["extensions"][0].as<std::string>(), "pgcrypto");
    EXPECT_EQ(json["modules"][0]["tags"][0].as<std::string>(), "v1");
}

TEST_F(CheckTest, DescribeIgnoresScriptProblemsButFailsOnCycles) {
    std::filesystem::remove(dir.root() / "packages/base/verify/schema.sql");
    EXPECT_EQ(pgpm({"describe", "--json"}, dir.root()).exit_code, 0);

    dir.write("packages/base/base.control", "requires = 'shop'\n");
    const auto result = pgpm({"describe", "--json"}, dir.root());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_TRUE(result.err.find("base -> shop -> base") != std::string::npos ||
                result.err.find("shop -> base -> shop") != std::string::npos)
        << result.err;
}

TEST_F(CheckTest, DescribeCmakeWritesSetLines) {
    const auto file = dir.root() / "describe.cmake";
    const auto result = pgpm({"describe", "--cmake", file.string()}, dir.root());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::ifstream in(file);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_NE(text.find("set(PGPM_MODULE_COUNT 2)"), std::string::npos) << text;
    EXPECT_NE(text.find("set(PGPM_MODULE_1_NAME [[shop]])"), std::string::npos) << text;
    EXPECT_NE(text.find("set(PGPM_MODULE_1_REQUIRES [[base]])"), std::string::npos) << text;
}

TEST(SampleWorkspace, ChecksClean) {
    const auto result = pgpm({"check", "--workspace"}, PGPM_SOURCE_DIR "/modules");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err.find("warning"), std::string::npos) << result.err;
}

TEST(Version, PrintsTheProjectVersion) {
    const auto result = pgpm({"--version"}, "/");
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find(PGPM_VERSION), std::string::npos) << result.out;
}

}  // namespace
}  // namespace pgpm::testing
