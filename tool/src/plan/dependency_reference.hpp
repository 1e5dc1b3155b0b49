#pragma once

#include <string_view>

#include "plan/plan.hpp"

namespace pgpm::plan::detail {

// One entry of a `[...]` list, as views into it.
struct DependencyForm {
    Dependency::Kind kind = Dependency::Kind::change;
    std::string_view module;
    std::string_view name;
    // Why the entry is not one of the forms SPEC §1.1 allows, worded to follow
    // `invalid dependency reference "x": `; empty when it is one.
    std::string_view problem;
};

// Splits an entry into its parts. The name rules are left to dependency_name_problem: a name the
// plan already holds needs no check, and most dependencies name an earlier change.
DependencyForm read_dependency(std::string_view text);

// What the name of a well-formed entry breaks of the rules for its kind; empty when nothing.
std::string_view dependency_name_problem(const DependencyForm& form);

}  // namespace pgpm::plan::detail
