#include "plan/plan.hpp"

namespace pgpm::plan {

const Change* Plan::find_change(std::string_view name) const {
    const auto index = change_index(name);
    return index ? &changes[*index] : nullptr;
}

const Tag* Plan::find_tag(std::string_view name) const {
    const auto it = tag_by_name.find(std::string(name));
    return it == tag_by_name.end() ? nullptr : &tags[it->second];
}

std::optional<std::size_t> Plan::change_index(std::string_view name) const {
    const auto it = change_by_name.find(std::string(name));
    if (it == change_by_name.end())
        return std::nullopt;
    return it->second;
}

}  // namespace pgpm::plan
