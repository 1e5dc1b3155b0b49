#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/database_target.hpp"
#include "cli/lifecycle_support.hpp"
#include "cli/migration_session.hpp"
#include "engine/deploy_plan.hpp"
#include "io/display_paths.hpp"

namespace pgpm::cli {

namespace {

struct DeployRequestOptions {
    TargetRequest targets;
    std::string to;
    bool create_database = false;
    engine::TxMode tx = engine::TxMode::change;
    bool no_verify = false;
    bool dry_run = false;
    int lock_timeout = 60;
    bool yes = false;  // accepted: deploy never prompts
};

void print_dry_run(const engine::RunPlan& plan) {
    for (const auto& step : plan.modules) {
        for (const auto& planned : step.changes)
            std::cout << step.module->name << ':' << planned.change->name << '\n';
    }
    std::cout << fmt::format("deploy (dry run): {} change(s) would be deployed\n",
                             plan.change_count());
}

int run_deploy(DeployRequestOptions request, const GlobalOptions& options) {
    if (auto shorthand = apply_to_shorthand(request.targets, request.to); !shorthand) {
        std::cerr << "pgpm: error: " << shorthand.error().message << '\n';
        return exit_usage;
    }
    if (request.targets.workspace && !request.to.empty()) {
        std::cerr << "pgpm: error: --to names a change of one module; it cannot be combined with "
                     "--workspace\n";
        return exit_usage;
    }
    auto loaded = load_command_targets(request.targets, options);
    if (!loaded)
        return loaded.error();
    const auto& targets = loaded->targets;
    const auto started = std::chrono::steady_clock::now();
    auto session =
        MigrationSession::open(loaded->database,
                               {.create_database = request.create_database && !request.dry_run,
                                .lock_and_ensure_ledger = !request.dry_run,
                                .lock_timeout = std::chrono::seconds(request.lock_timeout)},
                               options);
    if (!session)
        return session.error();

    const io::DisplayPaths paths(io::normalised_absolute(std::filesystem::current_path()));
    auto plan = engine::plan_deploy(targets.workspace,
                                    {.targets = targets.modules,
                                     .to = request.to,
                                     .load_verify_scripts = !request.no_verify && !request.dry_run,
                                     .parsing = engine::parsing_for((*session)->connection())},
                                    (*session)->snapshot(), paths);
    if (!plan)
        return report_refusal(plan.error(), options);
    if (const auto refused = refuse_non_transactional(*plan, request.tx, options))
        return *refused;
    if (request.dry_run) {
        print_dry_run(*plan);
        return exit_success;
    }

    const auto [report, took] = execute_and_report(
        **session, *plan, {.tx = request.tx, .verify = !request.no_verify}, options, started);
    if (report.failed) {
        std::cout << fmt::format("deploy failed: {} change(s) deployed ({})\n", report.changes,
                                 format_duration(took));
        return exit_failure;
    }
    if (report.changes == 0) {
        std::cout << fmt::format("deploy: up to date ({})\n", format_duration(took));
        return exit_success;
    }
    std::cout << fmt::format("deploy: {} change(s) deployed, {} verified ({})\n", report.changes,
                             report.verified, format_duration(took));
    return exit_success;
}

}  // namespace

Command add_deploy_command(CLI::App& app) {
    auto* parser = app.add_subcommand("deploy", "Deploy a module, its dependencies first");
    auto request = std::make_shared<DeployRequestOptions>();
    parser
        ->add_option("module,--package", request->targets.module,
                     "The module to deploy; MODULE:@TAG or MODULE:CHANGE stops there")
        ->option_text("MODULE");
    parser->add_flag("--workspace,--all", request->targets.workspace,
                     "Deploy every module of the workspace");
    parser->add_option("--to", request->to, "Stop after this change or @tag (inclusive)")
        ->option_text("CHANGE|@TAG");
    parser->add_flag("--createdb", request->create_database,
                     "Create the target database when it does not exist");
    add_tx_option(parser, request->tx);
    parser->add_flag("--no-verify", request->no_verify,
                     "Do not run the verify scripts of the modules this deploy completes");
    parser->add_flag("--dry-run", request->dry_run, "List what would be deployed; change nothing");
    add_lock_timeout_option(parser, request->lock_timeout);
    parser->add_flag("--yes,-y", request->yes, "Accepted for symmetry with revert; never asked");
    return {parser, true,
            [request](const GlobalOptions& options) { return run_deploy(*request, options); }};
}

}  // namespace pgpm::cli
