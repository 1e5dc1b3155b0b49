#include "scaffold/change_line.hpp"

#include <gtest/gtest.h>

#include "plan/plan.hpp"

namespace pgpm::scaffold {
namespace {

TEST(FormatChangeLine, WritesTheOriginalsForm) {
    EXPECT_EQ(format_change_line({"tables/users",
                                  {"schema", "@v1", "base:roles"},
                                  "2024-02-01T10:20:30Z",
                                  "Jane Q Doe",
                                  "jane@example.com",
                                  "add users # and more"}),
              "tables/users [schema @v1 base:roles] 2024-02-01T10:20:30Z Jane Q Doe "
              "<jane@example.com> # add users # and more");
}

TEST(FormatChangeLine, LeavesOutEmptyDependenciesAndNote) {
    EXPECT_EQ(format_change_line({"schema", {}, "2024-02-01T10:20:30Z", "J", "j@x", ""}),
              "schema 2024-02-01T10:20:30Z J <j@x>");
}

TEST(FormatChangeLine, ReadsBackAsWritten) {
    const auto line = format_change_line(
        {"b", {"a"}, "2024-02-01T10:20:30Z", "Jane Q Doe", "jane@example.com", "why # not"});
    const auto parsed = plan::parse_plan("%project=app\na\n" + line + "\n", "pgpm.plan");
    ASSERT_FALSE(has_errors(parsed.diagnostics));
    const auto* change = parsed.plan.find_change("b");
    ASSERT_NE(change, nullptr);
    ASSERT_EQ(change->dependencies.size(), 1U);
    EXPECT_EQ(change->dependencies[0].name, "a");
    EXPECT_EQ(change->timestamp, "2024-02-01T10:20:30Z");
    EXPECT_EQ(change->planner, "Jane Q Doe");
    EXPECT_EQ(change->email, "jane@example.com");
    EXPECT_EQ(change->note, "why # not");
}

}  // namespace
}  // namespace pgpm::scaffold
