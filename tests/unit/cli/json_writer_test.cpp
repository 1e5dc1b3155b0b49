#include "cli/json_writer.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <vector>

namespace pgpm::cli {
namespace {

TEST(JsonWriter, WritesNestedValuesThatParseBack) {
    std::ostringstream out;
    {
        JsonWriter json(out);
        json.begin_object();
        json.key("version").value(1);
        json.key("ok").value(false);
        json.key("nothing").null();
        json.key("names").string_array(std::vector<std::string>{"a", "b"});
        json.key("empty").begin_array().end_array();
        json.key("nested").begin_object().key("x").value("y").end_object();
        json.end_object();
    }
    const auto parsed = YAML::Load(out.str());
    EXPECT_EQ(parsed["version"].as<int>(), 1);
    EXPECT_FALSE(parsed["ok"].as<bool>());
    EXPECT_TRUE(parsed["nothing"].IsNull());
    EXPECT_EQ(parsed["names"][1].as<std::string>(), "b");
    EXPECT_EQ(parsed["empty"].size(), 0u);
    EXPECT_EQ(parsed["nested"]["x"].as<std::string>(), "y");
    EXPECT_EQ(out.str().back(), '\n');
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
    std::ostringstream out;
    JsonWriter(out).value(std::string_view("a\"b\\c\nd\x01 é"));
    EXPECT_EQ(out.str(), "\"a\\\"b\\\\c\\nd\\u0001 é\"\n");
}

}  // namespace
}  // namespace pgpm::cli
