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

DependencyForm read_dependency(std::string_view text);

}  // namespace pgpm::plan::detail
