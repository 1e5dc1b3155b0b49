#pragma once

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <boost/process/extend.hpp>

#include "server/server_account.hpp"

namespace pgpm::server {

// How a server program relates to the tool.
enum class ChildLifetime {
    // Dies with the tool (parent-death signal) and sits in its own process group, so a
    // terminal's Ctrl-C reaches only the tool, which stops it in order.
    with_tool,
    // Its own session and no parent-death signal: it outlives the tool.
    detached,
};

// A Boost.Process handler run in the child between fork and exec. Only async-signal-safe calls
// belong here: the tool may have threads.
struct ChildSetup : boost::process::extend::handler {
    ServerAccount account;
    ChildLifetime lifetime = ChildLifetime::with_tool;
    int output_fd = -1;  // receives stdout and stderr; stdin is /dev/null
    pid_t tool_pid = 0;

    template <typename Executor>
    void on_exec_setup(Executor& exec) const {
        for (int number : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE}) {
            ::signal(number, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);

        const bool grouped =
            lifetime == ChildLifetime::with_tool ? ::setpgid(0, 0) == 0 : ::setsid() != -1;
        if (!grouped) {
            fail(exec, errno, "cannot detach the server from the tool's terminal");
        }
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd == -1 || ::dup2(null_fd, STDIN_FILENO) == -1 ||
            ::dup2(output_fd, STDOUT_FILENO) == -1 || ::dup2(output_fd, STDERR_FILENO) == -1) {
            fail(exec, errno, "cannot redirect the server's input and output");
        }
        if (null_fd > STDERR_FILENO) {
            ::close(null_fd);
        }
        close_other_descriptors_on_exec();
        if (account.switch_user && (::setgroups(1, &account.gid) != 0 ||
                                    ::setgid(account.gid) != 0 || ::setuid(account.uid) != 0)) {
            fail(exec, errno, "cannot switch to the server's account");
        }
        // After setuid: changing credentials clears the parent-death signal. SIGQUIT is
        // PostgreSQL's immediate shutdown: children stopped at once, shared memory released.
        if (lifetime == ChildLifetime::with_tool &&
            (::prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0 || ::getppid() != tool_pid)) {
            fail(exec, ESRCH, "the tool ended while starting the server");
        }
    }

private:
    // The server would hold every inherited descriptor for its whole life: a pipe its caller
    // reads to the end (ctest, `$(pgpm server start ...)`) would never end. Closing at exec
    // rather than now keeps Boost.Process's error pipe working until then.
    static void close_other_descriptors_on_exec() {
        if (::close_range(STDERR_FILENO + 1, ~0U, CLOSE_RANGE_CLOEXEC) == 0) {
            return;
        }
        // Kernels before 5.11.
        for (int fd = STDERR_FILENO + 1; fd < kMaxInheritedDescriptor; ++fd) {
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
    }

    static constexpr int kMaxInheritedDescriptor = 65536;

    template <typename Executor>
    static void fail(Executor& exec, int error, const char* what) {
        exec.set_error(std::error_code(error, std::system_category()), what);
        ::_exit(127);
    }
};

}  // namespace pgpm::server
