#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "plan/plan.hpp"

namespace pgpm::plan {
namespace {

class ValidChangeName : public testing::TestWithParam<std::string_view> {};

TEST_P(ValidChangeName, IsAccepted) {
    EXPECT_TRUE(is_valid_change_name(GetParam()));
    EXPECT_EQ(change_name_problem(GetParam()), "");
}

INSTANTIATE_TEST_SUITE_P(SqitchRules, ValidChangeName,
                         testing::Values("users", "schemas/app/tables/users", "v1.2-1", "12",
                                         "_hidden", "___", "a", "a_", "HEAD", "foo^bar", "foo~bar",
                                         "v2/users", "a.b/c..d", "foo6", "x=y", "café",
                                         "таблица/пользователи", "日本語", "é+é",
                                         "40763784148fa190d75bad036730ef44d1c2eac6"));

struct InvalidName {
    std::string_view name;
    std::string_view problem;
};

void PrintTo(const InvalidName& value, std::ostream* out) {
    *out << '"' << value.name << '"';
}

class InvalidChangeName : public testing::TestWithParam<InvalidName> {};

TEST_P(InvalidChangeName, IsRejectedWithItsReason) {
    EXPECT_FALSE(is_valid_change_name(GetParam().name));
    EXPECT_EQ(change_name_problem(GetParam().name), GetParam().problem);
}

constexpr std::string_view kFirst = "the first character must not be punctuation other than \"_\"";
constexpr std::string_view kLast = "the last character must not be punctuation other than \"_\"";
constexpr std::string_view kEmptySegment = "a \"/\"-separated path segment must not be empty";
constexpr std::string_view kDotSegment = "\".\" and \"..\" are not allowed as path segments";

INSTANTIATE_TEST_SUITE_P(
    SqitchRules, InvalidChangeName,
    testing::Values(
        InvalidName{"", "the name is empty"}, InvalidName{"a b", "whitespace is not allowed"},
        InvalidName{"a\vb", "whitespace is not allowed"},
        InvalidName{"a\xC2\xA0"
                    "b",
                    "whitespace is not allowed"},  // no-break space
        InvalidName{"a\xE3\x80\x80"
                    "b",
                    "whitespace is not allowed"},  // ideographic
        InvalidName{"foo:bar", "\":\" is not allowed"},
        InvalidName{"foo@bar", "\"@\" is not allowed"}, InvalidName{"a#b", "\"#\" is not allowed"},
        InvalidName{"a\\b", "\"\\\" is not allowed"}, InvalidName{"-bar", kFirst},
        InvalidName{".hidden", kFirst}, InvalidName{"/abs", kFirst}, InvalidName{"../x", kFirst},
        InvalidName{"foo+", kLast}, InvalidName{"foo.", kLast}, InvalidName{"a/", kLast},
        InvalidName{"base^", kLast}, InvalidName{"+", kFirst},
        InvalidName{"foo^6", "the name must not end in \"^\" followed by digits"},
        InvalidName{"baz/3", "the name must not end in \"/\" followed by digits"},
        InvalidName{"test%42", "the name must not end in \"%\" followed by digits"},
        InvalidName{"a~1", "the name must not end in \"~\" followed by digits"},
        InvalidName{"a=10", "the name must not end in \"=\" followed by digits"},
        InvalidName{"a//b", kEmptySegment}, InvalidName{"a/./b", kDotSegment},
        InvalidName{"a/../b", kDotSegment}));

class ValidTagName : public testing::TestWithParam<std::string_view> {};

TEST_P(ValidTagName, IsAccepted) {
    EXPECT_TRUE(is_valid_tag_name(GetParam()));
    EXPECT_EQ(tag_name_problem(GetParam()), "");
}

INSTANTIATE_TEST_SUITE_P(SqitchRules, ValidTagName,
                         testing::Values("v1", "v1.0.0", "1.2-rc1", "_", "HEAD", "release_2024",
                                         "версия1"));

class InvalidTagName : public testing::TestWithParam<InvalidName> {};

TEST_P(InvalidTagName, IsRejectedWithItsReason) {
    EXPECT_FALSE(is_valid_tag_name(GetParam().name));
    EXPECT_EQ(tag_name_problem(GetParam().name), GetParam().problem);
}

INSTANTIATE_TEST_SUITE_P(
    SqitchRules, InvalidTagName,
    testing::Values(InvalidName{"", "the name is empty"},
                    InvalidName{"v 1", "whitespace is not allowed"},
                    InvalidName{"v1/2a", "\"/\" is not allowed in a tag name"},
                    InvalidName{"release/x", "\"/\" is not allowed in a tag name"},
                    InvalidName{"v1@x", "\"@\" is not allowed"},
                    InvalidName{"v:1", "\":\" is not allowed"}, InvalidName{"-v1", kFirst},
                    InvalidName{"v1.", kLast},
                    InvalidName{"v^2", "the name must not end in \"^\" followed by digits"},
                    InvalidName{"v/2", "the name must not end in \"/\" followed by digits"}));

}  // namespace
}  // namespace pgpm::plan
