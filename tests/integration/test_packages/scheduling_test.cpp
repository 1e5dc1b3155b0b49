// Which modules test-packages runs, and how many at once: a failure stops the run unless
// --continue-on-fail, --jobs changes nothing in the results, and a module whose scripts touch
// roles runs while no other database of the run exists.
#include <unistd.h>

#include <random>

#include "test_packages_support.hpp"

namespace pgpm::testing::test_packages {
namespace {

// A change whose verify fails (its deploy works).
Change broken_verify_change(const std::string& table) {
    return {"create_" + table,
            {},
            "CREATE TABLE " + table + " (id int);\n",
            "DROP TABLE " + table + ";\n",
            "SELECT no_such_column FROM " + table + ";\n"};
}

using SchedulingTest = TestPackagesTest;

TEST_F(SchedulingTest, FailureStopsSchedulingWithoutContinueOnFail) {
    write_module("bad", "", {broken_verify_change("bad_t")});
    write_table_module("good1");
    write_table_module("good2");

    const auto result = test_packages({"bad", "good1", "good2", "--full-cycle", "--jobs", "1"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"FAIL bad"}) << result.out;
    EXPECT_EQ(last_line(result.out), "0 passed, 1 failed") << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(SchedulingTest, ContinueOnFailRunsTheRest) {
    write_module("bad", "", {broken_verify_change("bad_t")});
    write_table_module("good1");
    write_table_module("good2");

    const auto result = test_packages(
        {"bad", "good1", "good2", "--full-cycle", "--jobs", "1", "--continue-on-fail"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_EQ(results(result.out),
              (std::vector<std::string>{"FAIL bad", "PASS good1", "PASS good2"}))
        << result.out;
    EXPECT_EQ(last_line(result.out), "2 passed, 1 failed") << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(SchedulingTest, TwoJobsGiveTheResultsOfOne) {
    write_table_module("a");
    write_table_module("b", "a");
    write_module("c", "", {broken_verify_change("c_t")});
    write_table_module("d", "a");
    write_table_module("e");

    const auto one =
        test_packages({"--workspace", "--full-cycle", "--continue-on-fail", "-j", "1"});
    const auto two =
        test_packages({"--workspace", "--full-cycle", "--continue-on-fail", "-j", "2"});
    EXPECT_EQ(one.exit_code, 1) << one.out << one.err;
    EXPECT_EQ(two.exit_code, 1) << two.out << two.err;
    const std::vector<std::string> expected{"FAIL c", "PASS a", "PASS b", "PASS d", "PASS e"};
    EXPECT_EQ(sorted(results(one.out)), expected) << one.out;
    EXPECT_EQ(sorted(results(two.out)), expected) << two.out;
    EXPECT_EQ(failed_phases(two.out, "c"), failed_phases(one.out, "c"));
    EXPECT_EQ(last_line(one.out), "4 passed, 1 failed") << one.out;
    EXPECT_EQ(last_line(two.out), "4 passed, 1 failed") << two.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

// Module `roles` creates a role inside a DO block, and its deploy fails unless its own database is
// the only one of the run; the others sleep a little so that, run beside it, they would be seen.
TEST_F(SchedulingTest, ModuleCreatingARoleRunsAlone) {
    std::random_device random;
    const std::string role =
        "tp_role_" + std::to_string(::getpid()) + "_" + std::to_string(random() % 1000000);
    const std::string others_of_the_run = "(SELECT count(*) FROM pg_database WHERE left(datname, " +
                                          std::to_string(prefix().size()) + ") = '" + prefix() +
                                          "')";
    write_module("roles", "",
                 {{"role",
                   {},
                   "DO $$\nBEGIN\n  IF " + others_of_the_run +
                       " <> 1 THEN\n    RAISE EXCEPTION 'another database of the run exists';\n"
                       "  END IF;\n  CREATE ROLE " +
                       role + " NOLOGIN;\nEND\n$$;\n",
                   "DROP ROLE " + role + ";\n",
                   "SELECT 1 / count(*) FROM pg_roles WHERE rolname = '" + role + "';\n"}});
    // Path order puts it between the others: a, b, roles, x, y.
    for (const auto* name : {"a", "b", "x", "y"}) {
        auto change = table_change("create", std::string(name) + "_t");
        change.deploy = "SELECT pg_sleep(0.2);\n" + change.deploy;
        write_module(name, "", {change});
    }

    const auto result = test_packages({"--workspace", "--full-cycle", "--jobs", "2"});
    auto connection = maintenance();
    exec(connection, "DROP ROLE IF EXISTS " + role);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(sorted(results(result.out)),
              (std::vector<std::string>{"PASS a", "PASS b", "PASS roles", "PASS x", "PASS y"}))
        << result.out;
    EXPECT_EQ(last_line(result.out), "5 passed, 0 failed") << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

}  // namespace
}  // namespace pgpm::testing::test_packages
