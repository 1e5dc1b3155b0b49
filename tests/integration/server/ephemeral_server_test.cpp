#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

#include "server/embedded_server.hpp"
#include "server_test_support.hpp"

namespace pgpm::server {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The child's report: "<postmaster pid> <cluster dir>", or "error: ..." when it cannot start.
std::string describe(const tl::expected<EphemeralServer, ServerError>& server) {
    if (!server) {
        return "error: " + server.error().message;
    }
    return std::to_string(server->info().postmaster_pid) + " " +
           server->info().cluster_dir.string();
}

struct Reported {
    pid_t postmaster = 0;
    fs::path cluster_dir;
};

Reported parse(const std::string& report) {
    Reported reported;
    std::istringstream in(report);
    std::string dir;
    in >> reported.postmaster >> dir;
    reported.cluster_dir = dir;
    return reported;
}

TEST(EphemeralServer, ServesUtf8AndLeavesNothingBehind) {
    const test::TestRoot root;
    pid_t postmaster = 0;
    fs::path cluster_dir;
    {
        auto server = EphemeralServer::start(root.options());
        ASSERT_TRUE(server.has_value()) << server.error().message << "\n" << server.error().hint;
        postmaster = server->info().postmaster_pid;
        cluster_dir = server->info().cluster_dir;

        EXPECT_EQ(test::query(server->env(), "SELECT 1"), "1");
        EXPECT_EQ(test::query(server->env(), "SHOW server_encoding"), "UTF8");
        EXPECT_EQ(test::query(server->env(), "SHOW lc_collate"), "C");
        // The throw-away settings the README documents.
        EXPECT_EQ(test::query(server->env(), "SHOW fsync"), "off");
        EXPECT_EQ(test::query(server->env(), "SHOW shared_buffers"), "32MB");
        EXPECT_EQ(test::query(server->env(), "SELECT current_user"), "postgres");
        EXPECT_EQ(server->env().database, "postgres");
        EXPECT_EQ(fs::path(server->env().host).parent_path(), cluster_dir);
        EXPECT_EQ(cluster_dir.parent_path(), root.path());
        EXPECT_TRUE(test::process_running(postmaster));
        if (::geteuid() == 0) {
            struct stat process {};
            ASSERT_EQ(::stat(("/proc/" + std::to_string(postmaster)).c_str(), &process), 0);
            EXPECT_NE(process.st_uid, 0u) << "the server must not run as root";
        }
    }
    EXPECT_FALSE(test::process_running(postmaster));
    EXPECT_FALSE(fs::exists(cluster_dir));
    EXPECT_TRUE(fs::is_empty(root.path()));
}

TEST(EphemeralServer, DiesWithItsOwnerAndIsReapedByTheNextStart) {
    const test::TestRoot root;
    const auto options = root.options();
    auto child = test::fork_child(
        [&] {
            // Kept alive in the child until SIGKILL ends it.
            static auto server = EphemeralServer::start(options);
            return describe(server);
        },
        test::AfterReport::wait_for_kill);
    const auto orphan = parse(child.report());
    ASSERT_GT(orphan.postmaster, 0) << child.report();
    ASSERT_TRUE(test::process_running(orphan.postmaster));

    child.signal_and_wait(SIGKILL);

    EXPECT_TRUE(test::wait_until_gone(orphan.postmaster, 10s));
    EXPECT_TRUE(fs::exists(orphan.cluster_dir));
    auto next = EphemeralServer::start(options);
    ASSERT_TRUE(next.has_value()) << next.error().message;
    EXPECT_FALSE(fs::exists(orphan.cluster_dir));
    EXPECT_EQ(root.cluster_count(), 1);
}

TEST(EphemeralServer, InterruptStopsAndRemovesItBeforeTheProcessDies) {
    const test::TestRoot root;
    const auto options = root.options();
    auto child = test::fork_child(
        [&] {
            install_interrupt_cleanup();
            // Kept alive in the child until the signal ends it.
            static auto server = EphemeralServer::start(options);
            return describe(server);
        },
        test::AfterReport::wait_for_kill);
    const auto reported = parse(child.report());
    ASSERT_GT(reported.postmaster, 0) << child.report();

    const int status = child.signal_and_wait(SIGINT);

    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "status " << status;
    EXPECT_FALSE(test::process_running(reported.postmaster));
    EXPECT_FALSE(fs::exists(reported.cluster_dir));
    EXPECT_EQ(root.cluster_count(), 0);
}

}  // namespace
}  // namespace pgpm::server
