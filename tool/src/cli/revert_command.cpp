#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/database_target.hpp"
#include "cli/lifecycle_support.hpp"
#include "cli/migration_session.hpp"
#include "engine/revert_plan.hpp"
#include "io/display_paths.hpp"

namespace pgpm::cli {

namespace {

struct RevertRequestOptions {
    TargetRequest targets;
    std::string to;
    bool all = false;
    engine::TxMode tx = engine::TxMode::change;
    bool no_verify = false;
    int lock_timeout = 60;
    bool yes = false;
};

// A TTY asks; without one, --yes must have been given (SPEC §4 revert).
tl::expected<bool, ExitCode> confirmed(const engine::RunPlan& plan, const std::string& database,
                                       bool yes) {
    if (yes)
        return true;
    if (isatty(STDIN_FILENO) == 0) {
        std::cerr << "pgpm: error: revert asks for confirmation, and there is no terminal to "
                     "ask on: pass --yes\n";
        return tl::unexpected(exit_usage);
    }
    std::cerr << fmt::format("Revert {} change(s) from database \"{}\":\n", plan.change_count(),
                             database);
    for (const auto& step : plan.modules) {
        for (const auto& planned : step.changes)
            std::cerr << "  " << step.module->name << ':' << planned.change->name << '\n';
    }
    std::cerr << "Proceed? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

int run_revert(RevertRequestOptions request, const GlobalOptions& options) {
    if (auto shorthand = apply_to_shorthand(request.targets, request.to); !shorthand) {
        std::cerr << "pgpm: error: " << shorthand.error().message << '\n';
        return exit_usage;
    }
    if (request.targets.workspace && !request.all) {
        std::cerr << "pgpm: error: revert --workspace needs --all: it reverts every change of "
                     "every module\n";
        return exit_usage;
    }
    if (request.all && !request.to.empty()) {
        std::cerr << "pgpm: error: --all and --to contradict each other: choose one\n";
        return exit_usage;
    }
    auto loaded = load_command_targets(request.targets, options);
    if (!loaded)
        return loaded.error();
    const auto& targets = loaded->targets;
    const auto started = std::chrono::steady_clock::now();
    auto session =
        MigrationSession::open(loaded->database,
                               {.create_database = false,
                                .lock_and_ensure_ledger = true,
                                .lock_timeout = std::chrono::seconds(request.lock_timeout)},
                               options);
    if (!session)
        return session.error();

    const io::DisplayPaths paths(io::normalised_absolute(std::filesystem::current_path()));
    const auto scope = request.all           ? engine::RevertScope::all
                       : !request.to.empty() ? engine::RevertScope::to
                                             : engine::RevertScope::last;
    auto plan = engine::plan_revert(targets.workspace,
                                    {.modules = targets.modules,
                                     .whole_workspace = request.targets.workspace,
                                     .scope = scope,
                                     .to = request.to,
                                     .load_verify_scripts = !request.no_verify,
                                     .parsing = engine::parsing_for((*session)->connection())},
                                    (*session)->snapshot(), paths);
    if (!plan)
        return report_refusal(plan.error(), options);
    if (const auto refused = refuse_non_transactional(*plan, request.tx, options))
        return *refused;
    if (plan->change_count() == 0) {
        std::cout << "revert: nothing to revert\n";
        return exit_success;
    }
    const auto go = confirmed(*plan, (*session)->connection().database_name(), request.yes);
    if (!go)
        return go.error();
    if (!*go) {
        std::cerr << "pgpm: nothing reverted\n";
        return exit_failure;
    }

    const auto [report, took] = execute_and_report(
        **session, *plan, {.tx = request.tx, .verify = !request.no_verify}, options, started);
    std::cout << fmt::format("revert{}: {} change(s) reverted ({})\n",
                             report.failed ? " failed" : "", report.changes, format_duration(took));
    return report.failed ? exit_failure : exit_success;
}

}  // namespace

Command add_revert_command(CLI::App& app) {
    auto* parser = app.add_subcommand(
        "revert", "Revert the last deployed change, the changes after --to, or --all");
    auto request = std::make_shared<RevertRequestOptions>();
    parser
        ->add_option("module,--package", request->targets.module,
                     "The module to revert; MODULE:@TAG or MODULE:CHANGE keeps up to there")
        ->option_text("MODULE");
    parser->add_flag("--workspace", request->targets.workspace,
                     "With --all: every module of the workspace, dependents first");
    parser->add_option("--to", request->to, "Revert the changes after this change or @tag")
        ->option_text("CHANGE|@TAG");
    parser->add_flag("--all", request->all, "Revert every deployed change of the module");
    add_tx_option(parser, request->tx);
    parser->add_flag("--no-verify", request->no_verify,
                     "Do not confirm the revert by the verify scripts failing");
    add_lock_timeout_option(parser, request->lock_timeout);
    parser->add_flag("--yes,-y", request->yes, "Do not ask for confirmation");
    return {parser, true,
            [request](const GlobalOptions& options) { return run_revert(*request, options); }};
}

}  // namespace pgpm::cli
