#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>

#include "server/embedded_server.hpp"

namespace pgpm::server::test {

// A private temp root per test, so that stale-cluster scans of other test runs and of other
// programs never meet these clusters. Searchable by all, as /tmp is: a root-run server's
// account must reach its cluster.
class TestRoot {
public:
    TestRoot();
    ~TestRoot();
    TestRoot(const TestRoot&) = delete;
    TestRoot& operator=(const TestRoot&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Options finding the real server programs through this process's PATH.
    ServerOptions options() const;

    // The pgpm-* cluster folders now under the root.
    int cluster_count() const;

private:
    std::filesystem::path path_;
};

// The first value of `sql`'s result, or the connection or query error prefixed by "error: ".
std::string query(const ServerEnv& env, const char* sql);

// Alive and not a zombie (a dead process nobody has reaped yet is gone to us).
bool process_running(pid_t pid);

bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout);

enum class AfterReport { exit, wait_for_kill };

// A forked child and what it reported before exiting or waiting to be killed. It never
// outlives the test: the destructor kills and reaps it unless a wait did.
class ForkedChild {
public:
    ForkedChild(pid_t pid, std::string report) : pid_(pid), report_(std::move(report)) {}
    ForkedChild(const ForkedChild&) = delete;
    ForkedChild& operator=(const ForkedChild&) = delete;
    ~ForkedChild();

    const std::string& report() const { return report_; }

    // Sends `signal` (none when 0), then reaps the child; its wait status.
    int signal_and_wait(int signal);

private:
    pid_t pid_;
    std::string report_;
};

std::string read_to_end(int fd);

// Runs `body` (returning the report) in a forked child, so that the child's death can be
// staged; returns once the report is in.
template <typename Body>
ForkedChild fork_child(Body body, AfterReport after) {
    int fds[2];
    if (::pipe(fds) != 0) {
        return {0, "error: pipe"};
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string report = body();
        [[maybe_unused]] const auto written = ::write(fds[1], report.data(), report.size());
        ::close(fds[1]);
        while (after == AfterReport::wait_for_kill) {
            ::pause();
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    auto report = read_to_end(fds[0]);
    ::close(fds[0]);
    return {pid, std::move(report)};
}

}  // namespace pgpm::server::test
