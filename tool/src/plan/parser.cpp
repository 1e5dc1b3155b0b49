#include "plan/plan.hpp"

#include <algorithm>
#include <utility>

#include "diag/text_position.hpp"
#include "plan/column_counter.hpp"
#include "plan/dependency_reference.hpp"
#include "plan/line_syntax.hpp"
#include "plan/name_index.hpp"

namespace pgpm::plan {
namespace {

bool is_trimmed(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

// A dependency that the lines above could not settle: it names something defined later, nothing,
// or this module by its name, which only the whole file tells.
struct DeferredReference {
    bool dropped = false;   // the owner is in the dropped changes, not in the plan
    std::size_t owner = 0;  // index of the owning change
    std::size_t dependency = 0;
    std::size_t position = 0;  // how many changes of the plan come before the owner
};

using Probe = detail::NameIndex::Probe;

// One entry of a change's `[...]` list while its line is parsed.
struct DependencyLine {
    detail::Token token;
    detail::DependencyForm form;
    Probe probe;  // of a same-module change it names; no name otherwise
};

class PlanParser {
public:
    PlanParser(std::string_view text, std::string display_path)
        : lines_(split_lines(text)), change_positions_(lines_.size()) {
        result_.plan.path = std::move(display_path);
    }

    ParseResult run() {
        Plan& plan = result_.plan;
        plan.changes.reserve(lines_.size());
        for (std::size_t i = 0; i < lines_.size(); ++i)
            parse_line(static_cast<int>(i) + 1);

        // The parse itself looks names up in change_positions_, which is faster; the public map
        // is filled once, in plan order.
        plan.change_by_name.reserve(plan.changes.size());
        for (std::size_t i = 0; i < plan.changes.size(); ++i)
            plan.change_by_name.emplace(plan.changes[i].name, i);

        for (const DeferredReference& deferred : deferred_) {
            Change& owner =
                deferred.dropped ? dropped_[deferred.owner] : plan.changes[deferred.owner];
            check_reference(owner, owner.dependencies[deferred.dependency], deferred.position);
        }
        if (!saw_project_pragma_)
            report_at_column(1, 1, "missing %project pragma");

        std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             return std::pair(a.where.line, a.where.column) <
                                    std::pair(b.where.line, b.where.column);
                         });
        return std::move(result_);
    }

private:
    static std::vector<std::string_view> split_lines(std::string_view text) {
        std::vector<std::string_view> lines;
        std::string_view rest = text;
        // Editors on Windows may start the file with a byte order mark; it is not part of line 1.
        if (rest.starts_with("\xEF\xBB\xBF"))
            rest.remove_prefix(3);
        while (true) {
            const std::size_t newline = rest.find('\n');
            std::string_view line = rest.substr(0, newline);
            if (line.ends_with('\r'))
                line.remove_suffix(1);
            lines.push_back(line);
            if (newline == std::string_view::npos)
                return lines;
            rest.remove_prefix(newline + 1);
        }
    }

    void parse_line(int number) {
        std::string_view line = lines_[static_cast<std::size_t>(number) - 1];
        std::size_t end = line.size();
        while (end > 0 && is_trimmed(line[end - 1]))
            --end;
        std::size_t begin = 0;
        while (begin < end && is_trimmed(line[begin]))
            ++begin;
        if (begin == end)
            return;
        line = line.substr(0, end);

        switch (line[begin]) {
            case '#':
                return;
            case '%':
                return parse_pragma(line, begin, number);
            case '@':
                return parse_tag(line, begin, number);
            default:
                return parse_change(line, begin, number);
        }
    }

    void parse_pragma(std::string_view line, std::size_t begin, int number) {
        detail::PragmaLine pragma;
        const auto line_error = detail::scan_pragma_line(line, begin, pragma);
        const std::string_view key = pragma.key;
        const std::string_view value = pragma.value;
        if (key != "project" && key != "uri" && key != "syntax-version")
            return;  // unknown pragmas are ignored, whatever their form
        if (key == "project")
            saw_project_pragma_ = true;
        if (line_error) {
            report(number, line_error->offset, line_error->message);
            return;
        }

        Plan& plan = result_.plan;
        if (key == "uri") {
            plan.uri = value;
        } else if (key == "syntax-version") {
            plan.syntax_version = value;
        } else if (plan.project_line != 0) {
            if (value != plan.project) {
                report(number, pragma.value_offset,
                       "conflicting %project " + quoted(value) + " (line " +
                           std::to_string(plan.project_line) + " says " + quoted(plan.project) +
                           ")");
            }
        } else {
            if (value.empty())
                report(number, pragma.value_offset, "missing module name after \"%project=\"");
            plan.project = value;
            plan.project_line = number;
        }
    }

    // Lookups in change_positions_ are probed first and made last, so that the memory they need
    // arrives while the strings of the change are built.
    void parse_change(std::string_view line, std::size_t begin, int number) {
        saw_change_line_ = true;
        const auto line_error = detail::scan_change_line(line, begin, change_line_);
        Plan& plan = result_.plan;
        const std::size_t position = plan.changes.size();

        const detail::Token& name = change_line_.name;
        const std::string_view name_problem = change_name_problem(name.text);
        const auto name_probe = change_positions_.probe(name.text);
        dependency_lines_.clear();
        for (const detail::Token& token : change_line_.dependencies) {
            const detail::DependencyForm form = detail::read_dependency(token.text);
            const bool needs_lookup = form.problem.empty() && form.module.empty() &&
                                      form.kind == Dependency::Kind::change &&
                                      form.name != name.text;
            dependency_lines_.push_back(
                {token, form, needs_lookup ? change_positions_.probe(form.name) : Probe{}});
        }

        Change change{
            .name = std::string(name.text),
            .dependencies = {},
            .timestamp = std::string(change_line_.timestamp),
            .planner = std::string(change_line_.planner),
            .email = std::string(change_line_.email),
            .note = std::string(change_line_.note),
            .line = number,
            .tag_indices = {},
        };
        change.dependencies.reserve(dependency_lines_.size());
        detail::ColumnCounter columns(line);
        for (const DependencyLine& entry : dependency_lines_) {
            if (!entry.form.problem.empty())
                continue;
            change.dependencies.push_back(Dependency{
                .kind = entry.form.kind,
                .module = std::string(entry.form.module),
                .name = std::string(entry.form.name),
                .text = std::string(entry.token.text),
                .column = columns.column_at(entry.token.offset),
            });
        }

        bool keep = false;
        if (!name_problem.empty()) {
            report(number, name.offset,
                   "invalid change name " + quoted(name.text) + ": " + std::string(name_problem));
        } else if (auto first = change_positions_.insert(name_probe, position)) {
            report(number, name.offset,
                   "duplicate change " + quoted(name.text) + " (first defined at line " +
                       std::to_string(plan.changes[*first].line) + ")");
        } else {
            keep = true;
        }

        std::size_t index = 0;
        for (const DependencyLine& entry : dependency_lines_) {
            if (!entry.form.problem.empty()) {
                report(number, entry.token.offset,
                       "invalid dependency reference " + quoted(entry.token.text) + ": " +
                           std::string(entry.form.problem));
                continue;
            }
            if (!is_settled_by_lines_above(entry)) {
                deferred_.push_back({!keep, keep ? position : dropped_.size(), index, position});
            }
            ++index;
        }
        if (line_error)
            report(number, line_error->offset, line_error->message);

        if (keep) {
            plan.changes.push_back(std::move(change));
        } else {
            dropped_.push_back(std::move(change));
        }
    }

    void parse_tag(std::string_view line, std::size_t begin, int number) {
        const auto line_error = detail::scan_tag_line(line, begin, tag_line_);
        if (line_error)
            report(number, line_error->offset, line_error->message);
        Plan& plan = result_.plan;

        const std::string_view name = tag_line_.name.text;
        if (name.empty()) {
            report(number, begin, "missing tag name after \"@\"");
            return;
        }
        if (auto problem = tag_name_problem(name); !problem.empty()) {
            report(number, tag_line_.name.offset,
                   "invalid tag name " + quoted(name) + ": " + std::string(problem));
            return;
        }

        bool keep = true;
        const std::string key(name);
        if (const auto it = plan.tag_by_name.find(key); it != plan.tag_by_name.end()) {
            report(number, begin,
                   "duplicate tag " + quoted(name) + " (first defined at line " +
                       std::to_string(plan.tags[it->second].line) + ")");
            keep = false;
        }

        std::size_t change_index = 0;
        if (!tag_line_.change.text.empty()) {
            const auto tagged = change_positions_.find(tag_line_.change.text);
            if (!tagged) {
                report(number, tag_line_.change.offset,
                       "tag " + quoted(name) + " names change " + quoted(tag_line_.change.text) +
                           ", which is not defined above it");
                return;
            }
            change_index = *tagged;
        } else if (plan.changes.empty()) {
            // When change lines were seen but all had errors, those errors already explain it.
            if (!saw_change_line_)
                report(number, begin, "tag " + quoted(name) + " has no change above it");
            return;
        } else {
            change_index = plan.changes.size() - 1;
        }
        if (!keep)
            return;

        plan.tag_by_name.emplace(key, plan.tags.size());
        plan.changes[change_index].tag_indices.push_back(plan.tags.size());
        plan.tags.push_back(Tag{
            .name = key,
            .timestamp = std::string(tag_line_.timestamp),
            .planner = std::string(tag_line_.planner),
            .email = std::string(tag_line_.email),
            .note = std::string(tag_line_.note),
            .line = number,
            .change_index = change_index,
        });
    }

    // While the index holds only the lines above, finding a reference settles it; only the rest
    // (later, unknown, or qualified with a module name) wait for the whole file.
    bool is_settled_by_lines_above(const DependencyLine& entry) const {
        if (!entry.form.module.empty())
            return false;
        switch (entry.form.kind) {
            case Dependency::Kind::change:
                return entry.probe.name.data() != nullptr &&
                       change_positions_.find(entry.probe).has_value();
            case Dependency::Kind::tag:
                return result_.plan.tag_by_name.contains(std::string(entry.form.name));
            case Dependency::Kind::conflict:
                // A conflict may name a change that left the plan but is still deployed.
                return true;
        }
        return true;
    }

    void check_reference(const Change& change, Dependency& dependency, std::size_t position) {
        const Plan& plan = result_.plan;
        if (!dependency.module.empty()) {
            if (dependency.module != plan.project)
                return;                 // the workspace checks other modules
            dependency.module.clear();  // `this_module:x` is the same as `x`
        }
        std::string problem;
        if (dependency.kind == Dependency::Kind::change) {
            if (dependency.name == change.name) {
                problem = "change " + quoted(change.name) + " depends on itself";
            } else if (const auto index = change_positions_.find(dependency.name); !index) {
                problem = "unknown dependency " + quoted(dependency.text);
            } else if (*index >= position) {
                problem =
                    "dependency " + quoted(dependency.text) + " is not defined before this change";
            }
        } else if (dependency.kind == Dependency::Kind::tag) {
            if (const Tag* tag = plan.find_tag(dependency.name); tag == nullptr) {
                problem = "unknown dependency " + quoted(dependency.text);
            } else if (tag->line > change.line) {
                problem =
                    "dependency " + quoted(dependency.text) + " is not defined before this change";
            }
        }
        if (!problem.empty())
            report_at_column(change.line, dependency.column, std::move(problem));
    }

    int column_of(std::string_view line, std::size_t offset) const {
        return static_cast<int>(count_code_points(line.substr(0, offset))) + 1;
    }

    void report(int line, std::size_t offset, std::string message) {
        report_at_column(line, column_of(lines_[static_cast<std::size_t>(line) - 1], offset),
                         std::move(message));
    }

    void report_at_column(int line, int column, std::string message) {
        Diagnostic diagnostic;
        diagnostic.severity = Severity::error;
        diagnostic.where = {result_.plan.path, line, column};
        diagnostic.message = std::move(message);
        diagnostic.source_line = lines_[static_cast<std::size_t>(line) - 1];
        result_.diagnostics.push_back(std::move(diagnostic));
    }

    ParseResult result_;
    std::vector<std::string_view> lines_;  // without line endings; index = line number - 1
    detail::NameIndex change_positions_;   // the parse's own copy of Plan::change_by_name
    // Change lines that cannot join the plan (bad or duplicate name); their dependencies are still
    // checked so that every problem of the file is reported at once.
    std::vector<Change> dropped_;
    std::vector<DeferredReference> deferred_;
    bool saw_project_pragma_ = false;  // even a malformed one, which has its own error
    bool saw_change_line_ = false;
    // Reused from line to line so that their vectors keep their capacity.
    detail::ChangeLine change_line_;
    std::vector<DependencyLine> dependency_lines_;
    detail::TagLine tag_line_;
};

}  // namespace

ParseResult parse_plan(std::string_view text, std::string display_path) {
    return PlanParser(text, std::move(display_path)).run();
}

}  // namespace pgpm::plan
