#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog_test_support.hpp"

namespace pgpm::catalog::test {
namespace {

// Owners and grants need roles, which every database of the server shares: each test makes its
// own, named after its database.
class RoleTest : public CatalogTest {
protected:
    std::string role_name(std::string_view suffix) const {
        return database_.name() + "_" + std::string(suffix);
    }
    // `text` with "{a}" and "{b}" replaced by the two roles' names.
    std::string with_roles(std::string text) const {
        return replace_all(replace_all(std::move(text), "{a}", alice_.name()), "{b}", bob_.name());
    }

    ScratchRole alice_{connection_, role_name("alice")};
    ScratchRole bob_{connection_, role_name("bob")};
};

TEST_F(RoleTest, TableOwnerChange) {
    run("CREATE TABLE app.t (id integer)");
    EXPECT_EQ(differences_made_by(with_roles("ALTER TABLE app.t OWNER TO {a}")),
              std::vector<std::string>{
                  with_me(with_roles("changed: table app.t (owner: {me} -> {a}; "
                                     "acl: {me}=arwdDxt/{me} -> {a}=arwdDxt/{a})"))});
}

TEST_F(RoleTest, SchemaFunctionAndTypeOwnerChange) {
    run("CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1'; "
        "CREATE TYPE app.mood AS ENUM ('ok')");
    const auto differences = differences_made_by(
        with_roles("ALTER SCHEMA app OWNER TO {a}; ALTER FUNCTION app.f() OWNER TO {a}; "
                   "ALTER TYPE app.mood OWNER TO {a}"));
    ASSERT_EQ(differences.size(), 3u);
    EXPECT_EQ(differences[0].rfind("changed: function app.f() (owner: ", 0), 0u) << differences[0];
    EXPECT_EQ(differences[1].rfind("changed: schema app (owner: ", 0), 0u) << differences[1];
    EXPECT_EQ(differences[2].rfind("changed: type app.mood (owner: ", 0), 0u) << differences[2];
}

TEST_F(RoleTest, GrantToARole) {
    run("CREATE TABLE app.t (id integer)");
    EXPECT_EQ(differences_made_by(with_roles("GRANT INSERT ON app.t TO {b}")),
              std::vector<std::string>{
                  with_me(with_roles("changed: table app.t (acl: {me}=arwdDxt/{me} -> {b}=a/{me}, "
                                     "{me}=arwdDxt/{me})"))});
}

TEST_F(RoleTest, GrantOrderDoesNotMatter) {
    run(
        with_roles("CREATE TABLE app.t (id integer); GRANT SELECT ON app.t TO {a}; "
                   "GRANT SELECT ON app.t TO {b}"));
    EXPECT_EQ(differences_made_by(
                  with_roles("REVOKE SELECT ON app.t FROM {a}; GRANT SELECT ON app.t TO {a}")),
              std::vector<std::string>());
}

TEST_F(RoleTest, RevokedGrantEqualsNeverGranted) {
    run("CREATE TABLE app.t (id integer)");
    EXPECT_EQ(differences_made_by(
                  with_roles("GRANT SELECT ON app.t TO {a}; REVOKE SELECT ON app.t FROM {a}")),
              std::vector<std::string>());
}

TEST_F(RoleTest, DefaultPrivilegesOfAnotherRole) {
    EXPECT_EQ(differences_made_by(
                  with_roles("ALTER DEFAULT PRIVILEGES FOR ROLE {a} GRANT USAGE ON TYPES TO {b}")),
              std::vector<std::string>{
                  with_roles("left behind: default privileges for role {a} on types")});
}

TEST_F(RoleTest, DefaultPrivilegesChanged) {
    run(
        with_roles("ALTER DEFAULT PRIVILEGES FOR ROLE {a} IN SCHEMA app "
                   "GRANT SELECT ON TABLES TO {b}"));
    EXPECT_EQ(differences_made_by(with_roles("ALTER DEFAULT PRIVILEGES FOR ROLE {a} IN SCHEMA app "
                                             "GRANT INSERT ON TABLES TO {b}")),
              std::vector<std::string>{
                  with_roles("changed: default privileges for role {a} in schema app on tables "
                             "(acl: {b}=r/{a} -> {b}=ar/{a})")});
}

TEST_F(RoleTest, PolicyRoles) {
    run(
        with_roles("CREATE TABLE app.t (id integer); "
                   "CREATE POLICY mine ON app.t TO {a} USING (true)"));
    EXPECT_EQ(differences_made_by(with_roles("ALTER POLICY mine ON app.t TO {a}, {b}")),
              std::vector<std::string>{
                  with_roles("changed: policy mine on app.t (roles: {a} -> {a}, {b})")});
}

}  // namespace
}  // namespace pgpm::catalog::test
