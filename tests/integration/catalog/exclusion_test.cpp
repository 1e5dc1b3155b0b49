#include "catalog_test_support.hpp"

namespace pgpm::catalog::test {
namespace {

using ExclusionTest = CatalogTest;

// citext ships with the server's contrib and needs no superuser to create in PostgreSQL 13+.
TEST_F(ExclusionTest, ExtensionsAndTheirObjectsAreNotListed) {
    EXPECT_EQ(differences_made_by("CREATE EXTENSION citext"), std::vector<std::string>());
    for (const auto& object : snapshot().objects) {
        EXPECT_EQ(object.identity.find("citext"), std::string::npos)
            << object.kind << " " << object.identity;
    }
}

TEST_F(ExclusionTest, ExtensionInASchemaOfItsOwnLeavesOnlyTheSchema) {
    EXPECT_EQ(differences_made_by("CREATE SCHEMA text_types; "
                                  "CREATE EXTENSION citext SCHEMA text_types"),
              std::vector<std::string>{"left behind: schema text_types"});
}

TEST_F(ExclusionTest, UsesOfAnExtensionAreListed) {
    run("CREATE EXTENSION citext");
    EXPECT_EQ(
        differences_made_by("CREATE TABLE app.t (name public.citext)"),
        (std::vector<std::string>{"left behind: column app.t.name", "left behind: table app.t"}));
    const auto taken = snapshot();
    const auto* column = find(taken, "column", "app.t.name");
    ASSERT_NE(column, nullptr);
    EXPECT_NE(column->details.find("type: public.citext"), std::string::npos) << column->details;
}

TEST_F(ExclusionTest, LedgerSchemaIsIgnored) {
    EXPECT_EQ(differences_made_by("CREATE SCHEMA pgpm_migrate; "
                                  "CREATE TABLE pgpm_migrate.changes (change_id text PRIMARY KEY); "
                                  "CREATE FUNCTION pgpm_migrate.f() RETURNS integer "
                                  "LANGUAGE sql AS 'SELECT 1'"),
              std::vector<std::string>());
    for (const auto& object : snapshot().objects) {
        EXPECT_EQ(object.identity.find("pgpm_migrate"), std::string::npos) << object.identity;
    }
}

TEST_F(ExclusionTest, SystemSchemasAreNotListed) {
    run("CREATE TEMPORARY TABLE scratch (id integer)");
    for (const auto& object : snapshot().objects) {
        EXPECT_NE(object.identity.find("pg_"), 0u) << object.identity;
        EXPECT_NE(object.identity.find("information_schema"), 0u) << object.identity;
        EXPECT_EQ(object.identity.find("scratch"), std::string::npos) << object.identity;
    }
}

}  // namespace
}  // namespace pgpm::catalog::test
