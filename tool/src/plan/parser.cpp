#include "plan/plan.hpp"

#include <algorithm>
#include <memory>
#include <span>
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
    std::string_view owner;            // name of the owning change
    int line = 0;                      // of the owning change
    std::string_view line_text;        // of the owning change, untrimmed
    Dependency* dependency = nullptr;  // in PlanParser::dependency_blocks_, where it stays
    std::size_t position = 0;          // how many changes of the plan come before the owner
};

using Probe = detail::NameIndex::Probe;

// One entry of a change's `[...]` list while its line is parsed.
struct DependencyLine {
    detail::Token token;
    detail::DependencyForm form;
    Probe probe;            // of a same-module change it names; no name otherwise
    bool is_above = false;  // it names a change of the lines above
};

class PlanParser {
public:
    PlanParser(std::shared_ptr<const std::string> source, std::string display_path) {
        Plan& plan = result_.plan;
        plan.source = std::move(source);
        plan.path = std::move(display_path);
        // A plan has no more changes than lines: counting them first sizes the changes and their
        // index once, where growing to a large plan's size would copy them and touch twice the
        // memory, each page of it a page fault.
        const std::string_view text = *plan.source;
        std::size_t lines = 1;
        for (auto at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1))
            ++lines;
        plan.changes.reserve(lines);
        plan.change_by_name = detail::NameIndex(lines);
    }

    ParseResult run() {
        Plan& plan = result_.plan;
        std::string_view rest = *plan.source;
        // Editors on Windows may start the file with a byte order mark; it is not part of line 1.
        if (rest.starts_with("\xEF\xBB\xBF"))
            rest.remove_prefix(3);
        // Each line is parsed as soon as it is found, while it is in the cache.
        for (number_ = 1;; ++number_) {
            const std::size_t newline = rest.find('\n');
            line_ = rest.substr(0, newline);
            if (line_.ends_with('\r'))
                line_.remove_suffix(1);
            if (number_ == 1)
                first_line_ = line_;
            parse_line();
            if (newline == std::string_view::npos)
                break;
            rest.remove_prefix(newline + 1);
        }

        for (const DeferredReference& deferred : deferred_)
            check_reference(deferred, *deferred.dependency);
        if (!saw_project_pragma_)
            report_at_column(1, first_line_, 1, "missing %project pragma");
        // Moving the blocks moves none of the dependencies the changes view.
        plan.dependency_blocks = std::make_shared<const std::vector<std::vector<Dependency>>>(
            std::move(dependency_blocks_));

        std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             return std::pair(a.where.line, a.where.column) <
                                    std::pair(b.where.line, b.where.column);
                         });
        return std::move(result_);
    }

private:
    void parse_line() {
        std::size_t end = line_.size();
        while (end > 0 && is_trimmed(line_[end - 1]))
            --end;
        std::size_t begin = 0;
        while (begin < end && is_trimmed(line_[begin]))
            ++begin;
        if (begin == end)
            return;
        const std::string_view line = line_.substr(0, end);

        switch (line[begin]) {
            case '#':
                return;
            case '%':
                return parse_pragma(line, begin, number_);
            case '@':
                return parse_tag(line, begin, number_);
            default:
                return parse_change(line, begin, number_);
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
            report(line_error->offset, line_error->message);
            return;
        }

        Plan& plan = result_.plan;
        if (key == "uri") {
            plan.uri = value;
        } else if (key == "syntax-version") {
            plan.syntax_version = value;
        } else if (plan.project_line != 0) {
            if (value != plan.project) {
                report(pragma.value_offset, "conflicting %project " + quoted(value) + " (line " +
                                                std::to_string(plan.project_line) + " says " +
                                                quoted(plan.project) + ")");
            }
        } else {
            if (value.empty())
                report(pragma.value_offset, "missing module name after \"%project=\"");
            plan.project = value;
            plan.project_line = number;
        }
    }

    // Lookups in the change index are probed before the change name is checked and made after,
    // so that the memory they need arrives meanwhile.
    void parse_change(std::string_view line, std::size_t begin, int number) {
        saw_change_line_ = true;
        const auto line_error = detail::scan_change_line(line, begin, change_line_);
        Plan& plan = result_.plan;
        const std::size_t position = plan.changes.size();

        const detail::Token& name = change_line_.name;
        const auto name_probe = plan.change_by_name.probe(name.text);
        dependency_lines_.clear();
        for (const detail::Token& token : change_line_.dependencies) {
            const detail::DependencyForm form = detail::read_dependency(token.text);
            const bool needs_lookup = form.problem.empty() && form.module.empty() &&
                                      form.kind == Dependency::Kind::change &&
                                      form.name != name.text;
            dependency_lines_.push_back(
                {token, form, needs_lookup ? plan.change_by_name.probe(form.name) : Probe{}});
        }
        const std::string_view name_problem = change_name_problem(name.text);
        for (DependencyLine& entry : dependency_lines_) {
            entry.is_above = entry.probe.name.data() != nullptr &&
                             plan.change_by_name.find(entry.probe).has_value();
            // The index holds only valid change names, so only the other names need the rules:
            // most dependencies name an earlier change.
            if (entry.form.problem.empty() && !entry.is_above)
                entry.form.problem = detail::dependency_name_problem(entry.form);
        }

        bool keep = false;
        if (!name_problem.empty()) {
            report(name.offset,
                   "invalid change name " + quoted(name.text) + ": " + std::string(name_problem));
        } else if (auto first = plan.change_by_name.insert(name_probe, position)) {
            report(name.offset, "duplicate change " + quoted(name.text) +
                                    " (first defined at line " +
                                    std::to_string(plan.changes[*first].line) + ")");
        } else {
            keep = true;
        }

        // Those of a change line that cannot join the plan (bad or duplicate name) are stored too,
        // and checked, so that every problem of the file is reported at once.
        const auto valid =
            std::count_if(dependency_lines_.begin(), dependency_lines_.end(),
                          [](const DependencyLine& entry) { return entry.form.problem.empty(); });
        std::vector<Dependency>& block = block_with_room_for(static_cast<std::size_t>(valid));
        const std::size_t first_dependency = block.size();
        detail::ColumnCounter columns(line);
        for (const DependencyLine& entry : dependency_lines_) {
            if (!entry.form.problem.empty()) {
                report(entry.token.offset, "invalid dependency reference " +
                                               quoted(entry.token.text) + ": " +
                                               std::string(entry.form.problem));
                continue;
            }
            block.push_back(Dependency{
                .module = entry.form.module,
                .name = entry.form.name,
                .text = entry.token.text,
                .column = columns.column_at(entry.token.offset),
                .kind = entry.form.kind,
            });
            if (!is_settled_by_lines_above(entry))
                deferred_.push_back({name.text, number, line_, &block.back(), position});
        }
        if (line_error)
            report(line_error->offset, line_error->message);

        if (keep) {
            plan.changes.push_back(Change{
                .name = name.text,
                .dependencies = std::span(block).subspan(first_dependency),
                .timestamp = change_line_.timestamp,
                .planner = change_line_.planner,
                .email = change_line_.email,
                .note = change_line_.note,
                .line = number,
                .tag_indices = {},
            });
        }
    }

    void parse_tag(std::string_view line, std::size_t begin, int number) {
        const auto line_error = detail::scan_tag_line(line, begin, tag_line_);
        if (line_error)
            report(line_error->offset, line_error->message);
        Plan& plan = result_.plan;

        const std::string_view name = tag_line_.name.text;
        if (name.empty()) {
            report(begin, "missing tag name after \"@\"");
            return;
        }
        if (auto problem = tag_name_problem(name); !problem.empty()) {
            report(tag_line_.name.offset,
                   "invalid tag name " + quoted(name) + ": " + std::string(problem));
            return;
        }

        bool keep = true;
        const auto tag_probe = plan.tag_by_name.probe(name);
        if (const auto first = plan.tag_by_name.find(tag_probe)) {
            report(begin, "duplicate tag " + quoted(name) + " (first defined at line " +
                              std::to_string(plan.tags[*first].line) + ")");
            keep = false;
        }

        std::size_t change_index = 0;
        if (!tag_line_.change.text.empty()) {
            const auto tagged = plan.change_by_name.find(tag_line_.change.text);
            if (!tagged) {
                report(tag_line_.change.offset, "tag " + quoted(name) + " names change " +
                                                    quoted(tag_line_.change.text) +
                                                    ", which is not defined above it");
                return;
            }
            change_index = *tagged;
        } else if (plan.changes.empty()) {
            // When change lines were seen but all had errors, those errors already explain it.
            if (!saw_change_line_)
                report(begin, "tag " + quoted(name) + " has no change above it");
            return;
        } else {
            change_index = plan.changes.size() - 1;
        }
        if (!keep)
            return;

        plan.tag_by_name.insert(tag_probe, plan.tags.size());
        plan.changes[change_index].tag_indices.push_back(plan.tags.size());
        plan.tags.push_back(Tag{
            .name = name,
            .timestamp = tag_line_.timestamp,
            .planner = tag_line_.planner,
            .email = tag_line_.email,
            .note = tag_line_.note,
            .line = number,
            .change_index = change_index,
        });
    }

    // A block of dependency_blocks_ that can take `count` more dependencies without moving them.
    std::vector<Dependency>& block_with_room_for(std::size_t count) {
        if (dependency_blocks_.empty() ||
            dependency_blocks_.back().capacity() - dependency_blocks_.back().size() < count) {
            // Blocks grow with the plan: a small plan takes little memory, a large one few blocks.
            const std::size_t capacity =
                dependency_blocks_.empty()
                    ? 64
                    : std::min<std::size_t>(dependency_blocks_.back().capacity() * 2, 4096);
            dependency_blocks_.emplace_back().reserve(std::max(capacity, count));
        }
        return dependency_blocks_.back();
    }

    // While the index holds only the lines above, finding a reference settles it; only the rest
    // (later, unknown, or qualified with a module name) wait for the whole file.
    bool is_settled_by_lines_above(const DependencyLine& entry) const {
        if (!entry.form.module.empty())
            return false;
        switch (entry.form.kind) {
            case Dependency::Kind::change:
                return entry.is_above;
            case Dependency::Kind::tag:
                return result_.plan.tag_by_name.find(entry.form.name).has_value();
            case Dependency::Kind::conflict:
                // A conflict may name a change that left the plan but is still deployed.
                return true;
        }
        return true;
    }

    void check_reference(const DeferredReference& deferred, Dependency& dependency) {
        const Plan& plan = result_.plan;
        if (!dependency.module.empty()) {
            if (dependency.module != plan.project)
                return;              // the workspace checks other modules
            dependency.module = {};  // `this_module:x` is the same as `x`
        }
        std::string problem;
        if (dependency.kind == Dependency::Kind::change) {
            if (dependency.name == deferred.owner) {
                problem = "change " + quoted(deferred.owner) + " depends on itself";
            } else if (const auto index = plan.change_by_name.find(dependency.name); !index) {
                problem = "unknown dependency " + quoted(dependency.text);
            } else if (*index >= deferred.position) {
                problem =
                    "dependency " + quoted(dependency.text) + " is not defined before this change";
            }
        } else if (dependency.kind == Dependency::Kind::tag) {
            if (const Tag* tag = plan.find_tag(dependency.name); tag == nullptr) {
                problem = "unknown dependency " + quoted(dependency.text);
            } else if (tag->line > deferred.line) {
                problem =
                    "dependency " + quoted(dependency.text) + " is not defined before this change";
            }
        }
        if (!problem.empty())
            report_at_column(deferred.line, deferred.line_text, dependency.column,
                             std::move(problem));
    }

    int column_of(std::string_view line, std::size_t offset) const {
        return static_cast<int>(count_code_points(line.substr(0, offset))) + 1;
    }

    // At a byte offset of the line being parsed.
    void report(std::size_t offset, std::string message) {
        report_at_column(number_, line_, column_of(line_, offset), std::move(message));
    }

    void report_at_column(int line, std::string_view line_text, int column, std::string message) {
        Diagnostic diagnostic;
        diagnostic.severity = Severity::error;
        diagnostic.where = {result_.plan.path, line, column};
        diagnostic.message = std::move(message);
        diagnostic.source_line = line_text;
        result_.diagnostics.push_back(std::move(diagnostic));
    }

    ParseResult result_;
    // The line being parsed, without its line ending but untrimmed, and its number.
    std::string_view line_;
    int number_ = 0;
    std::string_view first_line_;  // where a missing %project is reported
    // What becomes Plan::dependency_blocks. The changes view them as they are parsed, and the
    // deferred references point into them, so a block never grows past its first capacity.
    std::vector<std::vector<Dependency>> dependency_blocks_;
    std::vector<DeferredReference> deferred_;
    bool saw_project_pragma_ = false;  // even a malformed one, which has its own error
    bool saw_change_line_ = false;
    // Reused from line to line so that their vectors keep their capacity.
    detail::ChangeLine change_line_;
    std::vector<DependencyLine> dependency_lines_;
    detail::TagLine tag_line_;
};

}  // namespace

ParseResult parse_plan(std::string text, std::string display_path) {
    return PlanParser(std::make_shared<const std::string>(std::move(text)), std::move(display_path))
        .run();
}

}  // namespace pgpm::plan
