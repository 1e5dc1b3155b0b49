#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/difference.hpp"

// compare and describe on hand-made snapshots: no database.
namespace pgpm::catalog {
namespace {

CatalogSnapshot snapshot_of(std::vector<CatalogObject> objects) {
    return CatalogSnapshot{std::move(objects)};
}

std::vector<std::string> described(const CatalogSnapshot& before, const CatalogSnapshot& after) {
    std::vector<std::string> lines;
    for (const auto& difference : compare(before, after)) {
        lines.push_back(describe(difference));
    }
    return lines;
}

TEST(Compare, EqualSnapshotsHaveNoDifference) {
    const auto snapshot =
        snapshot_of({{"schema", "app", "owner: alice"}, {"table", "app.t", "owner: alice"}});
    EXPECT_TRUE(compare(snapshot, snapshot).empty());
    EXPECT_TRUE(compare({}, {}).empty());
}

TEST(Compare, AddedAndRemovedInKindThenIdentityOrder) {
    const auto before = snapshot_of(
        {{"function", "app.f(integer)", ""}, {"schema", "app", ""}, {"table", "app.b", ""}});
    const auto after = snapshot_of({{"column", "app.a.id", ""},
                                    {"schema", "app", ""},
                                    {"table", "app.a", ""},
                                    {"table", "app.c", ""}});
    EXPECT_EQ(described(before, after),
              (std::vector<std::string>{
                  "left behind: column app.a.id", "missing: function app.f(integer)",
                  "left behind: table app.a", "missing: table app.b", "left behind: table app.c"}));
}

TEST(Compare, SameIdentityOfAnotherKindIsAnotherObject) {
    EXPECT_EQ(
        described(snapshot_of({{"table", "app.x", ""}}), snapshot_of({{"view", "app.x", ""}})),
        (std::vector<std::string>{"missing: table app.x", "left behind: view app.x"}));
}

TEST(Compare, ChangedListsEachDifferingDetail) {
    const auto before = snapshot_of(
        {{"table", "app.t", "owner: alice\nacl: alice=r/alice\nrow level security: off"}});
    const auto after =
        snapshot_of({{"table", "app.t", "owner: bob\nacl: alice=r/alice\nrow level security: on"}});
    const auto differences = compare(before, after);
    ASSERT_EQ(differences.size(), 1u);
    EXPECT_EQ(differences[0].kind, CatalogDifference::Kind::changed);
    EXPECT_EQ(differences[0].detail, "owner: alice -> bob; row level security: off -> on");
    EXPECT_EQ(describe(differences[0]),
              "changed: table app.t (owner: alice -> bob; row level security: off -> on)");
}

TEST(Compare, DetailOnOneSideOnlyShowsAsNone) {
    EXPECT_EQ(described(snapshot_of({{"column", "app.t.id", "type: integer\ndefault: 1"}}),
                        snapshot_of({{"column", "app.t.id", "type: integer\nacl: =r/alice"}})),
              std::vector<std::string>{
                  "changed: column app.t.id (default: 1 -> (none); acl: (none) -> =r/alice)"});
}

TEST(Compare, LongValuesAreNotQuoted) {
    const std::string body(200, 'x');
    EXPECT_EQ(described(snapshot_of({{"function", "app.f()", "definition: " + body}}),
                        snapshot_of({{"function", "app.f()", "definition: " + body + "y"}})),
              std::vector<std::string>{"changed: function app.f() (definition differs)"});
}

}  // namespace
}  // namespace pgpm::catalog
