// The run's advisory lock between two sessions on one database.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "db/advisory_lock.hpp"
#include "db/transaction.hpp"
#include "test_server.hpp"

namespace pgpm::db {
namespace {

using namespace std::chrono_literals;
using test::ScratchDatabase;

std::string setting(Connection& connection, const char* name) {
    auto shown = connection.exec(std::string("SHOW ") + name);
    return shown ? std::string(shown->get(0, 0)) : "error: " + shown.error().message;
}

TEST(DbAdvisoryLock, SecondSessionCannotTakeItAndSeesTheHolder) {
    ScratchDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    auto held = AdvisoryLock::try_acquire(first);
    ASSERT_TRUE(held) << held.error().message;
    ASSERT_TRUE(*held);

    auto refused = AdvisoryLock::try_acquire(second);
    ASSERT_TRUE(refused) << refused.error().message;
    EXPECT_FALSE(*refused);

    auto holder = find_lock_holder(second);
    ASSERT_TRUE(holder) << holder.error().message;
    ASSERT_TRUE(*holder);
    EXPECT_EQ((*holder)->pid, first.backend_pid());
    EXPECT_EQ((*holder)->application_name, "pgpm");
    EXPECT_FALSE((*holder)->user_name.empty());
    EXPECT_EQ((*holder)->client_addr, "") << "a unix-socket session";
    EXPECT_EQ((*holder)->backend_start.size(), 20U) << (*holder)->backend_start;

    auto self = find_lock_holder(first);
    ASSERT_TRUE(self);
    EXPECT_FALSE(*self) << "our own session is not a holder to wait for";
}

TEST(DbAdvisoryLock, ShowsInPgLocksUnderItsDocumentedKey) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto held = AdvisoryLock::try_acquire(connection);
    ASSERT_TRUE(held && *held);
    auto locks = connection.exec(
        "SELECT (classid::bigint << 32 | objid::bigint)::text FROM pg_locks "
        "WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objsubid = 1");
    ASSERT_TRUE(locks) << locks.error().message;
    ASSERT_EQ(locks->rows(), 1);
    EXPECT_EQ(locks->get(0, 0), std::to_string(kMigrationLockKey));
}

TEST(DbAdvisoryLock, WaitNamesTheHolderThenTimesOut) {
    ScratchDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    auto held = AdvisoryLock::acquire(first, 1s, {});
    ASSERT_TRUE(held);

    std::optional<LockHolder> announced;
    const auto started = std::chrono::steady_clock::now();
    auto waited =
        AdvisoryLock::acquire(second, 1s, [&](const LockHolder& holder) { announced = holder; });
    const auto elapsed = std::chrono::steady_clock::now() - started;

    ASSERT_TRUE(announced);
    EXPECT_EQ(announced->pid, first.backend_pid());
    ASSERT_FALSE(waited);
    const auto* timeout = std::get_if<LockTimeout>(&waited.error());
    ASSERT_NE(timeout, nullptr);
    EXPECT_EQ(timeout->timeout, 1s);
    EXPECT_EQ(timeout->waiting_pid, second.backend_pid());
    ASSERT_TRUE(timeout->holder);
    EXPECT_EQ(timeout->holder->pid, first.backend_pid());
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 5s);
    EXPECT_FALSE(second.in_transaction());
    EXPECT_EQ(setting(second, "lock_timeout"), "0") << "the wait's setting does not stay";
}

TEST(DbAdvisoryLock, StatementTimeoutDoesNotCutTheWaitShort) {
    ScratchDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    auto held = AdvisoryLock::try_acquire(first);
    ASSERT_TRUE(held && *held);
    ASSERT_TRUE(second.exec("SET statement_timeout = '200ms'"));

    auto waited = AdvisoryLock::acquire(second, 1s, {});
    ASSERT_FALSE(waited);
    EXPECT_TRUE(std::holds_alternative<LockTimeout>(waited.error()));
    EXPECT_EQ(setting(second, "statement_timeout"), "200ms");
}

TEST(DbAdvisoryLock, ReleasingLetsTheWaiterIn) {
    ScratchDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    auto held = AdvisoryLock::try_acquire(first);
    ASSERT_TRUE(held && *held);

    bool announced = false;
    std::thread releaser([&] {
        std::this_thread::sleep_for(300ms);
        EXPECT_TRUE((*held)->release());
    });
    auto waited = AdvisoryLock::acquire(second, 0ms, [&](const LockHolder&) { announced = true; });
    releaser.join();
    ASSERT_TRUE(waited) << "the lock was free after 300 ms";
    EXPECT_TRUE(announced);
    EXPECT_FALSE(second.in_transaction());

    auto refused = AdvisoryLock::try_acquire(first);
    ASSERT_TRUE(refused);
    EXPECT_FALSE(*refused) << "the waiter holds it now, past its wait's transaction";
}

TEST(DbAdvisoryLock, DestructionReleases) {
    ScratchDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    {
        auto held = AdvisoryLock::try_acquire(first);
        ASSERT_TRUE(held && *held);
    }
    auto taken = AdvisoryLock::try_acquire(second);
    ASSERT_TRUE(taken);
    EXPECT_TRUE(*taken);
}

TEST(DbAdvisoryLock, ReleaseSaysWhenAScriptAlreadyDroppedIt) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto held = AdvisoryLock::try_acquire(connection);
    ASSERT_TRUE(held && *held);
    ASSERT_TRUE(connection.exec("DISCARD ALL"));
    auto released = (*held)->release();
    ASSERT_FALSE(released);
    EXPECT_NE(released.error().message.find("no longer held"), std::string::npos);
}

TEST(DbAdvisoryLock, RefusedInsideATransaction) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto transaction = Transaction::begin(connection);
    ASSERT_TRUE(transaction);
    auto refused = AdvisoryLock::acquire(connection, 1s, {});
    ASSERT_FALSE(refused);
    const auto* error = std::get_if<SqlError>(&refused.error());
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->sqlstate, "25001");
}

}  // namespace
}  // namespace pgpm::db
