// A workspace made only with `init` and `add`, its SQL filled in as a user would, passes `check`
// and a full cycle of `test-packages`.
#include <filesystem>

#include "integration/test_packages/test_packages_support.hpp"
#include "scaffold_support.hpp"

namespace pgpm::testing::scaffold {
namespace {

namespace fs = std::filesystem;

// The databases come and go through TestPackagesTest's prefix; its own pgpm.json at the tree's
// root is unused, since the workspace made here lives in ws/, nearer to every command.
class WorkflowTest : public test_packages::TestPackagesTest {
protected:
    ProcessResult pgpm_in(const std::string& cwd, const std::vector<std::string>& args) const {
        return run_pgpm(dir, args, cwd);
    }
    std::string file(const std::string& relative) const { return read_file(dir.path(relative)); }
};

TEST_F(WorkflowTest, InitAndAddMakeAWorkspaceThatPassesCheckAndAFullCycle) {
    auto result = pgpm_in("", {"init", "workspace", "ws", "--name", "shop"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "created workspace shop in ws\n");
    EXPECT_EQ(file("ws/pgpm.json"), "{\n  \"packages\": [\"packages/*\", \"extensions/*\"]\n}\n");
    EXPECT_TRUE(test_packages::mentions(file("ws/README.md"), "# shop\n"));
    const auto cmake = file("ws/CMakeLists.txt");
    EXPECT_TRUE(test_packages::mentions(cmake, "project(shop LANGUAGES NONE)\n"));
    EXPECT_TRUE(test_packages::mentions(cmake, "find_package(pgpm 1 CONFIG REQUIRED)\n"));
    EXPECT_TRUE(
        test_packages::mentions(cmake, "pgpm_add_workspace(${CMAKE_CURRENT_SOURCE_DIR})\n"));

    result = pgpm_in("ws", {"init", "module", "first"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "created module first in packages/first\n");
    result = pgpm_in("ws", {"init", "module", "second", "--requires", "first"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(file("ws/packages/second/pgpm.plan"),
              "%syntax-version=1.0.0\n%project=second\n%uri=second\n\n");
    EXPECT_TRUE(test_packages::mentions(file("ws/packages/second/second.control"),
                                        "\nrequires = 'first'\n"));
    // No requires, no line: the original would read `requires = ''` as one empty requirement.
    EXPECT_FALSE(test_packages::mentions(file("ws/packages/first/first.control"), "requires"));
    for (const char* folder : {"deploy", "revert", "verify"})
        EXPECT_TRUE(fs::is_directory(dir.path("ws/packages/first/" + std::string(folder))));

    // From inside a module (-C) the module is implied; elsewhere it is named.
    result = pgpm_in("", {"-C", "ws/packages/first", "add", "schema", "-m", "the shop schema"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "added first:schema\n");
    result = pgpm_in("ws", {"add", "tables/products", "first", "--requires", "schema"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    result = pgpm_in("ws", {"add", "orders", "--package", "second", "--requires",
                            "first:tables/products", "--note", "orders of products"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    EXPECT_EQ(file("ws/packages/first/pgpm.plan"),
              "%syntax-version=1.0.0\n%project=first\n%uri=first\n\n" +
                  plan_line("schema", "", "the shop schema") + "\n" +
                  plan_line("tables/products", "schema") + "\n");
    EXPECT_EQ(file("ws/packages/second/pgpm.plan"),
              "%syntax-version=1.0.0\n%project=second\n%uri=second\n\n" +
                  plan_line("orders", "first:tables/products", "orders of products") + "\n");
    const std::string first = "ws/packages/first/";
    EXPECT_TRUE(file(first + "deploy/tables/products.sql")
                    .starts_with("-- Deploy first:tables/products to pg\n-- requires: schema\n\n"));
    EXPECT_TRUE(file(first + "deploy/schema.sql").starts_with("-- Deploy first:schema to pg\n\n"));
    EXPECT_TRUE(file(first + "revert/tables/products.sql")
                    .starts_with("-- Revert first:tables/products from pg\n"));
    EXPECT_TRUE(file(first + "verify/tables/products.sql")
                    .starts_with("-- Verify first:tables/products on pg\n"));
    EXPECT_TRUE(file("ws/packages/second/deploy/orders.sql")
                    .starts_with("-- Deploy second:orders to pg\n-- requires: "
                                 "first:tables/products\n\n"));

    // The scripts as generated, before anyone fills them in, are valid.
    result = pgpm_in("ws", {"check", "--workspace"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;

    dir.write(first + "deploy/schema.sql", "CREATE SCHEMA shop;\n");
    dir.write(first + "revert/schema.sql", "DROP SCHEMA shop;\n");
    dir.write(first + "verify/schema.sql",
              "SELECT 1/count(*) FROM pg_namespace WHERE nspname = 'shop';\n");
    dir.write(first + "deploy/tables/products.sql",
              "CREATE TABLE shop.products (id int PRIMARY KEY);\n");
    dir.write(first + "revert/tables/products.sql", "DROP TABLE shop.products;\n");
    dir.write(first + "verify/tables/products.sql", "SELECT id FROM shop.products WHERE false;\n");
    const std::string second = "ws/packages/second/";
    dir.write(second + "deploy/orders.sql",
              "CREATE TABLE shop.orders (id int PRIMARY KEY, product int REFERENCES "
              "shop.products);\n");
    dir.write(second + "revert/orders.sql", "DROP TABLE shop.orders;\n");
    dir.write(second + "verify/orders.sql", "SELECT id, product FROM shop.orders WHERE false;\n");

    result = pgpm_in("ws", {"check", "--workspace"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    result =
        pgpm_in("ws", {"test-packages", "--full-cycle", "--workspace", "--db-prefix", prefix()});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(test_packages::sorted(test_packages::results(result.out)),
              (std::vector<std::string>{"PASS first", "PASS second"}))
        << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

// The line goes after every other byte, ending as the file's lines end.
TEST_F(WorkflowTest, AddKeepsEveryByteAndTheFilesLineEndings) {
    const std::string crlf_plan = "%syntax-version=1.0.0\r\n%project=app\r\n# kept   \r\n\r\n" +
                                  plan_line("a") + "  ";  // no final newline
    dir.write("ws/pgpm.json", R"({"packages": ["packages/*"]})");
    dir.write("ws/packages/app/app.control", "requires = ''\n");
    dir.write("ws/packages/app/pgpm.plan", crlf_plan);

    const auto result = pgpm_in("ws/packages/app", {"add", "b", "--requires", "a"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(file("ws/packages/app/pgpm.plan"), crlf_plan + "\r\n" + plan_line("b", "a") + "\r\n");
}

}  // namespace
}  // namespace pgpm::testing::scaffold
