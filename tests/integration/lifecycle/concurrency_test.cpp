// Two runners on one database: the migration advisory lock makes the second wait, so nothing is
// deployed twice; a runner that cannot get the lock in time gives up with exit 5 and says who
// holds it. And a runner interrupted while the server works for it.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <future>
#include <thread>

#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

// The migration lock (db/advisory_lock.hpp: the first 8 bytes of SHA-256("pgpm_migrate"), fixed
// forever so that every pgpm version excludes every other), spelled out as another tool would.
constexpr auto kTakeMigrationLock = "SELECT pg_advisory_lock(-1462933080360363541)";

// app: c1 ... c5, each requiring the one before; c1 sleeps a little so that the two runs below
// really overlap (a wider window, not a timing assertion).
class ConcurrencyTest : public LifecycleTest {
protected:
    void SetUp() override {
        std::vector<std::string> plan;
        for (int i = 1; i <= 5; ++i) {
            const auto name = "c" + std::to_string(i);
            plan.push_back(i == 1 ? change_line(name)
                                  : change_line(name, {"c" + std::to_string(i - 1)}));
            write_table_change("app", name, name);
            changes.push_back(name);
        }
        write_module("app", "", plan);
        dir.write("packages/app/deploy/c1.sql",
                  "SELECT pg_sleep(0.5);\nCREATE TABLE c1 (id int PRIMARY KEY);\n");
    }

    std::vector<std::string> changes;
};

TEST_F(ConcurrencyTest, TwoDeploysAtOnceDeployEveryChangeOnce) {
    auto first = std::async(std::launch::async, [this] { return pgpm({"deploy", "app"}); });
    auto second = std::async(std::launch::async, [this] { return pgpm({"deploy", "app"}); });
    const auto first_result = first.get();
    const auto second_result = second.get();
    EXPECT_EQ(first_result.exit_code, 0) << first_result.err;
    EXPECT_EQ(second_result.exit_code, 0) << second_result.err;

    EXPECT_EQ(deployed_changes(connection(), "app"), changes);
    for (std::size_t i = 0; i < changes.size(); ++i)
        EXPECT_TRUE(recorded(connection(), dir, "app", changes[i],
                             i == 0 ? std::vector<std::string>{}
                                    : std::vector<std::string>{"app:" + changes[i - 1]}));
    // One deploy event per change: the runner that waited found everything deployed.
    std::vector<std::string> expected;
    for (const auto& change : changes)
        expected.push_back("deploy app:" + change);
    EXPECT_EQ(deploy_and_revert_events(connection()), expected);
}

TEST_F(ConcurrencyTest, LockTimeoutExits5NamingTheHoldingBackend) {
    auto holder = database.connect();
    auto locked = holder.exec(kTakeMigrationLock);
    ASSERT_TRUE(locked) << locked.error().message;

    const auto result = pgpm({"deploy", "app", "--lock-timeout", "1"});
    EXPECT_EQ(result.exit_code, 5) << result.err;
    EXPECT_TRUE(mentions(result.err, std::to_string(holder.backend_pid())));
    // The ledger is created under the lock too: nothing at all happened.
    EXPECT_FALSE(ledger_exists(connection()));
    EXPECT_FALSE(relation_exists(connection(), "public.c1"));
}

// Ctrl-C while the server runs a change: pgpm cancels it (the server rolls it back and skips
// the rest of the batch), reports it like any failure and exits 1; nothing keeps running on the
// server, and the changes before it stay deployed.
TEST_F(LifecycleTest, InterruptCancelsTheChangeTheServerIsRunning) {
    write_module("app", "",
                 {change_line("c1"), change_line("slow", {"c1"}), change_line("c3", {"slow"})});
    write_table_change("app", "c1", "c1");
    write_change("app", "slow", "CREATE TABLE slow (id int);\nSELECT pg_sleep(60);\n",
                 "DROP TABLE slow;\n", "SELECT 1;\n");
    write_table_change("app", "c3", "c3");

    const pid_t pid = start_process(PGPM_EXECUTABLE, {"-d", database.name(), "deploy", "app"},
                                    dir.root(), dir.path("pgpm.err"));

    const auto sleeping = [this] {
        return scalar(connection(),
                      "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                      "AND state = 'active' AND query LIKE '%pg_sleep(60)%'");
    };
    for (int tries = 0; tries < 300 && sleeping() != "1"; ++tries)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(sleeping(), "1") << read("pgpm.err");
    ::kill(pid, SIGINT);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);

    const auto err = read("pgpm.err");
    ASSERT_TRUE(WIFEXITED(status)) << "pgpm ended by a signal\n" << err;
    EXPECT_EQ(WEXITSTATUS(status), 1) << err;
    EXPECT_TRUE(mentions(err, "[57014]"));
    EXPECT_TRUE(mentions(err, "deploy stopped at app:slow"));
    EXPECT_EQ(sleeping(), "0");
    EXPECT_EQ(deployed_changes(connection(), "app"), std::vector<std::string>{"c1"});
    EXPECT_FALSE(relation_exists(connection(), "public.slow"));
    EXPECT_FALSE(relation_exists(connection(), "public.c3"));
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
