#include "engine/status.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pgpm::engine {
namespace {

using Names = std::vector<std::string>;

// Changes a, b, c, d; tag v1 on b, v2 on d.
plan::Plan four_changes() {
    auto parsed = plan::parse_plan(
        "%syntax-version=1.0.0\n%project=app\n\n"
        "a 2024-01-01T00:00:00Z J <j@x>\n"
        "b [a] 2024-01-01T00:00:00Z J <j@x>\n"
        "@v1 2024-01-02T00:00:00Z J <j@x>\n"
        "c 2024-01-03T00:00:00Z J <j@x>\n"
        "d 2024-01-04T00:00:00Z J <j@x>\n"
        "@v2 2024-01-05T00:00:00Z J <j@x>\n",
        "pgpm.plan");
    EXPECT_TRUE(parsed.diagnostics.empty());
    return std::move(parsed.plan);
}

DeployedRecord row(const std::string& change, const std::string& at = "2024-02-01T00:00:00Z") {
    return {change, "hash-" + change, at, "alice"};
}

// Every deploy file unchanged since its deploy.
std::optional<std::string> unchanged(std::string_view change) {
    return "hash-" + std::string(change);
}

TEST(ModuleStatus, NothingDeployedMeansEverythingPending) {
    const auto status = module_status("app", four_changes(), {}, unchanged);
    EXPECT_EQ(status.name, "app");
    EXPECT_EQ(status.deployed, 0U);
    EXPECT_EQ(status.pending, 4U);
    EXPECT_EQ(status.pending_changes, (Names{"a", "b", "c", "d"}));
    EXPECT_FALSE(status.last);
    EXPECT_FALSE(status.current_tag);
    EXPECT_TRUE(status.drifted.empty());
    EXPECT_TRUE(status.orphaned.empty());
    EXPECT_TRUE(status.out_of_order.empty());
}

TEST(ModuleStatus, PrefixDeployedGivesLastChangeAndCurrentTag) {
    const auto status = module_status(
        "app", four_changes(), {row("a"), row("b"), row("c", "2024-03-01T00:00:00Z")}, unchanged);
    EXPECT_EQ(status.deployed, 3U);
    EXPECT_EQ(status.pending, 1U);
    EXPECT_EQ(status.pending_changes, (Names{"d"}));
    ASSERT_TRUE(status.last);
    EXPECT_EQ(status.last->change, "c");
    EXPECT_EQ(status.last->deployed_at, "2024-03-01T00:00:00Z");
    EXPECT_EQ(status.last->deployed_by, "alice");
    EXPECT_EQ(status.current_tag, "v1");
    EXPECT_TRUE(status.out_of_order.empty());
}

TEST(ModuleStatus, FullyDeployedHasTheLastTag) {
    const auto status =
        module_status("app", four_changes(), {row("a"), row("b"), row("c"), row("d")}, unchanged);
    EXPECT_EQ(status.pending, 0U);
    EXPECT_EQ(status.current_tag, "v2");
}

TEST(ModuleStatus, LastChangeIsInPlanOrderNotDeployOrder) {
    // c was deployed before b (e.g. by an older plan): the last change is still the later one.
    const auto status =
        module_status("app", four_changes(),
                      {row("a", "2024-01-01T00:00:00Z"), row("c", "2024-01-02T00:00:00Z"),
                       row("b", "2024-01-03T00:00:00Z")},
                      unchanged);
    ASSERT_TRUE(status.last);
    EXPECT_EQ(status.last->change, "c");
}

TEST(ModuleStatus, PendingChangePlannedBeforeADeployedOneIsOutOfOrder) {
    const auto status = module_status("app", four_changes(), {row("a"), row("c")}, unchanged);
    EXPECT_EQ(status.pending_changes, (Names{"b", "d"}));
    EXPECT_EQ(status.out_of_order, (Names{"b"}));
    // v1 is on b, which is not deployed.
    EXPECT_FALSE(status.current_tag);
}

TEST(ModuleStatus, ChangedOrUnreadableDeployFileIsDrift) {
    const std::map<std::string, std::optional<std::string>, std::less<>> files{
        {"a", "hash-a"}, {"b", "edited"}, {"c", std::nullopt}};
    const auto status =
        module_status("app", four_changes(), {row("a"), row("b"), row("c")},
                      [&](std::string_view change) { return files.find(change)->second; });
    ASSERT_EQ(status.drifted.size(), 2U);
    EXPECT_EQ(status.drifted[0].change, "b");
    EXPECT_EQ(status.drifted[0].deployed_hash, "hash-b");
    EXPECT_EQ(status.drifted[0].current_hash, "edited");
    EXPECT_EQ(status.drifted[1].change, "c");
    EXPECT_FALSE(status.drifted[1].current_hash);
}

TEST(ModuleStatus, LedgerRowsNotInThePlanAreOrphanedAndNotCounted) {
    const auto status = module_status("app", four_changes(),
                                      {row("a"), row("gone"), row("b"), row("old")}, unchanged);
    EXPECT_EQ(status.orphaned, (Names{"gone", "old"}));
    EXPECT_EQ(status.deployed, 2U);
    EXPECT_EQ(status.pending, 2U);
    EXPECT_EQ(status.last->change, "b");
}

}  // namespace
}  // namespace pgpm::engine
