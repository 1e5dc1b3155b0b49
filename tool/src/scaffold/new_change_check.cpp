#include "scaffold/new_change_check.hpp"

#include "plan/plan.hpp"
#include "workspace/graph_checks.hpp"

namespace pgpm::scaffold {

namespace {

void keep_problems_on_line(const Diagnostics& diagnostics, const std::string& path, int line,
                           std::vector<std::string>& problems) {
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::error && diagnostic.where.file == path &&
            diagnostic.where.line == line)
            problems.push_back(diagnostic.message);
    }
}

}  // namespace

std::vector<std::string> new_change_problems(const workspace::Workspace& workspace,
                                             const workspace::Module& module, std::string text,
                                             int line) {
    std::vector<std::string> problems;
    auto parsed = plan::parse_plan(std::move(text), module.plan.path);
    keep_problems_on_line(parsed.diagnostics, module.plan.path, line, problems);
    if (has_errors(parsed.diagnostics))
        return problems;

    Diagnostics references;
    // A lone module (no workspace file) sees only its own control file's requires.
    if (workspace.config_path.empty()) {
        auto edited = module;
        edited.plan = std::move(parsed.plan);
        workspace::check_standalone_references(edited, references);
    } else {
        auto edited = workspace;
        edited.modules[edited.module_by_name.at(module.name)].plan = std::move(parsed.plan);
        workspace::check_cross_module_references(edited, references);
    }
    keep_problems_on_line(references, module.plan.path, line, problems);
    return problems;
}

}  // namespace pgpm::scaffold
