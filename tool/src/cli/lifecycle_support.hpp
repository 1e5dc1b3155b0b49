#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "cli/exit_code.hpp"
#include "cli/global_options.hpp"
#include "cli/migration_session.hpp"
#include "cli/target_selection.hpp"
#include "engine/change_runner.hpp"
#include "engine/run_executor.hpp"
#include "engine/run_plan.hpp"
#include "engine/run_report.hpp"

// What deploy, revert and verify share on the command line: their options, the MODULE:@tag
// shorthand, progress lines and how refusals and problems are printed.
namespace pgpm::cli {

// The modules a command works on, loaded without errors, and its target database.
struct CommandTargets {
    Targets targets;
    std::string database;  // what -d names, resolved (see resolve_database_target)
};

// Loads the modules the request names and resolves the target database; prints what is wrong
// and returns the exit code otherwise (2 for the command line, 3 for invalid files).
tl::expected<CommandTargets, ExitCode> load_command_targets(const TargetRequest& request,
                                                            const GlobalOptions& options);

// --tx change|module|all.
void add_tx_option(CLI::App* parser, engine::TxMode& mode);

// --lock-timeout SECONDS (0: wait forever).
void add_lock_timeout_option(CLI::App* parser, int& seconds);

// `MODULE:@tag` and `MODULE:change` in the positional MODULE are `MODULE --to ...`.
tl::expected<void, UsageError> apply_to_shorthand(TargetRequest& request, std::string& to);

// Under --tx module|all, a change that must run outside a transaction block is refused before
// anything runs, located at the statement (exit 2).
Diagnostics non_transactional_refusals(const engine::RunPlan& plan, engine::TxMode mode);

// "  deploy app:users (1.2 ms)" on stderr per change, unless -q.
engine::ProgressSink progress_printer(const GlobalOptions& options);

void print_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& options);

// Prints a refusal and returns its exit code.
ExitCode report_refusal(const engine::Refusal& refusal, const GlobalOptions& options);

// Under --tx module|all, prints the refusals of non_transactional_refusals and returns exit 2.
std::optional<ExitCode> refuse_non_transactional(const engine::RunPlan& plan, engine::TxMode mode,
                                                 const GlobalOptions& options);

// Runs a deploy or revert plan on the session, releases its lock and prints the run's problems.
struct FinishedRun {
    engine::RunReport report;
    std::chrono::microseconds took;  // since `started`, for the summary line
};
FinishedRun execute_and_report(MigrationSession& session, const engine::RunPlan& plan,
                               const engine::RunOptions& run_options, const GlobalOptions& options,
                               std::chrono::steady_clock::time_point started);

// "1.23 s" or "45.6 ms".
std::string format_duration(std::chrono::microseconds took);

}  // namespace pgpm::cli
