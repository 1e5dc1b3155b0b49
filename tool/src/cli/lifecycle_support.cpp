#include "cli/lifecycle_support.hpp"

#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/database_target.hpp"
#include "cli/diagnostic_printer.hpp"
#include "db/interrupt_cancel.hpp"
#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"

namespace pgpm::cli {

tl::expected<CommandTargets, ExitCode> load_command_targets(const TargetRequest& request,
                                                            const GlobalOptions& options) {
    auto targets = select_targets(request);
    if (!targets) {
        std::cerr << "pgpm: error: " << targets.error().message << '\n';
        return tl::unexpected(exit_usage);
    }
    if (has_errors(targets->diagnostics)) {
        print_diagnostics(targets->diagnostics, options);
        return tl::unexpected(exit_invalid_input);
    }
    auto database = resolve_database_target(options);
    if (!database) {
        std::cerr << "pgpm: error: " << database.error().message << '\n';
        return tl::unexpected(exit_usage);
    }
    return CommandTargets{std::move(*targets), std::move(*database)};
}

void add_tx_option(CLI::App* parser, engine::TxMode& mode) {
    const std::map<std::string, engine::TxMode> modes{{"change", engine::TxMode::change},
                                                      {"module", engine::TxMode::module},
                                                      {"all", engine::TxMode::all}};
    parser
        ->add_option("--tx", mode,
                     "Transaction per change (default), per module, or one for the whole run")
        ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
        ->option_text("change|module|all");
}

void add_lock_timeout_option(CLI::App* parser, int& seconds) {
    parser
        ->add_option("--lock-timeout", seconds,
                     "Seconds to wait for another deploy or revert (0: forever)")
        ->check(CLI::NonNegativeNumber)
        ->option_text("SECONDS");
}

tl::expected<void, UsageError> apply_to_shorthand(TargetRequest& request, std::string& to) {
    const auto colon = request.module.find(':');
    if (colon == std::string::npos)
        return {};
    if (!to.empty()) {
        return tl::unexpected(UsageError{fmt::format(
            "\"{}\" already says where to stop; it cannot be combined with --to", request.module)});
    }
    to = request.module.substr(colon + 1);
    request.module.resize(colon);
    if (request.module.empty() || to.empty()) {
        return tl::unexpected(
            UsageError{"expected MODULE:@TAG or MODULE:CHANGE, e.g. app:@v1.0.0"});
    }
    return {};
}

Diagnostics non_transactional_refusals(const engine::RunPlan& plan, engine::TxMode mode) {
    Diagnostics refusals;
    if (mode == engine::TxMode::change)
        return refusals;
    for (const auto& step : plan.modules) {
        for (const auto& planned : step.changes) {
            const auto& prepared = planned.script.prepared;
            for (const auto& statement : prepared.statements()) {
                if (!statement.non_transactional)
                    continue;
                refusals.push_back(diagnostic_at_offset(
                    Severity::error, planned.script.display_path, LineIndex(prepared.original()),
                    statement.begin,
                    fmt::format("change {}:{} cannot run under --tx {}: PostgreSQL refuses this "
                                "statement inside a transaction block; use --tx change",
                                step.module->name, planned.change->name,
                                mode == engine::TxMode::module ? "module" : "all")));
                break;
            }
        }
    }
    return refusals;
}

std::optional<ExitCode> refuse_non_transactional(const engine::RunPlan& plan, engine::TxMode mode,
                                                 const GlobalOptions& options) {
    const auto refusals = non_transactional_refusals(plan, mode);
    if (refusals.empty())
        return std::nullopt;
    print_diagnostics(refusals, options);
    return exit_usage;
}

FinishedRun execute_and_report(MigrationSession& session, const engine::RunPlan& plan,
                               const engine::RunOptions& run_options, const GlobalOptions& options,
                               std::chrono::steady_clock::time_point started) {
    auto report = [&] {
        // Ctrl-C stops the run at the change the server is running, which is rolled back.
        const db::InterruptCancel interrupt(session.connection());
        return engine::execute_run(session.connection(), session.snapshot().shape(), plan,
                                   run_options, progress_printer(options));
    }();
    session.finish();
    print_diagnostics(report.problems, options);
    return {std::move(report), std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - started)};
}

std::string format_duration(std::chrono::microseconds took) {
    const double ms = static_cast<double>(took.count()) / 1000.0;
    return ms >= 1000 ? fmt::format("{:.2f} s", ms / 1000) : fmt::format("{:.1f} ms", ms);
}

engine::ProgressSink progress_printer(const GlobalOptions& options) {
    if (options.quiet)
        return {};
    return [](std::string_view verb, std::string_view module, std::string_view change,
              std::chrono::microseconds took) {
        std::cerr << fmt::format("  {} {}:{} ({})\n", verb, module, change, format_duration(took));
    };
}

void print_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& options) {
    DiagnosticPrinter(std::cerr, options.color_on_stderr()).print(diagnostics, options.quiet);
}

ExitCode report_refusal(const engine::Refusal& refusal, const GlobalOptions& options) {
    print_diagnostics(refusal.diagnostics, options);
    switch (refusal.kind) {
        case engine::Refusal::Kind::usage:
            return exit_usage;
        case engine::Refusal::Kind::invalid_input:
            return exit_invalid_input;
        case engine::Refusal::Kind::refused:
            break;
    }
    return exit_failure;
}

}  // namespace pgpm::cli
