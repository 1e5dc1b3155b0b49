#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_code.hpp"
#include "cli/plan_edit.hpp"
#include "cli/planner_identity.hpp"
#include "cli/scaffold_commands.hpp"
#include "cli/scaffold_files.hpp"
#include "cli/target_selection.hpp"
#include "cli/template_location.hpp"
#include "io/display_paths.hpp"
#include "io/text_file.hpp"
#include "plan/dependency_reference.hpp"
#include "plan/plan.hpp"
#include "scaffold/change_line.hpp"
#include "scaffold/new_change_check.hpp"
#include "scaffold/plan_append.hpp"

namespace pgpm::cli {

namespace {

namespace fs = std::filesystem;

struct AddRequest {
    TargetRequest target;
    std::string change;
    std::vector<std::string> required;  // --requires, as the plan line will spell them
    std::string note;
    std::string templates;
};

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

// The checks that need no file: the name, the note and the form of each dependency, worded as
// the parser words them.
std::optional<Refusal> request_problem(const AddRequest& request) {
    if (const auto problem = plan::change_name_problem(request.change); !problem.empty()) {
        return Refusal{exit_usage,
                       fmt::format("invalid change name \"{}\": {}", request.change, problem)};
    }
    if (request.note.find_first_of("\r\n") != std::string::npos)
        return Refusal{exit_usage, "the note must be a single line"};
    for (const auto& entry : request.required) {
        const auto form = plan::detail::read_dependency(entry);
        auto problem =
            form.problem.empty() ? plan::detail::dependency_name_problem(form) : form.problem;
        if (!problem.empty())
            return Refusal{exit_usage,
                           fmt::format("invalid dependency \"{}\": {}", entry, problem)};
    }
    return std::nullopt;
}

struct Script {
    const char* kind;  // deploy, revert or verify: the template's name and the script's folder
    fs::path path;
};

std::vector<Script> scripts_of(const workspace::Module& module, const std::string& change) {
    std::vector<Script> scripts;
    for (const char* kind : {"deploy", "revert", "verify"})
        scripts.push_back({kind, module.directory / kind / (change + ".sql")});
    return scripts;
}

tl::expected<std::vector<scaffold::NewFile>, Refusal> render_scripts(
    const AddRequest& request, const workspace::Module& module, const fs::path& templates) {
    const scaffold::TemplateValues values{
        {{"module", module.name}, {"change", request.change}, {"note", request.note}},
        {{"requires", request.required}}};
    std::vector<scaffold::NewFile> files;
    for (const auto& script : scripts_of(module, request.change)) {
        auto content = render_template_file(
            templates / "change" / (std::string(script.kind) + ".sql"), values);
        if (!content)
            return tl::unexpected(content.error());
        files.push_back({script.path, std::move(*content)});
    }
    return files;
}

int run_add(AddRequest request, const GlobalOptions& options) {
    request.note = trimmed(request.note);
    if (auto problem = request_problem(request))
        return refuse(*problem);

    // Parsed again from the bytes about to be extended, so that what is checked is exactly what
    // gets written.
    const auto edit = read_plan_to_edit(request.target, options);
    if (!edit)
        return edit.error();
    const auto& module = *edit->module;
    const auto& raw = edit->raw;
    const auto& parsed = edit->parsed;
    if (const auto* existing = parsed.plan.find_change(request.change)) {
        return refuse({exit_usage,
                       fmt::format("change \"{}\" already exists in module {} ({}:{})",
                                   request.change, module.name, module.plan.path, existing->line)});
    }

    const auto identity = find_planner_identity(module.directory);
    const auto timestamp = plan_timestamp();
    if (!timestamp)
        return refuse({exit_usage, timestamp.error()});
    const auto line = scaffold::format_change_line({request.change, request.required, *timestamp,
                                                    identity.name, identity.email, request.note});
    const auto edited = scaffold::append_plan_line(raw, line);
    const auto problems = scaffold::new_change_problems(edit->targets.workspace, module,
                                                        without_byte_order_mark(edited),
                                                        scaffold::appended_line_number(raw));
    if (!problems.empty()) {
        for (const auto& problem : problems)
            std::cerr << fmt::format("pgpm: error: cannot add \"{}\": {}\n", request.change,
                                     problem);
        std::cerr << fmt::format("  the new line of {} would have been:\n  {}\n", module.plan.path,
                                 line);
        return exit_usage;
    }

    const auto templates =
        find_templates(request.templates, workspace::find_workspace_root(fs::current_path()));
    if (!templates)
        return refuse(templates.error());
    const auto scripts = render_scripts(request, module, *templates);
    if (!scripts)
        return refuse(scripts.error());
    const io::DisplayPaths paths(fs::current_path());
    if (auto existing = refuse_existing(*scripts, paths))
        return refuse(*existing);

    if (auto written = scaffold::write_new_files(*scripts); !written)
        return refuse({exit_failure, written.error()});
    if (auto written = io::write_file_atomically(edit->file, edited); !written) {
        scaffold::remove_new_files(*scripts);
        return refuse({exit_failure, written.error()});
    }

    if (!options.quiet)
        std::cout << fmt::format("added {}:{}\n", module.name, request.change);
    return exit_success;
}

}  // namespace

Command add_add_command(CLI::App& app) {
    auto request = std::make_shared<AddRequest>();
    auto* parser = app.add_subcommand(
        "add", "Add a change to a module's plan and write its deploy, revert and verify scripts");
    parser->add_option("change", request->change, "The change's name (may hold '/')")
        ->required()
        ->option_text("CHANGE");
    parser->add_option("module,--package", request->target.module, "The module to add it to")
        ->option_text("MODULE");
    parser
        ->add_option("--requires", request->required,
                     "Changes it depends on, comma-separated: change, @tag, module:change, "
                     "module:@tag or !change")
        ->delimiter(',')
        ->option_text("A,B");
    parser->add_option("-m,-n,--note", request->note, "A note for the plan line")
        ->option_text("NOTE");
    add_templates_option(parser, request->templates);
    return {parser, false,
            [request](const GlobalOptions& options) { return run_add(*request, options); }};
}

}  // namespace pgpm::cli
