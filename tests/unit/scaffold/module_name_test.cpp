#include "scaffold/module_name.hpp"

#include <gtest/gtest.h>

namespace pgpm::scaffold {
namespace {

TEST(ModuleNameProblem, AcceptsLettersDigitsUnderscoreAndDash) {
    for (const char* name : {"app", "app-base", "uuid-ossp", "pg_trgm", "Module2", "-x", "9"})
        EXPECT_EQ(module_name_problem(name), "") << name;
}

TEST(ModuleNameProblem, RejectsWhatWouldBreakAFileOrReference) {
    for (const char* name : {"", "a:b", "a b", "a/b", "a,b", "a'b", "a.b", "a@b", "caf\xC3\xA9"})
        EXPECT_NE(module_name_problem(name), "") << name;
}

}  // namespace
}  // namespace pgpm::scaffold
