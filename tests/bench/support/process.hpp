// Starting programs and timing them, for the benchmarks: wall clock from the start of the process
// to its exit, and the child's own CPU time and peak RSS from wait4.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace pgpm_bench {

struct Finished {
    int exit_code = 0;
    double seconds = 0;      // wall clock
    double cpu_seconds = 0;  // the child's own user and system time, without the server's
    long peak_rss_kib = 0;
};

// Set by SIGINT, SIGTERM and SIGHUP once install_interrupt_handlers ran; run_logged then throws,
// unwinding through the destructors that stop the server and remove the files.
extern volatile std::sig_atomic_t interrupted;

// Installs the handlers that set `interrupted`, and ignores SIGPIPE: output piped into a reader
// that went away (`| head`) must not kill us before the server is stopped.
void install_interrupt_handlers();

// Starts argv (no shell; argv[0] looked up on the PATH when it has no slash) with stdout and
// stderr on the given descriptors (-1: inherited).
pid_t spawn(const std::vector<std::string>& argv, int out_fd, int err_fd);

// Waits for pid. ru_maxrss comes from wait4: on Linux it is at least the spawning process's peak
// RSS (exec records the old, shared address space), so the benchmarks keep themselves small.
Finished wait_for(pid_t pid, std::chrono::steady_clock::time_point started);

// The time includes starting the process, as a user's run would.
Finished run(const std::vector<std::string>& argv, int out_fd, int err_fd);

// Runs argv with its output in `log` (a terminal would slow the programs down and clutter ours);
// a failure, or an interruption while it ran, throws with the command and what it printed.
Finished run_logged(const std::vector<std::string>& argv, const std::filesystem::path& log);

// Runs argv and returns its stdout; its stderr goes to ours. A failure throws.
std::string capture(const std::vector<std::string>& argv);

std::string join(const std::vector<std::string>& argv);

// Whether `program` is an executable file in one of the PATH's folders.
bool on_path(const std::string& program);

// The body of a benchmark's main: installs the interrupt handlers, runs `body`, and turns what it
// throws into a message and an exit status (2 for std::invalid_argument, a bad command line;
// 1 for anything else).
int run_main(const std::function<void()>& body);

}  // namespace pgpm_bench
