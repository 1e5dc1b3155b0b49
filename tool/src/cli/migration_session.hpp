#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "cli/exit_code.hpp"
#include "cli/global_options.hpp"
#include "db/advisory_lock.hpp"
#include "db/connection.hpp"
#include "ledger/ledger.hpp"
#include "ledger/schema.hpp"

// The one connection of deploy, verify and revert, with what each needs before it plans: the
// migration lock and an ensured ledger (deploy and revert), and the ledger read once.
namespace pgpm::cli {

struct SessionOptions {
    bool create_database = false;  // --createdb
    // Deploy and revert: take the migration lock, then create or upgrade the ledger under it.
    bool lock_and_ensure_ledger = false;
    std::chrono::seconds lock_timeout{60};  // 0: wait forever
};

class MigrationSession {
public:
    // Prints what went wrong (and the hints) on stderr and returns the exit code on failure.
    static tl::expected<std::unique_ptr<MigrationSession>, ExitCode> open(
        const std::string& target, const SessionOptions& options, const GlobalOptions& global);

    db::Connection& connection() { return connection_; }
    const ledger::LedgerSnapshot& snapshot() const { return *snapshot_; }

    // Releases the lock, warning when a script had released it behind our back.
    void finish();

private:
    explicit MigrationSession(db::Connection connection) : connection_(std::move(connection)) {}

    db::Connection connection_;  // the lock points at it: the session is never moved
    std::optional<db::AdvisoryLock> lock_;
    std::optional<ledger::LedgerSnapshot> snapshot_;
};

}  // namespace pgpm::cli
