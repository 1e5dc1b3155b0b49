// Where `init` and `add` take their templates from: --templates, else pgpm.json's "templates",
// else the installed ones; and a broken template is an invalid input file.
#include <gtest/gtest.h>

#include "scaffold_support.hpp"

namespace pgpm::testing::scaffold {
namespace {

class TemplatesTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir.make_directory("home");  // before any snapshot: run_pgpm's HOME
        dir.write("ws/pgpm.json", R"({"packages": ["packages/*"], "templates": "tpl"})");
        write_change_templates("ws/tpl", "workspace's");
        write_change_templates("mine", "mine");
        dir.write("ws/packages/app/app.control", "requires = ''\n");
        dir.write("ws/packages/app/pgpm.plan", "%syntax-version=1.0.0\n%project=app\n");
    }

    void write_change_templates(const std::string& folder, const std::string& label) const {
        for (const std::string kind : {"deploy", "revert", "verify"})
            dir.write(folder + "/change/" + kind + ".sql",
                      "-- " + label + " " + kind + " {{module}}:{{change}}\n-- {{note}}\n");
    }

    std::string file(const std::string& relative) const { return read_file(dir.path(relative)); }

    TestTree dir;
};

TEST_F(TemplatesTest, AddUsesTheWorkspacesTemplates) {
    const auto result = run_pgpm(dir, {"add", "c", "app", "-m", "why"}, "ws");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(file("ws/packages/app/deploy/c.sql"), "-- workspace's deploy app:c\n-- why\n");
    EXPECT_EQ(file("ws/packages/app/verify/c.sql"), "-- workspace's verify app:c\n-- why\n");
}

TEST_F(TemplatesTest, TemplatesOptionWinsRelativeToTheWorkingDirectory) {
    const auto result = run_pgpm(dir, {"-C", "ws", "add", "c", "app", "--templates", "../mine"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(file("ws/packages/app/revert/c.sql"), "-- mine revert app:c\n-- \n");
}

// A configured folder is used as a whole: one without module/ is a mistake to report, not a
// reason to fall back to the installed templates behind the user's back.
TEST_F(TemplatesTest, InitModuleNeedsTheConfiguredFoldersModuleTemplates) {
    const auto result = run_pgpm(dir, {"init", "module", "b"}, "ws");
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("template folder"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path("ws/packages/b")));
}

TEST_F(TemplatesTest, AMissingTemplatesFolderIsABadCommandLine) {
    const auto result = run_pgpm(dir, {"add", "c", "app", "--templates", "nowhere"}, "ws");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("nowhere (from --templates) does not exist"), std::string::npos)
        << result.err;
}

TEST_F(TemplatesTest, AnUnknownPlaceholderIsReportedWhereItIsAndNothingIsWritten) {
    dir.write("ws/tpl/change/revert.sql", "-- Revert\n-- {{chnage}}\n");
    const auto before = tree_of(dir.root());
    const auto result = run_pgpm(dir, {"add", "c", "app"}, "ws");
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("tpl/change/revert.sql:2:4: unknown placeholder {{chnage}}"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(tree_of(dir.root()), before);
}

}  // namespace
}  // namespace pgpm::testing::scaffold
