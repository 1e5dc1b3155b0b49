#include "engine/change_runner.hpp"

#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "engine/sql_failure.hpp"

namespace pgpm::engine {

namespace {

constexpr std::string_view kResetSession = "RESET ALL;RESET ROLE;";
constexpr std::size_t kResetStatements = 2;

tl::expected<void, db::SqlError> exec(db::Connection& connection, std::string_view sql) {
    return connection.exec(sql).map([](const db::Result&) {});
}

}  // namespace

bool ChangeRunner::in_run_transaction() const {
    return connection_.in_transaction();
}

tl::expected<void, db::SqlError> ChangeRunner::begin_run() {
    return mode_ == TxMode::all ? exec(connection_, "BEGIN") : tl::expected<void, db::SqlError>();
}

tl::expected<void, db::SqlError> ChangeRunner::begin_module() {
    return mode_ == TxMode::module ? exec(connection_, "BEGIN")
                                   : tl::expected<void, db::SqlError>();
}

tl::expected<void, db::SqlError> ChangeRunner::end_module() {
    return mode_ == TxMode::module ? exec(connection_, "COMMIT")
                                   : tl::expected<void, db::SqlError>();
}

tl::expected<void, db::SqlError> ChangeRunner::end_run() {
    return mode_ == TxMode::all ? exec(connection_, "COMMIT") : tl::expected<void, db::SqlError>();
}

void ChangeRunner::abandon() {
    if (connection_.in_transaction())
        (void)exec(connection_, "ROLLBACK");
}

tl::expected<void, BatchFailure> ChangeRunner::run_batch(std::span<const EnvelopedScript> batch,
                                                         const ScriptDone& on_done) {
    const auto start = std::chrono::steady_clock::now();
    auto ran = run_enveloped_batch(connection_, batch, on_done);
    batch_size_.completed(std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start));
    return ran;
}

tl::expected<void, BatchFailure> ChangeRunner::run_changes(std::span<const ChangeToRun> changes,
                                                           const ScriptDone& on_done) {
    std::vector<EnvelopedScript> batch;
    batch.reserve(changes.size());
    for (const auto& change : changes) {
        Envelope envelope{.before = {},
                          .before_statements = 0,
                          .after = std::string(kResetSession),
                          .after_statements = kResetStatements + change.ledger_statements,
                          .after_purpose = change.ledger_statements == 0
                                               ? "resetting the session after the change"
                                               : "recording the change in pgpm_migrate"};
        if (!change.ledger_sql.empty())
            envelope.after.append(change.ledger_sql).append(";");
        if (mode_ == TxMode::change) {
            envelope.before = "BEGIN;";
            envelope.before_statements = 1;
            envelope.after.append("COMMIT;");
            ++envelope.after_statements;
        }
        batch.push_back({change.script, std::move(envelope)});
    }
    return run_batch(batch, on_done);
}

tl::expected<void, ScriptFailure> ChangeRunner::run_non_transactional_change(
    const ChangeScript& script, std::string_view ledger_sql) {
    if (auto ran = run_statement_by_statement(connection_, script); !ran)
        return ran;
    const auto bookkeeping = fmt::format("{}BEGIN;{};COMMIT", kResetSession, ledger_sql);
    if (auto recorded = exec(connection_, bookkeeping); !recorded) {
        auto diagnostic = script_error_after(
            script, recorded.error(),
            "its statements ran and committed, but recording the change in pgpm_migrate failed");
        return tl::unexpected(ScriptFailure{std::move(diagnostic), std::move(recorded.error())});
    }
    return {};
}

tl::expected<void, db::SqlError> ChangeRunner::run_statements(std::string_view sql) {
    return exec(connection_, sql);
}

void ChangeRunner::run_verifies(std::span<const ChangeScript> scripts, const ScriptDone& passed,
                                const std::function<bool(std::size_t, ScriptFailure)>& failed) {
    const bool nested = in_run_transaction();
    // Inside the run's transaction a savepoint is rolled back to and released: a savepoint
    // rolled back to stays, and one per script would nest a subtransaction per script.
    const std::string_view undo = nested ? "ROLLBACK TO SAVEPOINT pgpm_verify;"
                                           "RELEASE SAVEPOINT pgpm_verify;"
                                         : "ROLLBACK;";
    const Envelope envelope{.before = nested ? "SAVEPOINT pgpm_verify;" : "BEGIN;",
                            .before_statements = 1,
                            .after = std::string(undo),
                            .after_statements = nested ? 2u : 1u,
                            .after_purpose = "rolling back the verify script"};
    for (std::size_t at = 0; at < scripts.size();) {
        std::vector<EnvelopedScript> batch;
        std::size_t bytes = 0;
        for (std::size_t i = at; i < scripts.size() && batch.size() < batch_size_.next() &&
                                 bytes < BatchSize::kMostBytes;
             ++i) {
            batch.push_back({&scripts[i], envelope});
            bytes += scripts[i].prepared.executable().size();
        }
        auto ran = run_batch(
            batch, [&](std::size_t i, std::chrono::microseconds took) { passed(at + i, took); });
        if (ran) {
            at += batch.size();
            continue;
        }
        (void)exec(connection_, undo);
        const std::size_t index = at + ran.error().index;
        if (!failed(index, std::move(ran.error().failure)))
            return;
        at = index + 1;
    }
}

}  // namespace pgpm::engine
