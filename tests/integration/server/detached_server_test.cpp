#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <fstream>
#include <sstream>

#include "server/embedded_server.hpp"
#include "server_test_support.hpp"

namespace pgpm::server {
namespace {

namespace fs = std::filesystem;
namespace bp = boost::process;

std::string read_file(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// What a POSIX shell makes of the env file: the four values, one per line.
std::string as_sourced_by_sh(const fs::path& env_file) {
    bp::ipstream out;
    bp::child shell(bp::exe = "/bin/sh",
                    bp::args = {"-c",
                                ". \"$1\" && printf '%s\\n' \"$PGHOST\" \"$PGPORT\" \"$PGUSER\" "
                                "\"$PGDATABASE\"",
                                "sh", env_file.string()},
                    bp::std_out > out);
    std::ostringstream text;
    text << out.rdbuf();
    shell.wait();
    return text.str();
}

TEST(DetachedServer, OutlivesTheToolUntilStopped) {
    const test::TestRoot root;
    // Quotes and spaces, to prove the env file is `eval`-safe.
    auto options = root.options();
    options.temp_root = root.path() / "it's a root";
    fs::create_directory(options.temp_root);
    fs::permissions(options.temp_root, fs::perms::others_exec | fs::perms::group_exec,
                    fs::perm_options::add);
    const auto dir = root.path() / "server dir";

    auto tool = test::fork_child(
        [&] {
            const auto started = start_detached(dir, options);
            return started ? std::to_string(started->postmaster_pid)
                           : "error: " + started.error().message;
        },
        test::AfterReport::exit);
    tool.signal_and_wait(0);
    const pid_t postmaster = std::atoi(tool.report().c_str());
    ASSERT_GT(postmaster, 0) << tool.report();
    EXPECT_TRUE(test::process_running(postmaster));

    const auto env = read_env(dir);
    ASSERT_TRUE(env.has_value()) << env.error().message;
    EXPECT_EQ(test::query(*env, "SELECT 1"), "1");
    EXPECT_EQ(fs::path(env->host).parent_path().parent_path(), options.temp_root);
    EXPECT_EQ(env->port, "5432");
    EXPECT_EQ(env->user, "postgres");
    EXPECT_EQ(env->database, "postgres");
    EXPECT_EQ(read_file(dir / "env"), env_lines(*env));
    EXPECT_EQ(as_sourced_by_sh(dir / "env"),
              env->host + "\n" + env->port + "\n" + env->user + "\n" + env->database + "\n");

    const auto again = start_detached(dir, options);
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(again->postmaster_pid, postmaster) << "a running server is reused";

    const auto cluster_dir = again->cluster_dir;
    ASSERT_TRUE(stop(dir).has_value());
    EXPECT_FALSE(test::process_running(postmaster));
    EXPECT_FALSE(fs::exists(cluster_dir));
    EXPECT_FALSE(fs::exists(dir / "env"));
    EXPECT_TRUE(fs::exists(dir / "server.log"));
    const auto gone = read_env(dir);
    ASSERT_FALSE(gone.has_value());
    EXPECT_NE(gone.error().message.find("no embedded server"), std::string::npos);
    EXPECT_TRUE(stop(dir).has_value()) << "stopping a stopped server is fine";
}

TEST(DetachedServer, DeadClusterIsReapedAndReplaced) {
    const test::TestRoot root;
    const auto options = root.options();
    const auto dir = root.path() / "server";
    const auto first = start_detached(dir, options);
    ASSERT_TRUE(first.has_value()) << first.error().message;

    ::kill(first->postmaster_pid, SIGKILL);
    ::waitpid(first->postmaster_pid, nullptr, 0);
    const auto dead = read_env(dir);
    ASSERT_FALSE(dead.has_value());
    EXPECT_NE(dead.error().message.find("not running"), std::string::npos);

    {
        const auto other = EphemeralServer::start(options);
        ASSERT_TRUE(other.has_value()) << other.error().message;
        EXPECT_FALSE(fs::exists(first->cluster_dir)) << "the next start reaps a dead cluster";
    }

    const auto second = start_detached(dir, options);
    ASSERT_TRUE(second.has_value()) << second.error().message;
    EXPECT_NE(second->postmaster_pid, first->postmaster_pid);
    const auto env = read_env(dir);
    ASSERT_TRUE(env.has_value()) << env.error().message;
    EXPECT_EQ(test::query(*env, "SELECT 1"), "1");
    ASSERT_TRUE(stop(dir).has_value());
    EXPECT_EQ(root.cluster_count(), 0);
}

}  // namespace
}  // namespace pgpm::server
