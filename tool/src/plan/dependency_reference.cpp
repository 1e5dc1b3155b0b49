#include "plan/dependency_reference.hpp"

namespace pgpm::plan::detail {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Sqitch's `change^`, `@tag~2`, ... count from another entry; deploy could never resolve them.
bool is_relative(std::string_view reference) {
    std::size_t end = reference.size();
    while (end > 0 && is_digit(reference[end - 1]))
        --end;
    return end > 1 && (reference[end - 1] == '^' || reference[end - 1] == '~');
}

}  // namespace

DependencyForm read_dependency(std::string_view text) {
    DependencyForm form;
    std::string_view rest = text;
    const bool conflict = !rest.empty() && rest.front() == '!';
    if (conflict)
        rest.remove_prefix(1);

    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
        form.module = rest.substr(0, colon);
        rest.remove_prefix(colon + 1);
        if (form.module.empty() || rest.find(':') != std::string_view::npos) {
            form.problem = "expected change, @tag, module:change, module:@tag or !change";
            return form;
        }
    }

    const bool tag = !rest.empty() && rest.front() == '@';
    if (tag)
        rest.remove_prefix(1);
    if (tag && conflict) {
        form.problem = "a conflict names a change, not a tag";
    } else if (is_relative(rest)) {
        form.problem = "relative references such as \"change^\" or \"@tag~1\" are not supported";
    } else if (!tag && rest.find('@') != std::string_view::npos) {
        form.problem = "\"change@tag\" references are not supported";
    }
    form.kind = conflict ? Dependency::Kind::conflict
                         : (tag ? Dependency::Kind::tag : Dependency::Kind::change);
    form.name = rest;
    return form;
}

std::string_view dependency_name_problem(const DependencyForm& form) {
    return form.kind == Dependency::Kind::tag ? tag_name_problem(form.name)
                                              : change_name_problem(form.name);
}

}  // namespace pgpm::plan::detail
