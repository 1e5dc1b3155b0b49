// `pgpm tag` as a user runs it: the real binary editing a real plan file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>

#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing {
namespace {

const std::string header = "%syntax-version=1.0.0\n%project=app\n%frobnicate=kept\n\n";
const std::string schema_line =
    "schema 2024-01-01T00:00:00Z Jane Doe <jane@example.com> # the schema\n";
const std::string v1_line = "@v1 2024-01-02T00:00:00Z Jane Doe <jane@example.com>\n";
const std::string comment_lines = "\n# users come next\n";
const std::string users_line = "users [schema] 2024-01-03T00:00:00Z Jane Doe <jane@example.com>\n";
const std::string plan = header + schema_line + v1_line + comment_lines + users_line;

// The tag line the fixed identity and frozen time below produce.
std::string tag_line(const std::string& name, const std::string& note = "") {
    return "@" + name + " 2024-02-01T10:20:30Z Tag Tester <tester@example.com>" +
           (note.empty() ? "" : " # " + note) + "\n";
}

class TagTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir.write("pgpm.json", R"({"packages": ["packages/*"]})");
        dir.write("packages/app/app.control", "requires = ''\n");
        dir.write("packages/app/pgpm.plan", plan);
        for (const std::string change : {"schema", "users"}) {
            dir.write("packages/app/deploy/" + change + ".sql", "SELECT 1;\n");
            dir.write("packages/app/revert/" + change + ".sql", "SELECT 1;\n");
            dir.write("packages/app/verify/" + change + ".sql", "SELECT 1;\n");
        }
        dir.make_directory("home");
    }

    // A fixed identity and time, and a HOME with no git config, so the developer's own
    // settings cannot reach the test.
    std::map<std::string, std::string> environment() const {
        return {{"NO_COLOR", "1"},
                {"PGPM_USER_NAME", "Tag Tester"},
                {"PGPM_USER_EMAIL", "tester@example.com"},
                {"PGPM_FROZEN_TIME", "2024-02-01T10:20:30Z"},
                {"HOME", dir.path("home").string()},
                {"XDG_CONFIG_HOME", dir.path("home").string()},
                {"GIT_CONFIG_GLOBAL", dir.path("home/.gitconfig").string()},
                {"GIT_CONFIG_NOSYSTEM", "1"}};
    }

    ProcessResult pgpm(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& overrides = {},
                       const std::string& cwd = "packages/app") const {
        auto env = environment();
        for (const auto& [key, value] : overrides)
            env[key] = value;
        return run_process(PGPM_EXECUTABLE, args, dir.path(cwd), env);
    }

    std::string plan_file() const {
        std::ifstream in(dir.path("packages/app/pgpm.plan"), std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    TestTree dir;
};

TEST_F(TagTest, TagsTheLastChangeKeepingEveryOtherByte) {
    const auto result = pgpm({"tag", "v2"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "tagged app:users as @v2\n");
    EXPECT_EQ(plan_file(), plan + tag_line("v2"));
}

TEST_F(TagTest, TaggedPlanStaysValid) {
    ASSERT_EQ(pgpm({"tag", "v2"}).exit_code, 0);
    const auto check = pgpm({"check"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    const auto describe = pgpm({"describe", "--json"}, {}, ".");
    const std::regex tags(R"("tags": \[\s*"v1",\s*"v2"\s*\])");
    EXPECT_TRUE(std::regex_search(describe.out, tags)) << describe.out;
}

TEST_F(TagTest, NoteOptionsAddTheNote) {
    ASSERT_EQ(pgpm({"tag", "v2", "-m", "first # release"}).exit_code, 0);
    EXPECT_EQ(plan_file(), plan + tag_line("v2", "first # release"));
    ASSERT_EQ(pgpm({"tag", "v3", "--comment", "third"}).exit_code, 0);
    EXPECT_EQ(plan_file(), plan + tag_line("v2", "first # release") + tag_line("v3", "third"));
}

TEST_F(TagTest, ChangeOptionTagsAfterThatChangesTags) {
    const auto result = pgpm({"tag", "v1.1", "--change", "schema"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "tagged app:schema as @v1.1\n");
    EXPECT_EQ(plan_file(),
              header + schema_line + v1_line + tag_line("v1.1") + comment_lines + users_line);
}

TEST_F(TagTest, PositionalModuleFromTheWorkspaceRoot) {
    const auto result = pgpm({"tag", "v2", "app"}, {}, ".");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(plan_file(), plan + tag_line("v2"));
}

TEST_F(TagTest, CrlfPlanWithoutFinalNewlineKeepsItsStyle) {
    const std::string crlf = "\xEF\xBB\xBF%project=app\r\n\r\nschema\r\nusers [schema]";
    dir.write("packages/app/pgpm.plan", crlf);
    ASSERT_EQ(pgpm({"tag", "v2"}).exit_code, 0);
    auto line = tag_line("v2");
    line.pop_back();
    EXPECT_EQ(plan_file(), crlf + "\r\n" + line);
}

TEST_F(TagTest, DuplicateNameIsAUsageErrorAndLeavesTheFile) {
    const auto result = pgpm({"tag", "v1"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(R"(tag "v1" already exists on change "schema" (pgpm.plan:6))"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(plan_file(), plan);
}

TEST_F(TagTest, InvalidNameIsAUsageError) {
    const auto result = pgpm({"tag", "v/1"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(R"(invalid tag name "v/1")"), std::string::npos) << result.err;
    EXPECT_EQ(plan_file(), plan);
}

TEST_F(TagTest, UnknownChangeIsAUsageError) {
    const auto result = pgpm({"tag", "v2", "--change", "nope"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(R"(unknown change "nope")"), std::string::npos) << result.err;
    EXPECT_EQ(plan_file(), plan);
}

TEST_F(TagTest, PlanWithoutChangesIsAUsageError) {
    dir.write("packages/app/pgpm.plan", header);
    EXPECT_EQ(pgpm({"tag", "v2"}).exit_code, 2);
    EXPECT_EQ(plan_file(), header);
}

TEST_F(TagTest, BrokenPlanIsInvalidInputWithDiagnostics) {
    const std::string broken = header + schema_line + "users+ [schema]\n";
    dir.write("packages/app/pgpm.plan", broken);
    const auto result = pgpm({"tag", "v2"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("pgpm.plan:6:1: error:"), std::string::npos) << result.err;
    EXPECT_EQ(plan_file(), broken);
}

TEST_F(TagTest, FrozenTimeAcceptsAnOffsetAndRejectsNonsense) {
    ASSERT_EQ(
        pgpm({"tag", "v2"}, {{"PGPM_FROZEN_TIME", "2024-02-01T12:20:30.250+02:00"}}).exit_code, 0);
    EXPECT_EQ(plan_file(), plan + tag_line("v2"));
    const auto result = pgpm({"tag", "v3"}, {{"PGPM_FROZEN_TIME", "yesterday"}});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("PGPM_FROZEN_TIME"), std::string::npos) << result.err;
}

TEST_F(TagTest, IdentityComesFromGitWhenNotSet) {
    dir.write("home/.gitconfig", "[user]\n\tname = Git Person\n\temail = git@example.com\n");
    ASSERT_EQ(pgpm({"tag", "v2"}, {{"PGPM_USER_NAME", ""}, {"PGPM_USER_EMAIL", ""}}).exit_code, 0);
    EXPECT_EQ(plan_file(), plan + "@v2 2024-02-01T10:20:30Z Git Person <git@example.com>\n");
}

TEST_F(TagTest, IdentityFallsBackToTheLoginName) {
    ASSERT_EQ(pgpm({"tag", "v2"}, {{"PGPM_USER_NAME", ""}, {"PGPM_USER_EMAIL", ""}}).exit_code, 0);
    const auto text = plan_file();
    ASSERT_TRUE(text.starts_with(plan));
    const std::regex login_line(R"(@v2 2024-02-01T10:20:30Z (\S+) <\1@\S+>\n)");
    EXPECT_TRUE(std::regex_match(text.substr(plan.size()), login_line)) << text;
}

}  // namespace
}  // namespace pgpm::testing
