#include "engine/verifier.hpp"

#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "engine/change_runner.hpp"
#include "engine/change_script.hpp"
#include "engine/sql_failure.hpp"
#include "engine/status.hpp"
#include "ledger/record.hpp"

namespace pgpm::engine {

namespace {

void report_status(const workspace::Module& module, const ModuleStatus& status,
                   const io::DisplayPaths& paths, RunReport& report) {
    if (status.deployed == 0) {
        report.problems.push_back(diagnostic_for(
            Severity::error, {}, fmt::format("module {} has nothing deployed", module.name)));
        report.failed = true;
    }
    for (const auto& drift : status.drifted) {
        report.problems.push_back(diagnostic_for(
            Severity::error, paths.show(module.directory / "deploy" / (drift.change + ".sql")),
            fmt::format("change \"{}\" drifted: its deploy script differs from the one deployed",
                        drift.change)));
        report.failed = true;
    }
    if (!status.pending_changes.empty()) {
        report.problems.push_back(diagnostic_for(
            Severity::info, {},
            fmt::format("module {} has {} pending change(s), first \"{}\"", module.name,
                        status.pending, status.pending_changes.front())));
    }
    for (const auto& orphan : status.orphaned) {
        report.problems.push_back(
            diagnostic_for(Severity::warning, {},
                           fmt::format("ledger row {}:{} names a change no longer in the plan",
                                       module.name, orphan)));
    }
}

}  // namespace

RunReport verify_modules(db::Connection& connection, const ledger::LedgerSnapshot& snapshot,
                         const std::vector<const workspace::Module*>& modules,
                         const io::DisplayPaths& paths, const ProgressSink& progress) {
    RunReport report;
    ChangeRunner runner(connection, TxMode::change);
    const ScriptParsing parsing = parsing_for(connection);
    for (const auto* module : modules) {
        report_status(*module, module_status(*module, snapshot), paths, report);
        // Read before any runs; a script that cannot be read is reported, the others still run.
        std::vector<const plan::Change*> changes;
        std::vector<ChangeScript> scripts;
        for (const auto& change : module->plan.changes) {
            if (!snapshot.is_deployed(module->name, change.name))
                continue;
            auto script = load_or_report(*module, change, ScriptKind::verify, paths, parsing,
                                         report.problems, report.problems);
            if (!script) {
                report.failed = true;
                continue;
            }
            changes.push_back(&change);
            scripts.push_back(std::move(*script));
        }
        std::vector<ledger::EventRecord> events;
        runner.run_verifies(
            scripts,
            [&](std::size_t i, std::chrono::microseconds took) {
                events.push_back({std::string(changes[i]->name), std::nullopt});
                ++report.verified;
                if (progress)
                    progress("verify", module->name, changes[i]->name, took);
            },
            [&](std::size_t i, ScriptFailure failure) {
                events.push_back(
                    {std::string(changes[i]->name),
                     ledger::EventFailure{failure.error.message, failure.error.sqlstate}});
                report.problems.push_back(std::move(failure.diagnostic));
                report.failed = true;
                return true;
            });
        if (snapshot.shape().state == ledger::LedgerState::absent)
            continue;
        if (auto logged =
                ledger::record_events(connection, ledger::EventType::verify, module->name, events);
            !logged) {
            report.problems.push_back(diagnostic_for(
                Severity::warning, {},
                fmt::format("could not log the verify events in pgpm_migrate.events: {}",
                            error_message(logged.error()))));
        }
    }
    return report;
}

}  // namespace pgpm::engine
