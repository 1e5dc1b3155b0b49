#include "plan/plan.hpp"

namespace pgpm::plan {

const Change* Plan::find_change(std::string_view name) const {
    const auto index = change_index(name);
    return index ? &changes[*index] : nullptr;
}

const Tag* Plan::find_tag(std::string_view name) const {
    const auto index = tag_by_name.find(name);
    return index ? &tags[*index] : nullptr;
}

std::optional<std::size_t> Plan::change_index(std::string_view name) const {
    return change_by_name.find(name);
}

}  // namespace pgpm::plan
