#include "cli/migration_session.hpp"

#include <iostream>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/database_target.hpp"

namespace pgpm::cli {

namespace {

std::string describe_holder(const db::LockHolder& holder) {
    std::vector<std::string> facts;
    if (!holder.application_name.empty())
        facts.push_back(holder.application_name);
    if (!holder.user_name.empty())
        facts.push_back("user " + holder.user_name);
    if (!holder.backend_start.empty())
        facts.push_back("connected since " + holder.backend_start);
    if (facts.empty())
        return fmt::format("backend {}", holder.pid);
    return fmt::format("backend {} ({})", holder.pid, fmt::join(facts, ", "));
}

}  // namespace

tl::expected<std::unique_ptr<MigrationSession>, ExitCode> MigrationSession::open(
    const std::string& target, const SessionOptions& options, const GlobalOptions& global) {
    auto connection = connect_database(target, options.create_database);
    if (!connection)
        return tl::unexpected(connection.error());
    std::unique_ptr<MigrationSession> session(new MigrationSession(std::move(*connection)));
    auto& db = session->connection_;

    std::optional<ledger::LedgerShape> shape;  // known once the ledger is ensured
    if (options.lock_and_ensure_ledger) {
        const auto announce = [&](const db::LockHolder& holder) {
            std::cerr << "pgpm: waiting for the migration lock on database \"" << db.database_name()
                      << "\", held by " << describe_holder(holder)
                      << (options.lock_timeout.count() > 0
                              ? fmt::format(", for up to {} s", options.lock_timeout.count())
                              : std::string())
                      << '\n';
        };
        auto lock = db::AdvisoryLock::acquire(db, options.lock_timeout, announce);
        if (!lock) {
            if (const auto* timeout = std::get_if<db::LockTimeout>(&lock.error())) {
                std::cerr << "pgpm: error: gave up waiting for the migration lock after "
                          << options.lock_timeout.count() << " s (our backend "
                          << timeout->waiting_pid << ")";
                if (timeout->holder)
                    std::cerr << "; it is held by " << describe_holder(*timeout->holder);
                std::cerr << "\nhint: another deploy or revert is running on this database; "
                             "wait for it, or raise --lock-timeout (0 waits forever)\n";
                return tl::unexpected(exit_lock_timeout);
            }
            std::cerr << "pgpm: error: cannot take the migration lock: "
                      << std::get<db::SqlError>(lock.error()).message << '\n';
            return tl::unexpected(exit_failure);
        }
        session->lock_.emplace(std::move(*lock));
        auto ensured = ledger::ensure_ledger(db);
        if (!ensured) {
            std::cerr << "pgpm: error: cannot create or upgrade the ledger (schema pgpm_migrate): "
                      << ensured.error().message << " [" << ensured.error().sqlstate << "]\n";
            return tl::unexpected(exit_failure);
        }
        if (ensured->warning && !global.quiet)
            std::cerr << "pgpm: warning: " << ensured->warning->message << '\n';
        shape = ensured->shape;
    }
    auto snapshot = shape ? ledger::read_ledger(db, *shape) : ledger::read_ledger(db);
    if (!snapshot) {
        std::cerr << "pgpm: error: cannot read the ledger: " << snapshot.error().message << '\n';
        return tl::unexpected(exit_failure);
    }
    session->snapshot_.emplace(std::move(*snapshot));
    return session;
}

void MigrationSession::finish() {
    if (!lock_)
        return;
    if (auto released = lock_->release(); !released) {
        std::cerr << "pgpm: warning: the migration lock was no longer held when the run ended ("
                  << released.error().message
                  << "): a script released it (DISCARD ALL, pg_advisory_unlock_all()), so "
                     "another runner could have run meanwhile\n";
    }
    lock_.reset();
}

}  // namespace pgpm::cli
