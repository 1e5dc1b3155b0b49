#include "sql/json_view.hpp"

#include <gtest/gtest.h>

namespace pgpm::sql {
namespace {

TEST(JsonView, FindsMembersOnlyAtTheirOwnDepth) {
    const JsonView object(R"({"a":{"concurrent":true},"b":[1,{"concurrent":true}],"c":false})");
    EXPECT_FALSE(object.member("concurrent").present());
    EXPECT_TRUE(object.member("a").member("concurrent").is_true());
    EXPECT_TRUE(object.member("c").present());
    EXPECT_FALSE(object.member("c").is_true());
}

TEST(JsonView, SkipsBracketsAndQuotesInsideStrings) {
    const JsonView object(R"({"s":"x\"}]{[,\\","n":42})");
    EXPECT_EQ(object.member("s").string(), R"(x\"}]{[,\\)");
    EXPECT_EQ(object.member("n").integer(), 42);
}

TEST(JsonView, ListsArrayItems) {
    const auto items = JsonView(R"([{"A":{}},"x",[1,2],3])").items();
    ASSERT_EQ(items.size(), 4u);
    ASSERT_EQ(items[0].members().size(), 1u);
    EXPECT_EQ(items[0].members()[0].first, "A");
    EXPECT_EQ(items[0].members()[0].second.members().size(), 0u);
    EXPECT_EQ(items[1].string(), "x");
    EXPECT_EQ(items[2].items().size(), 2u);
    EXPECT_EQ(items[3].integer(), 3);
    EXPECT_TRUE(JsonView("[]").items().empty());
}

TEST(JsonView, ListsMembersInOrder) {
    const auto members = JsonView(R"({"stmt":{"A":{}},"stmt_location":7,"stmt_len":3})").members();
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members[0].first, "stmt");
    EXPECT_EQ(members[1].first, "stmt_location");
    EXPECT_EQ(members[1].second.integer(), 7);
    EXPECT_EQ(members[2].second.integer(), 3);
}

TEST(JsonView, ToleratesWhitespace) {
    const JsonView object("{ \"a\" : [ 1 , 2 ] , \"b\" : \"c\" }");
    EXPECT_EQ(object.member("a").items().size(), 2u);
    EXPECT_EQ(object.member("b").string(), "c");
}

TEST(JsonView, HandlesDeepNestingWithoutRecursion) {
    std::string deep = R"({"x":)";
    for (int i = 0; i < 100000; ++i)
        deep += R"({"a":[)";
    for (int i = 0; i < 100000; ++i)
        deep += "]}";
    deep += R"(,"y":1})";
    EXPECT_EQ(JsonView(deep).member("y").integer(), 1);
}

TEST(JsonView, MalformedTextGivesAbsentValues) {
    EXPECT_FALSE(JsonView(R"({"a":)").member("b").present());
    EXPECT_FALSE(JsonView(R"({"a)").member("a").present());
    EXPECT_EQ(JsonView("[1,").items().size(), 1u);
    EXPECT_FALSE(JsonView("x").integer().has_value());
}

}  // namespace
}  // namespace pgpm::sql
