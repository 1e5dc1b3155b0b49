// Dependencies shared by several modules are deployed once into a template database and cloned,
// when the run has measured that to be faster: the clones hold what a fresh deploy gives, and the
// templates are gone after the run.
#include "test_packages_support.hpp"

namespace pgpm::testing::test_packages {
namespace {

class TemplateTest : public TestPackagesTest {
protected:
    // Module `base`, whose deploy takes `sleep_seconds`, and `dependents` modules requiring it.
    void write_workspace(const std::string& sleep_seconds, int dependents) const {
        auto slow = table_change("create_base", "base_t");
        slow.deploy += "SELECT pg_sleep(" + sleep_seconds + ");\n";
        write_module("base", "", {slow});
        for (int i = 1; i <= dependents; ++i)
            write_table_module("m" + std::to_string(i), "base");
    }

    // The ledger's deployed changes in `database`, as `package:change`, sorted.
    static std::vector<std::string> deployed(const std::string& database) {
        auto connection = db::Connection::open_database("", database);
        if (!connection)
            throw std::runtime_error("cannot connect: " + connection.error().message);
        return rows(*connection,
                    "SELECT package || ':' || change_name FROM pgpm_migrate.changes ORDER BY 1");
    }
};

// The first dependent measures the deploy of `base` (a second): more than creating a database, so
// the next one builds the template and the rest clone it.
TEST_F(TemplateTest, SlowSharedDependenciesAreDeployedOnceAndCloned) {
    write_workspace("1", 4);
    const auto result = test_packages({"--workspace", "--full-cycle", "-j", "1", "--keep-db"});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(last_line(result.out), "5 passed, 0 failed") << result.out;

    EXPECT_EQ(template_of(result.out, "m1"), "") << result.out;
    const auto template_database = template_of(result.out, "m2");
    EXPECT_TRUE(template_database.starts_with(prefix() + "template_")) << result.out;
    EXPECT_EQ(template_of(result.out, "m3"), template_database) << result.out;
    EXPECT_EQ(template_of(result.out, "m4"), template_database) << result.out;

    // A clone holds what the fresh deploy gave: the dependency's ledger rows and its table.
    EXPECT_EQ(deployed(database_of(result.out, "m4")),
              (std::vector<std::string>{"base:create_base", "m4:create_m4"}));
    EXPECT_EQ(deployed(database_of(result.out, "m1")),
              (std::vector<std::string>{"base:create_base", "m1:create_m1"}));
    // Only the kept module databases remain: the template is dropped.
    EXPECT_EQ(databases(),
              (std::vector<std::string>{prefix() + "base", prefix() + "m1", prefix() + "m2",
                                        prefix() + "m3", prefix() + "m4"}));
}

TEST_F(TemplateTest, NoCloneDeploysEveryModulesDependencies) {
    write_workspace("1", 2);
    const auto result = test_packages({"--workspace", "--full-cycle", "-j", "1", "--no-clone"});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_FALSE(result.out.find("cloned from") != std::string::npos) << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

// A dependency deployed in a few milliseconds is cheaper to deploy again than a database is to
// create, so it is never cloned.
TEST_F(TemplateTest, QuickDependenciesAreNotCloned) {
    write_workspace("0", 3);
    const auto result = test_packages({"--workspace", "--full-cycle", "-j", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_FALSE(result.out.find("cloned from") != std::string::npos) << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

// With two jobs the clones still hold what a fresh deploy gives, whichever job builds.
TEST_F(TemplateTest, TwoJobsShareOneTemplate) {
    write_workspace("1", 5);
    const auto result = test_packages({"--workspace", "--full-cycle", "-j", "2"});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(last_line(result.out), "6 passed, 0 failed") << result.out;
    EXPECT_TRUE(mentions(result.out, "dependencies cloned from " + prefix() + "template_"));
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

}  // namespace
}  // namespace pgpm::testing::test_packages
