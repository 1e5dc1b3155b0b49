#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/plan_edit.hpp"
#include "cli/planner_identity.hpp"
#include "cli/target_selection.hpp"
#include "io/text_file.hpp"
#include "plan/plan.hpp"
#include "plan/writer.hpp"

namespace pgpm::cli {

namespace {

struct TagRequest {
    TargetRequest target;
    std::string name;
    std::string note;
    std::string change;  // empty: the last change
};

int fail(int exit_code, const std::string& message) {
    std::cerr << "pgpm: error: " << message << '\n';
    return exit_code;
}

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

// What would break the tag line's grammar (SPEC §1.1): PLANNER stops at `<`, EMAIL at `>`.
std::string identity_problem(const PlannerIdentity& identity) {
    if (identity.name.find('<') != std::string::npos || has_line_break(identity.name))
        return fmt::format(
            "planner name \"{}\" cannot hold '<' or a line break; set "
            "PGPM_USER_NAME",
            identity.name);
    if (identity.email.find('>') != std::string::npos || has_line_break(identity.email))
        return fmt::format(
            "planner email \"{}\" cannot hold '>' or a line break; set "
            "PGPM_USER_EMAIL",
            identity.email);
    return {};
}

int run_tag(const TagRequest& request, const GlobalOptions& options) {
    if (const auto problem = plan::tag_name_problem(request.name); !problem.empty())
        return fail(exit_usage, fmt::format("invalid tag name \"{}\": {}", request.name, problem));
    if (has_line_break(request.note))
        return fail(exit_usage, "the note must be a single line");

    const auto edit = read_plan_to_edit(request.target, options);
    if (!edit)
        return edit.error();
    const auto& module = *edit->module;
    const auto& parsed = edit->parsed;
    const auto& plan = parsed.plan;

    if (plan.changes.empty())
        return fail(exit_usage, fmt::format("{} has no changes to tag", plan.path));
    if (const auto* existing = plan.find_tag(request.name)) {
        return fail(exit_usage, fmt::format("tag \"{}\" already exists on change \"{}\" ({}:{})",
                                            request.name, plan.changes[existing->change_index].name,
                                            plan.path, existing->line));
    }
    auto change_index = plan.changes.size() - 1;
    if (!request.change.empty()) {
        const auto found = plan.change_index(request.change);
        if (!found) {
            return fail(exit_usage, fmt::format("unknown change \"{}\" in module {} ({})",
                                                request.change, module.name, plan.path));
        }
        change_index = *found;
    }

    const auto identity = find_planner_identity(module.directory);
    if (const auto problem = identity_problem(identity); !problem.empty())
        return fail(exit_usage, problem);
    const auto timestamp = plan_timestamp();
    if (!timestamp)
        return fail(exit_usage, timestamp.error());

    const auto line = plan::format_tag_line(
        {request.name, *timestamp, identity.name, identity.email, request.note});
    const auto insert_after = plan::tag_insertion_line(plan, change_index);
    const auto edited = plan::insert_line_after(edit->raw, insert_after, line);
    if (!edited) {
        return fail(exit_failure,
                    fmt::format("{} has no line {} to insert after", plan.path, insert_after));
    }
    if (auto written = io::write_file_atomically(edit->file, *edited); !written)
        return fail(exit_failure, written.error());

    if (!options.quiet) {
        std::cout << fmt::format("tagged {}:{} as @{}\n", module.name,
                                 plan.changes[change_index].name, request.name);
    }
    return exit_success;
}

}  // namespace

Command add_tag_command(CLI::App& app) {
    auto request = std::make_shared<TagRequest>();
    auto* parser =
        app.add_subcommand("tag", "Tag the last change (or --change) of a module's plan");
    parser->add_option("name", request->name, "The tag's name, without '@'")
        ->required()
        ->option_text("NAME");
    parser->add_option("module,--package", request->target.module, "The module to tag")
        ->option_text("MODULE");
    parser->add_option("-m,-n,--note,--comment", request->note, "A note for the tag")
        ->option_text("NOTE");
    parser
        ->add_option("--change,--changeName", request->change,
                     "The change to tag (default: the last one)")
        ->option_text("CHANGE");
    return {parser, false,
            [request](const GlobalOptions& options) { return run_tag(*request, options); }};
}

}  // namespace pgpm::cli
