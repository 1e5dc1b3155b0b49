// Reading the pgpm server CTest's resource allocation gives a test.
#include "cli/ctest_resources.hpp"

#include <map>

#include <gtest/gtest.h>

namespace pgpm::cli {
namespace {

using Environment = std::map<std::string, std::string>;

tl::expected<std::optional<std::string>, std::string> allocated(const Environment& environment) {
    return allocated_server([&](const std::string& name) -> std::optional<std::string> {
        const auto found = environment.find(name);
        if (found == environment.end())
            return std::nullopt;
        return found->second;
    });
}

TEST(AllocatedServer, NoneWithoutResourceAllocation) {
    const auto result = allocated({});
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(AllocatedServer, NoneWhenTheCountIsEmpty) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", ""}});
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(AllocatedServer, TheIdOfTheOneServerGroup) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "1"},
                                   {"CTEST_RESOURCE_GROUP_0", "pgpm_servers"},
                                   {"CTEST_RESOURCE_GROUP_0_PGPM_SERVERS", "id:srv_b,slots:1"}});
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, std::optional<std::string>("srv_b"));
}

TEST(AllocatedServer, FoundAmongOtherResourceTypesAndGroups) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "2"},
                                   {"CTEST_RESOURCE_GROUP_0", "gpus"},
                                   {"CTEST_RESOURCE_GROUP_0_GPUS", "id:0,slots:2"},
                                   {"CTEST_RESOURCE_GROUP_1", "crypto_chips,pgpm_servers"},
                                   {"CTEST_RESOURCE_GROUP_1_CRYPTO_CHIPS", "id:card0,slots:1"},
                                   {"CTEST_RESOURCE_GROUP_1_PGPM_SERVERS", "id:db_2,slots:4"}});
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, std::optional<std::string>("db_2"));
}

TEST(AllocatedServer, NoneWhenOnlyOtherTypesAreAllocated) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "1"},
                                   {"CTEST_RESOURCE_GROUP_0", "gpus"},
                                   {"CTEST_RESOURCE_GROUP_0_GPUS", "id:0,slots:1"}});
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(AllocatedServer, NoneForZeroGroups) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "0"}});
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(AllocatedServer, ACountThatIsNotANumberIsAnError) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "two"}});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(),
              "CTEST_RESOURCE_GROUP_COUNT is 'two', not a number of resource groups");
}

TEST(AllocatedServer, AMissingGroupIsAnError) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "1"}});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(),
              "CTEST_RESOURCE_GROUP_0 is not set, though CTEST_RESOURCE_GROUP_COUNT is 1");
}

TEST(AllocatedServer, AMissingAllocationIsAnError) {
    const auto result = allocated(
        {{"CTEST_RESOURCE_GROUP_COUNT", "1"}, {"CTEST_RESOURCE_GROUP_0", "pgpm_servers"}});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(),
              "CTEST_RESOURCE_GROUP_0_PGPM_SERVERS is not set, though CTEST_RESOURCE_GROUP_0 "
              "lists pgpm_servers");
}

class MalformedAllocation : public testing::TestWithParam<const char*> {};

TEST_P(MalformedAllocation, IsAnErrorNamingTheVariable) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "1"},
                                   {"CTEST_RESOURCE_GROUP_0", "pgpm_servers"},
                                   {"CTEST_RESOURCE_GROUP_0_PGPM_SERVERS", GetParam()}});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), std::string("CTEST_RESOURCE_GROUP_0_PGPM_SERVERS is '") + GetParam() +
                                  "', not 'id:<id>,slots:<n>' with an id of lowercase letters, "
                                  "digits and underscores");
}

INSTANTIATE_TEST_SUITE_P(AllocatedServer, MalformedAllocation,
                         testing::Values("", "srv_a", "id:srv_a", "id:,slots:1", "id:Srv,slots:1",
                                         "id:a b,slots:1", "slots:1,id:srv_a", "id:srv_a,slots:x",
                                         "id:srv_a,slots:1,extra", "id:srv_a,slots:1;"));

TEST(AllocatedServer, MoreThanOneServerIsAnError) {
    const auto result =
        allocated({{"CTEST_RESOURCE_GROUP_COUNT", "1"},
                   {"CTEST_RESOURCE_GROUP_0", "pgpm_servers"},
                   {"CTEST_RESOURCE_GROUP_0_PGPM_SERVERS", "id:srv_a,slots:1;id:srv_b,slots:1"}});
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().find("more than one pgpm_servers resource"), std::string::npos)
        << result.error();
}

TEST(AllocatedServer, TwoServerGroupsAreAnError) {
    const auto result = allocated({{"CTEST_RESOURCE_GROUP_COUNT", "2"},
                                   {"CTEST_RESOURCE_GROUP_0", "pgpm_servers"},
                                   {"CTEST_RESOURCE_GROUP_0_PGPM_SERVERS", "id:srv_a,slots:1"},
                                   {"CTEST_RESOURCE_GROUP_1", "pgpm_servers"},
                                   {"CTEST_RESOURCE_GROUP_1_PGPM_SERVERS", "id:srv_b,slots:1"}});
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().find("more than one pgpm_servers resource"), std::string::npos)
        << result.error();
}

}  // namespace
}  // namespace pgpm::cli
