#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

// SPEC §2: deploy and revert hold a session advisory lock on the target database for the whole
// run; a second runner waits, saying for which backend, up to a timeout.
namespace pgpm::db {

// The first 8 bytes of SHA-256("pgpm_migrate") as a big-endian signed integer: derived from a
// name so that no other tool is likely to use it, and fixed forever so that every pgpm version
// excludes every other. pg_locks shows it as classid 3954351645, objid 1190386155, objsubid 1.
inline constexpr std::int64_t kMigrationLockKey = static_cast<std::int64_t>(0xebb29e1d46f3d9ebULL);

// The session holding the lock, as far as our role may see it: pg_stat_activity hides the
// details of other roles' sessions from roles without pg_read_all_stats (the pid stays).
struct LockHolder {
    int pid = 0;
    std::string application_name;
    std::string user_name;
    std::string client_addr;    // empty for a unix-socket session
    std::string backend_start;  // when its session began, "YYYY-MM-DDThh:mm:ssZ"
};

struct LockTimeout {
    std::chrono::milliseconds timeout{0};
    int waiting_pid = 0;               // our backend
    std::optional<LockHolder> holder;  // who held the lock when we gave up, unless it is gone
};

using LockError = std::variant<LockTimeout, SqlError>;
using LockWaitCallback = std::function<void(const LockHolder& holder)>;

// The held lock; released on destruction. The connection must outlive it and not be moved.
class AdvisoryLock {
public:
    // Takes the lock if it is free. Otherwise calls `on_wait` (when set) with the holder and
    // waits in the server's lock queue for up to `timeout` (zero or less: forever); the session's
    // statement_timeout does not cut the wait short. Must be called outside a transaction.
    static tl::expected<AdvisoryLock, LockError> acquire(Connection& connection,
                                                         std::chrono::milliseconds timeout,
                                                         const LockWaitCallback& on_wait);

    // Takes the lock if it is free, without waiting; nullopt when another session holds it.
    static tl::expected<std::optional<AdvisoryLock>, SqlError> try_acquire(Connection& connection);

    AdvisoryLock(AdvisoryLock&& other) noexcept;
    AdvisoryLock& operator=(AdvisoryLock&&) = delete;
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;
    // Errors are ignored: a broken connection's session, and with it the lock, is gone.
    ~AdvisoryLock();

    // An error too when the session no longer held the lock (a script ran DISCARD ALL or
    // pg_advisory_unlock_all()), so that the caller can warn that the run was unprotected.
    tl::expected<void, SqlError> release();

private:
    explicit AdvisoryLock(Connection& connection) : connection_(&connection) {}

    Connection* connection_;  // null once released
};

// Another session holding the lock in the connection's database, if any.
tl::expected<std::optional<LockHolder>, SqlError> find_lock_holder(Connection& connection);

}  // namespace pgpm::db
