#include "db/advisory_lock.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <utility>

#include "db/transaction.hpp"

namespace pgpm::db {

namespace {

const std::string kKey = std::to_string(kMigrationLockKey);

// pg_locks shows a bigint key split in halves: the high one as classid, the low one as objid.
const std::string kKeyHigh = std::to_string(static_cast<std::uint64_t>(kMigrationLockKey) >> 32);
const std::string kKeyLow =
    std::to_string(static_cast<std::uint64_t>(kMigrationLockKey) & 0xffffffffULL);

SqlError client_error(std::string sqlstate, std::string message) {
    SqlError error;
    error.severity = "ERROR";
    error.sqlstate = std::move(sqlstate);
    error.message = std::move(message);
    return error;
}

// SET LOCAL keeps the caller's settings: they come back when the transaction ends, and a session
// lock taken inside a transaction outlives it whether it commits or not.
std::string wait_statement(std::chrono::milliseconds timeout) {
    // lock_timeout takes milliseconds up to INT_MAX; 0 disables it.
    const auto milliseconds =
        std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, INT_MAX);
    return "SET LOCAL lock_timeout = " + std::to_string(milliseconds) +
           "; SET LOCAL statement_timeout = 0; SELECT pg_advisory_lock(" + kKey + ")";
}

}  // namespace

tl::expected<AdvisoryLock, LockError> AdvisoryLock::acquire(Connection& connection,
                                                            std::chrono::milliseconds timeout,
                                                            const LockWaitCallback& on_wait) {
    if (connection.in_transaction()) {
        return tl::unexpected(
            client_error("25001", "pgpm takes its advisory lock outside a transaction"));
    }
    auto taken = try_acquire(connection);
    if (!taken) {
        return tl::unexpected(std::move(taken.error()));
    }
    if (*taken) {
        return std::move(**taken);
    }
    auto holder = find_lock_holder(connection);
    if (!holder) {
        return tl::unexpected(std::move(holder.error()));
    }
    // When the holder let go in between, the wait below returns at once.
    if (*holder && on_wait) {
        on_wait(**holder);
    }
    auto transaction = Transaction::begin(connection);
    if (!transaction) {
        return tl::unexpected(std::move(transaction.error()));
    }
    auto waited = connection.exec(wait_statement(timeout));
    if (!waited) {
        if (waited.error().sqlstate != "55P03") {
            return tl::unexpected(std::move(waited.error()));
        }
        (void)transaction->rollback();
        auto last_holder = find_lock_holder(connection);
        return tl::unexpected(LockTimeout{timeout, connection.backend_pid(),
                                          last_holder ? *last_holder : std::nullopt});
    }
    AdvisoryLock lock(connection);
    if (auto committed = transaction->commit(); !committed) {
        return tl::unexpected(std::move(committed.error()));
    }
    return lock;
}

tl::expected<std::optional<AdvisoryLock>, SqlError> AdvisoryLock::try_acquire(
    Connection& connection) {
    auto taken = connection.exec("SELECT pg_try_advisory_lock(" + kKey + ")");
    if (!taken) {
        return tl::unexpected(std::move(taken.error()));
    }
    if (taken->get(0, 0) != "t") {
        return std::nullopt;
    }
    return AdvisoryLock(connection);
}

AdvisoryLock::AdvisoryLock(AdvisoryLock&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

AdvisoryLock::~AdvisoryLock() {
    if (connection_ != nullptr && !connection_->is_broken()) {
        (void)release();
    }
}

tl::expected<void, SqlError> AdvisoryLock::release() {
    auto released =
        std::exchange(connection_, nullptr)->exec("SELECT pg_advisory_unlock(" + kKey + ")");
    if (!released) {
        return tl::unexpected(std::move(released.error()));
    }
    if (released->get(0, 0) != "t") {
        return tl::unexpected(client_error(
            "",
            "pgpm's advisory lock was no longer held: a script released it (DISCARD ALL or "
            "pg_advisory_unlock_all()), so the run was not protected from concurrent runs"));
    }
    return {};
}

tl::expected<std::optional<LockHolder>, SqlError> find_lock_holder(Connection& connection) {
    auto found = connection.exec_params(
        "SELECT l.pid, a.application_name, a.usename, host(a.client_addr),"
        "       to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        "  FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()"
        "   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        "   AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 1"
        " LIMIT 1",
        {kKeyHigh, kKeyLow});
    if (!found) {
        return tl::unexpected(std::move(found.error()));
    }
    if (found->rows() == 0) {
        return std::nullopt;
    }
    LockHolder holder;
    const auto pid = found->get(0, 0);
    std::from_chars(pid.data(), pid.data() + pid.size(), holder.pid);
    holder.application_name = found->get(0, 1);
    holder.user_name = found->get(0, 2);
    holder.client_addr = found->get(0, 3);
    holder.backend_start = found->get(0, 4);
    return holder;
}

}  // namespace pgpm::db
