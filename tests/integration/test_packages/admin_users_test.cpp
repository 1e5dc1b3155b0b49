// `pgpm admin-users bootstrap`: the three NOLOGIN roles, safe to run twice at once, and a clear
// error for a role that may not create them. The roles are shared by every test on the server,
// so they are never dropped here.
#include <unistd.h>

#include <future>
#include <random>

#include "test_packages_support.hpp"

namespace pgpm::testing::test_packages {
namespace {

using AdminUsersTest = TestPackagesTest;

TEST_F(AdminUsersTest, TwoBootstrapsAtOnceBothSucceed) {
    auto first = std::async(std::launch::async, [this] {
        return pgpm({"admin-users", "bootstrap"});
    });
    auto second = std::async(std::launch::async, [this] {
        return pgpm({"admin-users", "bootstrap", "--yes"});
    });
    const auto first_result = first.get();
    const auto second_result = second.get();
    EXPECT_EQ(first_result.exit_code, 0) << first_result.out << first_result.err;
    EXPECT_EQ(second_result.exit_code, 0) << second_result.out << second_result.err;

    auto connection = maintenance();
    EXPECT_EQ(
        rows(connection,
             "SELECT rolname, rolbypassrls, rolcanlogin FROM pg_roles "
             "WHERE rolname IN ('anonymous', 'authenticated', 'administrator') "
             "ORDER BY rolname"),
        (std::vector<std::string>{"administrator t f", "anonymous f f", "authenticated f f"}));
}

TEST_F(AdminUsersTest, BootstrapAgainIsIdempotent) {
    const auto first = pgpm({"admin-users", "bootstrap"});
    const auto again = pgpm({"admin-users", "bootstrap"});
    EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    for (const auto* role : {"anonymous", "authenticated", "administrator"})
        EXPECT_TRUE(mentions_on_one_line(again.out, {role, "exists already"}));
}

TEST_F(AdminUsersTest, NonSuperuserGetsAClearError) {
    std::random_device random;
    const std::string role =
        "tp_plain_" + std::to_string(::getpid()) + "_" + std::to_string(random() % 1000000);
    auto connection = maintenance();
    exec(connection, "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS");

    const auto result =
        pgpm({"-d", "dbname=postgres user=" + role, "admin-users", "bootstrap", "--yes"});
    exec(connection, "DROP ROLE " + role);
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_TRUE(mentions(result.err, "superuser"));
    EXPECT_TRUE(mentions(result.err, "permission denied"));
}

}  // namespace
}  // namespace pgpm::testing::test_packages
