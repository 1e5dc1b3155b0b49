#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/diagnostic_printer.hpp"
#include "cli/exit_code.hpp"
#include "cli/json_writer.hpp"
#include "cli/target_selection.hpp"
#include "engine/check.hpp"

namespace pgpm::cli {

namespace {

void write_json(std::ostream& out, const Diagnostics& diagnostics,
                const engine::CheckReport& report, std::size_t module_count) {
    JsonWriter json(out);
    json.begin_object();
    json.key("version").value(1);
    json.key("ok").value(!has_errors(diagnostics));
    json.key("modules").value(module_count);
    json.key("diagnostics");
    write_diagnostics(json, diagnostics);
    json.key("non_transactional").begin_array();
    for (const auto& change : report.non_transactional) {
        json.begin_object();
        json.key("module").value(change.module);
        json.key("change").value(change.change);
        json.key("script").value(change.script_kind);
        json.key("file").value(change.where.file);
        json.key("line").value(change.where.line);
        json.key("column").value(change.where.column);
        json.key("statement").value(change.statement);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

std::string summary(const Diagnostics& diagnostics, std::size_t module_count) {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const auto& d : diagnostics) {
        errors += d.severity == Severity::error;
        warnings += d.severity == Severity::warning;
    }
    return fmt::format("checked {} module{}: {} error{}, {} warning{}", module_count,
                       module_count == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
}

int run_check(const TargetRequest& request, const GlobalOptions& options) {
    auto targets = select_targets(request);
    if (!targets) {
        std::cerr << "pgpm: error: " << targets.error().message << '\n';
        return exit_usage;
    }
    auto diagnostics = std::move(targets->diagnostics);
    const auto report = engine::check_scripts(targets->modules, std::filesystem::current_path());
    diagnostics.insert(diagnostics.end(), report.diagnostics.begin(), report.diagnostics.end());

    if (options.json) {
        write_json(std::cout, diagnostics, report, targets->modules.size());
    } else {
        DiagnosticPrinter(std::cerr, options.color_on_stderr()).print(diagnostics, options.quiet);
        if (!options.quiet)
            std::cout << summary(diagnostics, targets->modules.size()) << '\n';
    }
    return has_errors(diagnostics) ? exit_invalid_input : exit_success;
}

}  // namespace

Command add_check_command(CLI::App& app) {
    auto request = std::make_shared<TargetRequest>();
    auto* parser = app.add_subcommand(
        "check", "Check plans, control files and every script without a database");
    parser->add_option("module,--package", request->module, "The module to check")
        ->option_text("MODULE");
    parser->add_flag("--workspace,--all", request->workspace,
                     "Check every module of the workspace");
    return {parser, false,
            [request](const GlobalOptions& options) { return run_check(*request, options); }};
}

}  // namespace pgpm::cli
