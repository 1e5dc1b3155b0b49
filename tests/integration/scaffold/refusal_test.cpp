// Every refusal of `init` and `add`: exit 2 (3 for a broken template), a message saying why, and
// not one byte written.
#include <gtest/gtest.h>

#include "scaffold_support.hpp"

namespace pgpm::testing::scaffold {
namespace {

::testing::AssertionResult mentions(const std::string& text, const std::string& fragment) {
    if (text.find(fragment) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << fragment << "\" not found in:\n" << text;
}

// ws/: modules `first` (change `schema`) and `second` (requires first, no changes), and `other`
// (which second does not require, change `x`), all made by pgpm itself.
class RefusalTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"init", "workspace", "ws"},
                 {"-C", "ws", "init", "module", "first"},
                 {"-C", "ws", "init", "module", "second", "--requires", "first"},
                 {"-C", "ws", "init", "module", "other"},
                 {"-C", "ws", "add", "schema", "first"},
                 {"-C", "ws", "add", "x", "other"}}) {
            const auto result = run_pgpm(dir, args);
            ASSERT_EQ(result.exit_code, 0) << result.err;
        }
        before_ = tree_of(dir.root());
    }

    // `pgpm ARGS` in ws/ must exit with `exit_code`, say `message` on stderr and change nothing.
    void expect_refused(const std::vector<std::string>& args, int exit_code,
                        const std::string& message) const {
        const auto result = run_pgpm(dir, args, "ws");
        EXPECT_EQ(result.exit_code, exit_code) << result.out << result.err;
        EXPECT_TRUE(mentions(result.err, message));
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(tree_of(dir.root()), before_) << "pgpm " << args.front() << " wrote something";
    }

    TestTree dir;
    std::map<std::string, std::string> before_;
};

TEST_F(RefusalTest, InitWorkspaceWhereOneIs) {
    expect_refused({"init", "workspace", "."}, 2, "already holds a workspace (pgpm.json)");
}

TEST_F(RefusalTest, InitWorkspaceOverAnyExistingFile) {
    dir.write("ws/new/README.md", "mine\n");
    const auto before = tree_of(dir.root());
    const auto result = run_pgpm(dir, {"init", "workspace", "new"}, "ws");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(mentions(result.err, "new/README.md already exists; nothing was written"));
    EXPECT_EQ(tree_of(dir.root()), before);
}

TEST_F(RefusalTest, InitWorkspaceWithAnUnusableName) {
    expect_refused({"init", "workspace", "w2", "--name", "my shop"}, 2,
                   "invalid workspace name \"my shop\"");
}

TEST_F(RefusalTest, InitModuleWithAnInvalidName) {
    expect_refused({"init", "module", "a:b"}, 2, "invalid module name \"a:b\"");
    expect_refused({"init", "module", "third", "--requires", "first,first"}, 2,
                   "\"first\" is required twice");
    expect_refused({"init", "module", "third", "--requires", "third"}, 2,
                   "module third cannot require itself");
}

TEST_F(RefusalTest, InitModuleTwice) {
    expect_refused({"init", "module", "first", "elsewhere"}, 2,
                   "module first already exists in packages/first");
    expect_refused({"init", "module", "third", "packages/first"}, 2,
                   "packages/first already holds a module (pgpm.plan)");
}

TEST_F(RefusalTest, AddAnInvalidName) {
    expect_refused({"add", "bad+", "first"}, 2, "invalid change name \"bad+\"");
    expect_refused({"add", "a/../b", "first"}, 2, "invalid change name \"a/../b\"");
}

TEST_F(RefusalTest, AddAnExistingChange) {
    expect_refused({"add", "schema", "first"}, 2,
                   "change \"schema\" already exists in module first (packages/first/pgpm.plan:5)");
}

TEST_F(RefusalTest, AddWithAnUnknownDependency) {
    expect_refused({"add", "t", "first", "--requires", "nothing"}, 2,
                   "cannot add \"t\": unknown dependency \"nothing\"");
    expect_refused({"add", "t", "first", "--requires", "@v1"}, 2,
                   "cannot add \"t\": unknown dependency \"@v1\"");
    expect_refused({"add", "t", "second", "--requires", "nowhere:schema"}, 2,
                   "\"nowhere:schema\" refers to unknown module \"nowhere\"");
    expect_refused({"add", "t", "second", "--requires", "first:nothing"}, 2,
                   "\"first:nothing\" refers to unknown change \"nothing\" in module first");
    expect_refused({"add", "t", "second", "--requires", "other:x"}, 2,
                   "\"other:x\" refers to module \"other\", which second does not require");
}

TEST_F(RefusalTest, AddWithAMalformedDependency) {
    expect_refused({"add", "t", "first", "--requires", "schema^"}, 2,
                   "invalid dependency \"schema^\": relative references");
    expect_refused({"add", "t", "first", "--requires", "a:b:c"}, 2,
                   "invalid dependency \"a:b:c\": expected change, @tag, module:change");
}

TEST_F(RefusalTest, AddOverAnExistingScript) {
    dir.write("ws/packages/first/verify/tables/t.sql", "SELECT 1;\n");
    before_ = tree_of(dir.root());
    expect_refused({"add", "tables/t", "first"}, 2,
                   "packages/first/verify/tables/t.sql already exists; nothing was written");
}

TEST_F(RefusalTest, AddToAnUnknownModule) {
    expect_refused({"add", "t", "nowhere"}, 2, "unknown module \"nowhere\"");
}

TEST_F(RefusalTest, AddAMultiLineNote) {
    expect_refused({"add", "t", "first", "-m", "one\ntwo"}, 2, "the note must be a single line");
}

}  // namespace
}  // namespace pgpm::testing::scaffold
