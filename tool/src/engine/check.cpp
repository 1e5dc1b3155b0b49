#include "engine/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"
#include "engine/change_script.hpp"
#include "io/display_paths.hpp"
#include "io/text_file.hpp"
#include "sql/script.hpp"

namespace pgpm::engine {

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 3> kScriptKinds{"deploy", "revert", "verify"};

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

class ModuleChecker {
public:
    ModuleChecker(const workspace::Module& module, const io::DisplayPaths& paths,
                  CheckReport& report)
        : module_(module), paths_(paths), report_(report) {}

    void run() {
        const LineIndex plan_lines(plan_text(module_));
        for (const auto& change : module_.plan.changes) {
            for (const char* kind : kScriptKinds)
                check_script(change, kind, plan_lines);
        }
        report_stray_scripts();
    }

private:
    void check_script(const plan::Change& change, const char* kind, const LineIndex& plan_lines) {
        const auto path = module_.directory / kind / (std::string(change.name) + ".sql");
        const auto shown = paths_.show(path);
        const auto text = io::read_file(path);
        if (!text || is_blank(*text)) {
            report_.diagnostics.push_back(diagnostic_at_change(
                module_, change, plan_lines, paths_,
                fmt::format("{} {} script {} for change \"{}\"", text ? "empty" : "missing", kind,
                            shown, change.name)));
            return;
        }
        auto prepared = sql::prepare_script(*text);
        const LineIndex script_lines(*text);
        for (const auto& error : prepared.errors) {
            report_.diagnostics.push_back(diagnostic_at_offset(Severity::error, shown, script_lines,
                                                               error.offset, error.message));
        }
        if (!prepared.errors.empty())
            return;
        const auto& statements = prepared.script.statements();
        const auto outside =
            std::find_if(statements.begin(), statements.end(),
                         [](const sql::Statement& s) { return s.non_transactional; });
        if (outside == statements.end())
            return;
        if (std::string_view(kind) == "verify") {
            report_.diagnostics.push_back(diagnostic_at_offset(
                Severity::error, shown, script_lines, outside->begin,
                fmt::format("this statement cannot run inside a transaction block, but verify "
                            "scripts always run in a transaction that is rolled back")));
            return;
        }
        const auto position = script_lines.position_of(outside->begin);
        report_.non_transactional.push_back({module_.name,
                                             std::string(change.name),
                                             kind,
                                             {shown, position.line, position.column},
                                             outside->node});
        report_.diagnostics.push_back(diagnostic_at_offset(
            Severity::info, shown, script_lines, outside->begin,
            fmt::format("change \"{}\" will run outside a transaction, statement by statement: "
                        "PostgreSQL refuses this statement inside a transaction block",
                        change.name)));
    }

    void report_stray_scripts() {
        std::unordered_set<std::string> planned;
        for (const auto& change : module_.plan.changes)
            planned.emplace(change.name);
        for (const char* kind : kScriptKinds) {
            const auto folder = module_.directory / kind;
            std::error_code error;
            if (!fs::is_directory(folder, error))
                continue;
            std::vector<fs::path> strays;
            for (auto it = fs::recursive_directory_iterator(folder, error);
                 !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
                if (!it->is_regular_file() || it->path().extension() != ".sql")
                    continue;
                auto change =
                    it->path().lexically_relative(folder).replace_extension().generic_string();
                if (!planned.contains(change))
                    strays.push_back(it->path());
            }
            std::sort(strays.begin(), strays.end());
            for (const auto& stray : strays) {
                report_.diagnostics.push_back(
                    diagnostic_for(Severity::warning, paths_.show(stray),
                                   fmt::format("{} script is not named by any change of {}", kind,
                                               paths_.show(module_.directory / "pgpm.plan"))));
            }
        }
    }

    const workspace::Module& module_;
    const io::DisplayPaths& paths_;
    CheckReport& report_;
};

}  // namespace

CheckReport check_scripts(const std::vector<const workspace::Module*>& modules,
                          const fs::path& display_base) {
    CheckReport report;
    const io::DisplayPaths paths(io::normalised_absolute(display_base));
    for (const auto* module : modules)
        ModuleChecker(*module, paths, report).run();
    return report;
}

}  // namespace pgpm::engine
