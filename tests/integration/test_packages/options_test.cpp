// test-packages' options: --exclude, --keep-db, --json, and the databases it creates next to
// ones that are not its own.
#include <yaml-cpp/yaml.h>

#include "test_packages_support.hpp"

namespace pgpm::testing::test_packages {
namespace {

using OptionsTest = TestPackagesTest;

TEST_F(OptionsTest, ExcludeSkipsAModule) {
    write_table_module("a");
    write_table_module("b");
    write_table_module("c");

    const auto result = test_packages({"--workspace", "--exclude", "b"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(sorted(results(result.out)), (std::vector<std::string>{"PASS a", "PASS c"}))
        << result.out;
    EXPECT_EQ(last_line(result.out), "2 passed, 0 failed") << result.out;
}

TEST_F(OptionsTest, ExcludeTakesACommaList) {
    write_table_module("a");
    write_table_module("b");
    write_table_module("c");

    const auto result = test_packages({"--workspace", "--exclude", "a,c"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"PASS b"}) << result.out;
    EXPECT_EQ(last_line(result.out), "1 passed, 0 failed") << result.out;
}

TEST_F(OptionsTest, ExcludeNamingAnUnknownModuleExits2) {
    write_table_module("a");

    const auto result = test_packages({"--workspace", "--exclude", "nosuch"});
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_TRUE(mentions(result.err, "nosuch"));
    EXPECT_EQ(results(result.out), std::vector<std::string>{}) << result.out;
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(OptionsTest, KeepDbKeepsTheMarkedDatabases) {
    write_table_module("a");
    write_table_module("b", "a");

    const auto result = test_packages({"--workspace", "--full-cycle", "--keep-db"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(databases(), (std::vector<std::string>{prefix() + "a", prefix() + "b"}));
    // Deployed (the second deploy of the full cycle), and marked as pgpm's.
    auto connection = maintenance();
    for (const auto& name : databases()) {
        EXPECT_EQ(rows(connection,
                       "SELECT shobj_description(oid, 'pg_database') IS NOT NULL "
                       "FROM pg_database WHERE datname = $1",
                       {name}),
                  std::vector<std::string>{"t"})
            << name;
    }
    {
        auto kept = db::Connection::open_database("", prefix() + "b");
        ASSERT_TRUE(kept) << kept.error().message;
        EXPECT_EQ(
            rows(*kept, "SELECT to_regclass('a_t') IS NOT NULL, to_regclass('b_t') IS NOT NULL"),
            std::vector<std::string>{"t t"});
    }

    for (const auto& name : databases())
        exec(connection, "DROP DATABASE \"" + name + "\" WITH (FORCE)");
    EXPECT_EQ(databases(), std::vector<std::string>{});
}

TEST_F(OptionsTest, JsonCountsMatchTheClosingLine) {
    write_table_module("a");
    write_module("b", "",
                 {{"b",
                   {},
                   "CREATE TABLE b_t (id int);\n",
                   "DROP TABLE b_t;\n",
                   "SELECT no_such_column FROM b_t;\n"}});
    write_table_module("c", "a");

    const auto result =
        test_packages({"--workspace", "--full-cycle", "--continue-on-fail", "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    // stdout holds the JSON object only; the results and the closing line go to stderr.
    YAML::Node json;
    ASSERT_NO_THROW(json = YAML::Load(result.out)) << result.out;
    ASSERT_TRUE(json.IsMap()) << result.out;
    EXPECT_EQ(json["version"].as<int>(), 1);
    EXPECT_EQ(json["passed"].as<int>(), 2);
    EXPECT_EQ(json["failed"].as<int>(), 1);
    EXPECT_EQ(last_line(result.err), std::to_string(json["passed"].as<int>()) + " passed, " +
                                         std::to_string(json["failed"].as<int>()) + " failed")
        << result.err;
    EXPECT_EQ(sorted(results(result.err)), (std::vector<std::string>{"FAIL b", "PASS a", "PASS c"}))
        << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{}) << result.out;

    ASSERT_EQ(json["modules"].size(), 3U) << result.out;
    std::vector<std::string> modules;
    for (const auto& module : json["modules"]) {
        const auto name = module["name"].as<std::string>();
        modules.push_back((module["passed"].as<bool>() ? "PASS " : "FAIL ") + name);
        EXPECT_EQ(module["database"].as<std::string>(), prefix() + name);
        if (name == "b") {
            std::vector<std::string> failed;
            for (const auto& phase : module["phases"]) {
                if (!phase["passed"].as<bool>())
                    failed.push_back(phase["name"].as<std::string>());
            }
            EXPECT_EQ(failed, std::vector<std::string>{"verify"}) << result.out;
            EXPECT_GT(module["diagnostics"].size(), 0U) << result.out;
        }
    }
    EXPECT_EQ(sorted(modules), (std::vector<std::string>{"FAIL b", "PASS a", "PASS c"}));
}

// A database pgpm marked (one kept by --keep-db) is pgpm's: the next run drops it and reuses the
// name.
TEST_F(OptionsTest, KeptDatabaseIsReplacedByTheNextRun) {
    write_table_module("a");
    const auto first = test_packages({"a", "--keep-db"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    ASSERT_EQ(databases(), std::vector<std::string>{prefix() + "a"});
    {
        auto kept = db::Connection::open_database("", prefix() + "a");
        ASSERT_TRUE(kept) << kept.error().message;
        exec(*kept, "CREATE TABLE stale (id int)");
    }

    const auto second = test_packages({"a", "--keep-db"});
    EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
    EXPECT_EQ(database_of(second.out, "a"), prefix() + "a") << second.out;
    EXPECT_EQ(databases(), std::vector<std::string>{prefix() + "a"});
    auto fresh = db::Connection::open_database("", prefix() + "a");
    ASSERT_TRUE(fresh) << fresh.error().message;
    EXPECT_EQ(rows(*fresh, "SELECT to_regclass('stale') IS NULL, to_regclass('a_t') IS NOT NULL"),
              std::vector<std::string>{"t t"});
}

// Two modules whose names map to one database name get two databases.
TEST_F(OptionsTest, ModulesMappingToOneNameGetDistinctDatabases) {
    write_table_module("Twin");
    write_table_module("twin");

    const auto result = test_packages({"--workspace", "--keep-db"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(sorted(results(result.out)), (std::vector<std::string>{"PASS Twin", "PASS twin"}))
        << result.out;
    const auto upper = database_of(result.out, "Twin");
    const auto lower = database_of(result.out, "twin");
    EXPECT_NE(upper, lower) << result.out;
    EXPECT_EQ(sorted({upper, lower}), databases());
    for (const auto& name : {upper, lower}) {
        EXPECT_TRUE(name == prefix() + "twin" || name.starts_with(prefix() + "twin_"))
            << result.out;
    }
}

// A database with a test database's name that pgpm did not mark is the user's: the run uses
// another name, and the user's database and its sessions are left alone.
TEST_F(OptionsTest, UnmarkedDatabaseOfTheSameNameIsLeftAlone) {
    write_table_module("a");
    const auto mine = prefix() + "a";
    auto connection = maintenance();
    exec(connection, "CREATE DATABASE \"" + mine + "\"");
    auto session = db::Connection::open_database("", mine);
    ASSERT_TRUE(session) << session.error().message;
    exec(*session, "CREATE TABLE precious (id int)");

    const auto result = test_packages({"a", "--full-cycle"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_EQ(results(result.out), std::vector<std::string>{"PASS a"}) << result.out;
    const auto used = database_of(result.out, "a");
    EXPECT_NE(used, mine) << result.out;
    EXPECT_TRUE(used.starts_with(mine + "_")) << result.out;

    // Still there, untouched, and its session was not terminated.
    EXPECT_EQ(databases(), std::vector<std::string>{mine});
    EXPECT_EQ(rows(*session, "SELECT to_regclass('precious') IS NOT NULL"),
              std::vector<std::string>{"t"});
    exec(connection, "DROP DATABASE \"" + mine + "\" WITH (FORCE)");
}

}  // namespace
}  // namespace pgpm::testing::test_packages
