#include "engine/run_executor.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "engine/sql_failure.hpp"
#include "ledger/record.hpp"

namespace pgpm::engine {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// DISCARD ALL and DEALLOCATE drop the session's prepared statements, the ledger's among them.
bool drops_prepared_statements(const ChangeScript& script) {
    const auto& statements = script.prepared.statements();
    return std::any_of(statements.begin(), statements.end(), [](const sql::Statement& statement) {
        return statement.node == "DiscardStmt" || statement.node == "DeallocateStmt";
    });
}

class RunExecutor {
public:
    RunExecutor(db::Connection& connection, const ledger::LedgerShape& shape, Direction direction,
                const RunOptions& options, const ProgressSink& progress, RunReport& report)
        : connection_(connection),
          shape_(shape),
          direction_(direction),
          options_(options),
          progress_(progress),
          report_(report),
          runner_(connection, options.tx) {}

    void run(const RunPlan& plan) {
        if (!check(runner_.begin_run(), "starting the run's transaction"))
            return stop();
        for (const auto& step : plan.modules) {
            if (!run_module(step))
                return stop();
        }
        if (direction_ == Direction::deploy && options_.tx == TxMode::all) {
            for (const auto& step : plan.modules) {
                if (!verify_module(step))
                    return stop();
            }
        }
        if (!check(runner_.end_run(), "committing the run"))
            return stop();
        report_.changes += uncommitted_;
        uncommitted_ = 0;
        if (direction_ == Direction::revert && options_.verify) {
            for (const auto& step : plan.modules)
                confirm_reverted(step);
        }
    }

private:
    bool run_module(const ModuleRun& step) {
        const auto& module = *step.module;
        if (!check(runner_.begin_module(), "starting the transaction of module " + module.name))
            return false;
        if (direction_ == Direction::deploy && !step.changes.empty() && !create_extensions(module))
            return false;
        const std::span<const PlannedChange> changes(step.changes);
        for (std::size_t at = 0; at < changes.size();) {
            const std::size_t end = batch_end(changes, at);
            if (!run_batch(module, changes.subspan(at, end - at)))
                return false;
            at = end;
        }
        if (!record_module(module))
            return false;
        if (step.tags_to_sync && !sync_tags(module, *step.tags_to_sync))
            return false;
        if (!check(runner_.end_module(), "committing module " + module.name))
            return false;
        if (options_.tx == TxMode::module) {
            report_.changes += uncommitted_;
            uncommitted_ = 0;
        }
        return direction_ == Direction::revert || options_.tx == TxMode::all || verify_module(step);
    }

    bool create_extensions(const workspace::Module& module) {
        std::string sql;
        for (const auto& extension : module.extension_requires) {
            auto name = connection_.escape_identifier(extension);
            if (!check(name, "quoting extension " + extension))
                return false;
            sql += fmt::format("CREATE EXTENSION IF NOT EXISTS {} CASCADE;", *name);
        }
        if (sql.empty())
            return true;
        auto created = runner_.run_statements(sql);
        if (created)
            return true;
        auto diagnostic = diagnostic_for(
            Severity::error, module.display_directory + "/" + module.name + ".control",
            fmt::format("creating the extensions module {} requires failed: {}", module.name,
                        error_message(created.error())));
        diagnostic.notes = error_notes(created.error());
        report_.problems.push_back(std::move(diagnostic));
        return false;
    }

    // Where the batch of changes starting at `at` ends: consecutive changes go in one message
    // (ChangeRunner::run_changes, as many as ChangeRunner::batch_size), except a change that
    // must run outside a transaction, which goes alone.
    std::size_t batch_end(std::span<const PlannedChange> changes, std::size_t at) const {
        if (changes[at].script.prepared.is_non_transactional())
            return at + 1;
        std::size_t bytes = 0;
        std::size_t end = at;
        while (end < changes.size() && end - at < runner_.batch_size() &&
               bytes < BatchSize::kMostBytes &&
               !changes[end].script.prepared.is_non_transactional()) {
            bytes += changes[end].script.prepared.executable().size();
            ++end;
        }
        return end;
    }

    bool run_batch(const workspace::Module& module, std::span<const PlannedChange> batch) {
        if (batch.front().script.prepared.is_non_transactional())
            return run_alone(module, batch.front());
        std::vector<ChangeRunner::ChangeToRun> runs;
        runs.reserve(batch.size());
        for (const auto& planned : batch) {
            ChangeRunner::ChangeToRun run{
                .script = &planned.script, .ledger_sql = {}, .ledger_statements = 0};
            if (options_.tx == TxMode::change) {
                auto ledger = change_ledger_sql(module, planned);
                if (!ledger)
                    return false;
                run.ledger_sql = std::move(ledger->sql);
                run.ledger_statements = ledger->statements;
            }
            runs.push_back(std::move(run));
        }
        auto ran = runner_.run_changes(runs, [&](std::size_t i, std::chrono::microseconds took) {
            completed(module, batch[i], took);
        });
        if (!ran) {
            fail_change(module, batch[ran.error().index].change->name,
                        std::move(ran.error().failure));
            return false;
        }
        return true;
    }

    // A change PostgreSQL refuses inside a transaction block (only under --tx change).
    bool run_alone(const workspace::Module& module, const PlannedChange& planned) {
        auto ledger = change_ledger_sql(module, planned);
        if (!ledger)
            return false;
        const auto start = Clock::now();
        if (auto ran = runner_.run_non_transactional_change(planned.script, ledger->sql); !ran) {
            fail_change(module, planned.change->name, std::move(ran.error()));
            return false;
        }
        completed(module, planned, since(start));
        return true;
    }

    void completed(const workspace::Module& module, const PlannedChange& planned,
                   std::chrono::microseconds took) {
        if (progress_)
            progress_(verb(), module.name, planned.change->name, took);
        if (options_.tx == TxMode::change) {
            ++report_.changes;
        } else {
            ++uncommitted_;
            unrecorded_.push_back(&planned);
        }
    }

    struct LedgerSql {
        std::string sql;
        std::size_t statements = 0;
    };

    // --tx change: the EXECUTEs of the change's ledger rows and, when it carries tags, the
    // module's tags rows, sent with its script.
    std::optional<LedgerSql> change_ledger_sql(const workspace::Module& module,
                                               const PlannedChange& planned) {
        const auto& change = *planned.change;
        if (!record_statements_prepared_) {
            if (!check(runner_.run_statements(ledger::prepare_record_statements()),
                       "preparing the ledger statements"))
                return std::nullopt;
            record_statements_prepared_ = true;
        }
        auto record =
            direction_ == Direction::deploy
                ? ledger::execute_record_deploy(connection_, module.name, change.name,
                                                planned.script.script_hash, planned.required)
                : ledger::execute_record_revert(connection_, module.name, change.name);
        if (!check(record, "preparing the ledger rows of " + std::string(change.name)))
            return std::nullopt;
        LedgerSql ledger{std::move(*record), 1};
        // A script that drops the session's prepared statements drops the ledger's: they are
        // prepared again after it, before its rows.
        if (drops_prepared_statements(planned.script)) {
            ledger.sql.insert(0, ledger::prepare_record_statements());
            ledger.statements += ledger::kPrepareRecordStatements;
        }
        if (planned.tags_after &&
            !append_tags_statement(module, *planned.tags_after, ledger.sql, ledger.statements))
            return std::nullopt;
        return ledger;
    }

    // Appends to `sql` the statement that makes the module's tags rows `tags` (none without the
    // tags table) and counts it in `statements`; false, reported, when it cannot be built.
    bool append_tags_statement(const workspace::Module& module,
                               const std::vector<ledger::TagRecord>& tags, std::string& sql,
                               std::size_t& statements) {
        auto statement = ledger::sync_tags_statement(connection_, shape_, module.name, tags);
        if (!check(statement, "preparing the tags rows of " + module.name))
            return false;
        if (*statement) {
            sql.append(sql.empty() ? "" : ";").append(**statement);
            ++statements;
        }
        return true;
    }

    // --tx module|all: the ledger rows of the module's changes this run, in one statement, and
    // its tags rows as the last change carrying tags leaves them; inside the transaction that
    // holds the changes.
    bool record_module(const workspace::Module& module) {
        if (unrecorded_.empty())
            return true;
        auto statement =
            direction_ == Direction::deploy ? record_deploys(module) : record_reverts(module);
        if (!check(statement, "preparing the ledger rows of module " + module.name))
            return false;
        std::string sql = std::move(*statement);
        std::size_t statements = 1;
        const auto tagged = std::find_if(
            unrecorded_.rbegin(), unrecorded_.rend(),
            [](const PlannedChange* planned) { return planned->tags_after.has_value(); });
        if (tagged != unrecorded_.rend() &&
            !append_tags_statement(module, *(*tagged)->tags_after, sql, statements))
            return false;
        unrecorded_.clear();
        return check(runner_.run_statements(sql),
                     "recording the changes of module " + module.name + " in pgpm_migrate");
    }

    tl::expected<std::string, db::SqlError> record_deploys(const workspace::Module& module) const {
        std::vector<ledger::DeployRecord> records;
        records.reserve(unrecorded_.size());
        for (const auto* planned : unrecorded_)
            records.push_back(
                {planned->change->name, planned->script.script_hash, planned->required});
        return ledger::record_deploys_statement(connection_, module.name, records);
    }

    tl::expected<std::string, db::SqlError> record_reverts(const workspace::Module& module) const {
        std::vector<std::string> changes;
        changes.reserve(unrecorded_.size());
        for (const auto* planned : unrecorded_)
            changes.emplace_back(planned->change->name);
        return ledger::record_reverts_statement(connection_, module.name, changes);
    }

    bool sync_tags(const workspace::Module& module, const std::vector<ledger::TagRecord>& tags) {
        std::string sql;
        std::size_t statements = 0;
        if (!append_tags_statement(module, tags, sql, statements))
            return false;
        return statements == 0 ||
               check(runner_.run_statements(sql), "recording the tags of " + module.name);
    }

    // Verify scripts of a module the run completed; their outcomes are logged as events.
    bool verify_module(const ModuleRun& step) {
        if (!step.completes || !options_.verify)
            return true;
        const auto& module = *step.module;
        std::vector<ledger::EventRecord> events;
        std::optional<ScriptFailure> failure;
        runner_.run_verifies(
            step.verify,
            [&](std::size_t i, std::chrono::microseconds took) {
                const auto& change = module.plan.changes[i];
                events.push_back({std::string(change.name), std::nullopt});
                ++report_.verified;
                if (progress_)
                    progress_("verify", module.name, change.name, took);
            },
            [&](std::size_t i, ScriptFailure failed) {
                const auto& change = module.plan.changes[i];
                events.push_back(
                    {std::string(change.name),
                     ledger::EventFailure{failed.error.message, failed.error.sqlstate}});
                failed.diagnostic.notes.push_back(fmt::format(
                    "note: verify of {}:{} failed after deploying it", module.name, change.name));
                failure = std::move(failed);
                return false;
            });
        if (failure && options_.tx == TxMode::all)
            runner_.abandon();  // the events must outlive the rollback of the run
        if (auto logged =
                ledger::record_events(connection_, ledger::EventType::verify, module.name, events);
            !logged) {
            warn_event_not_logged(logged.error());
        }
        if (!failure)
            return true;
        report_.problems.push_back(std::move(failure->diagnostic));
        return false;
    }

    // A revert is confirmed by the verify scripts of its changes failing now; one that passes
    // means the revert script left something behind. Not logged as events (SPEC §2).
    void confirm_reverted(const ModuleRun& step) {
        const auto& module = *step.module;
        runner_.run_verifies(
            step.verify,
            [&](std::size_t i, std::chrono::microseconds) {
                // A script with no statement proves nothing either way.
                if (step.verify[i].prepared.is_empty())
                    return;
                report_.problems.push_back(diagnostic_for(
                    Severity::warning, step.verify[i].display_path,
                    fmt::format("change {}:{} is reverted, but its verify script still passes: "
                                "does its revert script undo everything its deploy script did?",
                                module.name, step.changes[i].change->name)));
            },
            [](std::size_t, const ScriptFailure&) { return true; });
    }

    std::string_view verb() const { return direction_ == Direction::deploy ? "deploy" : "revert"; }

    void fail_change(const workspace::Module& module, std::string_view change,
                     ScriptFailure failure) {
        runner_.abandon();
        failure.diagnostic.notes.push_back(outcome_note(module, change));
        report_.problems.push_back(std::move(failure.diagnostic));
        const auto type =
            direction_ == Direction::deploy ? ledger::EventType::deploy : ledger::EventType::revert;
        if (auto logged = ledger::record_event(
                connection_, type, module.name, change,
                ledger::EventFailure{failure.error.message, failure.error.sqlstate});
            !logged) {
            warn_event_not_logged(logged.error());
        }
    }

    std::string outcome_note(const workspace::Module& module, std::string_view change) const {
        switch (options_.tx) {
            case TxMode::change:
                return fmt::format(
                    "note: {} stopped at {}:{}, which was rolled back; the {} change(s) this run "
                    "finished before it stay {}ed",
                    verb(), module.name, change, report_.changes, verb());
            case TxMode::module:
                return fmt::format(
                    "note: {} stopped at {}:{}; module {}'s changes of this run were rolled back "
                    "(--tx module), {} change(s) of earlier modules stay {}ed",
                    verb(), module.name, change, module.name, report_.changes, verb());
            case TxMode::all:
                break;
        }
        return fmt::format(
            "note: {} stopped at {}:{}; the whole run was rolled back (--tx all), nothing of it "
            "took effect",
            verb(), module.name, change);
    }

    template <typename T>
    bool check(const tl::expected<T, db::SqlError>& done, const std::string& what) {
        if (done)
            return true;
        auto diagnostic = diagnostic_for(
            Severity::error, {}, fmt::format("{} failed: {}", what, error_message(done.error())));
        diagnostic.notes = error_notes(done.error());
        report_.problems.push_back(std::move(diagnostic));
        return false;
    }

    void warn_event_not_logged(const db::SqlError& error) {
        report_.problems.push_back(
            diagnostic_for(Severity::warning, {},
                           fmt::format("could not log the event in pgpm_migrate.events: {}",
                                       error_message(error))));
    }

    void stop() {
        runner_.abandon();
        uncommitted_ = 0;
        unrecorded_.clear();
        report_.failed = true;
    }

    db::Connection& connection_;
    const ledger::LedgerShape& shape_;
    Direction direction_;
    const RunOptions& options_;
    const ProgressSink& progress_;
    RunReport& report_;
    ChangeRunner runner_;
    // Changes run inside a module's or the run's open transaction, counted once it commits.
    std::size_t uncommitted_ = 0;
    // --tx module|all: the current module's changes that ran, whose rows record_module writes.
    std::vector<const PlannedChange*> unrecorded_;
    // --tx change: the session holds the ledger's prepared statements.
    bool record_statements_prepared_ = false;
};

}  // namespace

RunReport execute_run(db::Connection& connection, const ledger::LedgerShape& shape,
                      const RunPlan& plan, const RunOptions& options,
                      const ProgressSink& progress) {
    RunReport report;
    for (const auto& warning : plan.warnings)
        report.problems.push_back(warning);
    RunExecutor(connection, shape, plan.direction, options, progress, report).run(plan);
    return report;
}

}  // namespace pgpm::engine
