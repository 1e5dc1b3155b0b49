#include "scaffold/module_name.hpp"

#include <algorithm>

namespace pgpm::scaffold {

std::string_view module_name_problem(std::string_view name) {
    if (name.empty())
        return "the name is empty";
    const bool simple = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
    if (!simple)
        return "use only letters, digits, '_' and '-'";
    return {};
}

}  // namespace pgpm::scaffold
