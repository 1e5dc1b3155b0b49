#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "engine/change_script.hpp"
#include "engine/script_runner.hpp"

// The transaction modes of deploy and revert (SPEC §3), and what they mean for each change:
// where BEGIN and COMMIT go, and that each change starts from the session's initial settings.
namespace pgpm::engine {

enum class TxMode {
    change,  // each change and its ledger rows commit together
    module,  // each module, with its CREATE EXTENSIONs, is all-or-nothing
    all,     // the whole run is all-or-nothing
};

// How many changes or verify scripts the next message holds. The results of a message arrive
// together (the server sends them as its output buffer fills), so a slow script delays the
// progress lines of the fast ones before it in its message: messages start with one script and
// double while they complete quickly, and start over after a slow one. Also bounded in bytes.
class BatchSize {
public:
    std::size_t next() const { return size_; }
    void completed(std::chrono::microseconds took) {
        size_ = took < kQuick ? std::min(size_ * 2, kMost) : 1;
    }

    static constexpr std::size_t kMost = 128;
    static constexpr std::size_t kMostBytes = 1 << 20;

private:
    static constexpr std::chrono::milliseconds kQuick{100};
    std::size_t size_ = 1;
};

class ChangeRunner {
public:
    ChangeRunner(db::Connection& connection, TxMode mode) : connection_(connection), mode_(mode) {}

    TxMode mode() const { return mode_; }

    // Mark the boundaries of the run and of each module; they begin and commit the transactions
    // the mode asks for.
    tl::expected<void, db::SqlError> begin_run();
    tl::expected<void, db::SqlError> begin_module();
    tl::expected<void, db::SqlError> end_module();
    tl::expected<void, db::SqlError> end_run();
    // After a failure: rolls back whatever transaction is open, so the failed work is undone
    // and the connection is usable for the failure's event.
    void abandon();

    // Runs changes' scripts, each followed by its `ledger_sql` (empty when the rows are written
    // later, with the module's), with RESET ALL and RESET ROLE in between so that the rows are
    // written as the session's own role and the next change starts clean. All in one message,
    // one round trip (run_enveloped_batch); under --tx change each change commits with its rows,
    // and a failure leaves the changes before it committed and never runs those after it.
    // on_done(i, took) is called as change i completes.
    struct ChangeToRun {
        const ChangeScript* script = nullptr;
        std::string ledger_sql;
        std::size_t ledger_statements = 0;  // how many statements ledger_sql holds
    };
    tl::expected<void, BatchFailure> run_changes(std::span<const ChangeToRun> changes,
                                                 const ScriptDone& on_done);
    // How many changes the next message should hold at most (see BatchSize).
    std::size_t batch_size() const { return batch_size_.next(); }

    // A change PostgreSQL refuses inside a transaction block: only under --tx change, statement
    // by statement, then its rows in a transaction of their own.
    tl::expected<void, ScriptFailure> run_non_transactional_change(const ChangeScript& script,
                                                                   std::string_view ledger_sql);

    // Statements of the run's own, such as CREATE EXTENSION, in the current transaction (in
    // autocommit under --tx change).
    tl::expected<void, db::SqlError> run_statements(std::string_view sql);

    // Verify scripts, each in a transaction that is always rolled back (a savepoint inside the
    // run's transaction under --tx all), batched like changes: a failure ends its message, and
    // the scripts after it follow in the next. passed(i, took) is called as script i passes,
    // failed(i, failure) when it fails, once its transaction is rolled back; failed returns
    // whether to go on with the scripts after it.
    void run_verifies(std::span<const ChangeScript> scripts, const ScriptDone& passed,
                      const std::function<bool(std::size_t, ScriptFailure)>& failed);

private:
    bool in_run_transaction() const;

    // Runs a batch and lets its time steer the size of the next.
    tl::expected<void, BatchFailure> run_batch(std::span<const EnvelopedScript> batch,
                                               const ScriptDone& on_done);

    db::Connection& connection_;
    TxMode mode_;
    BatchSize batch_size_;
};

}  // namespace pgpm::engine
