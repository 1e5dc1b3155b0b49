// Measures what pgpm's deploy, revert and verify cost on top of the SQL they run. One module of
// N tiny changes (change 0 `CREATE SCHEMA s`, then `CREATE TABLE s.t_i (id int primary key)`, each
// depending on the one before) is run by pgpm and, as the baseline, by the real psql binary on the
// same scripts concatenated, in one transaction (`psql -X -q -1 -f`). Everything runs against one
// embedded server (`pgpm server start`), each deploy into a freshly created database, every
// measurement repeated and its median taken. It prints, last, the ratios pgpm/psql for
// `deploy --tx all --no-verify`, `deploy --no-verify` (`--tx change`), `revert --all --no-verify`
// and `verify`, pgpm's per-change overhead in ms, and the peak RSS of `pgpm deploy` for 10000
// changes. It asserts no timing: it is a program to run, not a test.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#ifndef PGPM_PATH
#error "PGPM_PATH must be defined by the build (the pgpm executable under test)"
#endif

extern char** environ;

namespace {

namespace fs = std::filesystem;

constexpr const char* database = "pgpm_bench";

struct Options {
    int changes = 1000;
    int rss_changes = 10000;
    int runs = 5;
};

volatile std::sig_atomic_t interrupted = 0;

// Ctrl-C reaches the child too (same process group); we only note it (and SIGTERM, SIGHUP), and
// the next run_logged throws, unwinding through the destructors that stop the server and remove
// the files.
extern "C" void on_interrupt(int) {
    interrupted = 1;
}

struct Finished {
    int exit_code = 0;
    double seconds = 0;      // wall clock
    double cpu_seconds = 0;  // the child's own user and system time, without the server's
    long peak_rss_kib = 0;
};

// Starts argv (no shell; argv[0] looked up on the PATH when it has no slash) with stdout and
// stderr on the given descriptors (-1: inherited).
pid_t spawn(const std::vector<std::string>& argv, int out_fd, int err_fd) {
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
    // We ignore SIGPIPE (see main); the child gets the default back.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(error)));
    return pid;
}

// Waits for pid. ru_maxrss comes from wait4: on Linux it is at least the spawning process's peak
// RSS (exec records the old, shared address space), so this program keeps itself small.
Finished wait_for(pid_t pid, std::chrono::steady_clock::time_point started) {
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR)
            throw std::runtime_error(fmt::format("wait4: {}", std::strerror(errno)));
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const auto cpu = [](const timeval& time) { return time.tv_sec + time.tv_usec * 1e-6; };
    return {exit_code, elapsed.count(), cpu(usage.ru_utime) + cpu(usage.ru_stime), usage.ru_maxrss};
}

// The time includes starting the process, as a user's run would.
Finished run(const std::vector<std::string>& argv, int out_fd, int err_fd) {
    const auto started = std::chrono::steady_clock::now();
    return wait_for(spawn(argv, out_fd, err_fd), started);
}

std::string join(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& arg : argv)
        text += (text.empty() ? "" : " ") + arg;
    return text;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

// Runs argv with its output in `log` (a terminal would slow both sides down and clutter ours);
// a failure throws with the command and what it printed.
Finished run_logged(const std::vector<std::string>& argv, const fs::path& log) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error(
            fmt::format("cannot open {}: {}", log.string(), std::strerror(errno)));
    Finished finished;
    try {
        finished = run(argv, fd, fd);
    } catch (...) {
        close(fd);
        throw;
    }
    close(fd);
    if (interrupted)
        throw std::runtime_error("interrupted");
    if (finished.exit_code != 0) {
        throw std::runtime_error(fmt::format("`{}` exited with {}; it printed:\n{}", join(argv),
                                             finished.exit_code, read_text(log)));
    }
    return finished;
}

// Runs argv and returns its stdout; its stderr goes to ours.
std::string capture(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    const auto started = std::chrono::steady_clock::now();
    pid_t pid = 0;
    try {
        pid = spawn(argv, pipe_fds[1], -1);
    } catch (...) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw;
    }
    close(pipe_fds[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (n > 0)
            output.append(buffer, static_cast<std::size_t>(n));
        else if (errno != EINTR)
            break;
    }
    close(pipe_fds[0]);
    if (const auto finished = wait_for(pid, started); finished.exit_code != 0) {
        throw std::runtime_error(
            fmt::format("`{}` exited with {}", join(argv), finished.exit_code));
    }
    return output;
}

std::string trim(std::string text) {
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    return text;
}

// The real psql, not Debian's /usr/bin/psql: that is a Perl wrapper costing ~16 ms per start,
// which would flatter pgpm.
std::string find_psql() {
    try {
        const auto from_pg_config = fs::path(trim(capture({"pg_config", "--bindir"}))) / "psql";
        if (fs::exists(from_pg_config) && from_pg_config != "/usr/bin/psql")
            return from_pg_config.string();
    } catch (const std::exception&) {
        // No pg_config on the PATH: look in Debian's versioned folders below.
    }
    fs::path newest;
    int newest_version = -1;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
        const auto candidate = entry.path() / "bin" / "psql";
        const int version = std::atoi(entry.path().filename().c_str());
        if (version > newest_version && fs::exists(candidate)) {
            newest_version = version;
            newest = candidate;
        }
    }
    if (newest.empty())
        throw std::runtime_error("no psql found (pg_config --bindir, /usr/lib/postgresql/*/bin)");
    return newest.string();
}

// A folder of our own under the temp directory, removed at the end, also on failure.
class TempDir {
public:
    TempDir() {
        auto pattern = (fs::temp_directory_path() / "pgpm-bench-deploy-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error(fmt::format("mkdtemp: {}", std::strerror(errno)));
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// The embedded server, started once and stopped by the destructor, also on failure.
class Server {
public:
    explicit Server(fs::path dir) : dir_(std::move(dir)) {
        fs::create_directories(dir_);
        if (run({PGPM_PATH, "-q", "server", "start", "--dir", dir_.string()}, -1, -1).exit_code !=
            0)
            throw std::runtime_error("`pgpm server start` failed");
    }
    ~Server() {
        try {
            run({PGPM_PATH, "-q", "server", "stop", "--dir", dir_.string()}, -1, -1);
        } catch (const std::exception& error) {
            std::cerr << "pgpm_bench_deploy: stopping the server: " << error.what() << '\n';
        }
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Puts the server's PG* settings into our environment, which psql and pgpm inherit.
    void export_settings() const {
        std::istringstream lines(capture({PGPM_PATH, "server", "env", "--dir", dir_.string()}));
        bool host = false;
        for (std::string line; std::getline(lines, line);) {
            line = trim(line);
            if (line.rfind("export ", 0) == 0)
                line.erase(0, 7);
            if (const auto equals = line.find('='); equals != std::string::npos) {
                const auto name = line.substr(0, equals);
                setenv(name.c_str(), line.substr(equals + 1).c_str(), 1);
                host = host || name == "PGHOST";
            }
        }
        if (!host)
            throw std::runtime_error("`pgpm server env` printed no PGHOST");
    }

private:
    fs::path dir_;
};

// The module pgpm runs and the concatenations psql runs, written to `dir`.
struct Workload {
    fs::path module;
    fs::path deploy_all;
    fs::path revert_all;
    fs::path verify_all;
};

std::string change_name(int i) {
    return i == 0 ? "schema" : fmt::format("t_{}", i);
}

// The schema is change 0 so that pgpm and psql do the same work.
std::string deploy_sql(int i) {
    return i == 0 ? "CREATE SCHEMA s;\n"
                  : fmt::format("CREATE TABLE s.t_{} (id int primary key);\n", i);
}
std::string revert_sql(int i) {
    return i == 0 ? "DROP SCHEMA s;\n" : fmt::format("DROP TABLE s.t_{};\n", i);
}
std::string verify_sql(int i) {
    return i == 0 ? "SELECT has_schema_privilege('s', 'usage');\n"
                  : fmt::format("SELECT id FROM s.t_{} WHERE false;\n", i);
}

Workload generate(const fs::path& dir, int changes) {
    Workload workload{dir / "module", dir / "deploy_all.sql", dir / "revert_all.sql",
                      dir / "verify_all.sql"};
    std::string plan = "%syntax-version=1.0.0\n%project=bench\n%uri=bench\n\n";
    std::string deploy_all, revert_all, verify_all;
    for (int i = 0; i < changes; ++i) {
        const auto name = change_name(i);
        // Change i depends on change i-1, so that pgpm resolves dependencies as in a real plan.
        plan += name;
        if (i > 0)
            plan += fmt::format(" [{}]", change_name(i - 1));
        plan += " 2024-01-01T00:00:00Z Bench <bench@example.com>\n";
        write_text(workload.module / "deploy" / (name + ".sql"), deploy_sql(i));
        write_text(workload.module / "revert" / (name + ".sql"), revert_sql(i));
        write_text(workload.module / "verify" / (name + ".sql"), verify_sql(i));
        deploy_all += deploy_sql(i);
        verify_all += verify_sql(i);
        revert_all += revert_sql(changes - 1 - i);  // Reverts run in reverse plan order.
    }
    write_text(workload.module / "bench.control", "# pgpm deploy benchmark\nrequires = ''\n");
    write_text(workload.module / "pgpm.plan", plan);
    write_text(workload.deploy_all, deploy_all);
    write_text(workload.revert_all, revert_all);
    write_text(workload.verify_all, verify_all);
    return workload;
}

double median(const std::vector<Finished>& samples, double Finished::*field) {
    std::vector<double> values;
    for (const auto& sample : samples)
        values.push_back(sample.*field);
    std::sort(values.begin(), values.end());
    const auto middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

class Bench {
public:
    Bench(Options options, const fs::path& dir)
        : options_(options), psql_(find_psql()), log_(dir / "last-run.log") {}

    // Generates the workload, proves pgpm accepts it, then measures `runs` rounds after one
    // discarded warm-up round (which fills the page cache and the server's catalog caches).
    void measure(const fs::path& dir) {
        const auto workload = generate(dir / "n", options_.changes);
        run_logged({PGPM_PATH, "-C", workload.module.string(), "check"}, log_);
        std::cerr << fmt::format("pgpm {}\npsql {}\n{} changes, {} runs after a warm-up\n",
                                 PGPM_PATH, psql_, options_.changes, options_.runs);
        for (int round = 0; round <= options_.runs; ++round) {
            std::cerr << (round == 0 ? "warm-up" : fmt::format("run {}/{}", round, options_.runs))
                      << "...\n";
            measure_round(workload, round > 0);
        }

        const auto large = generate(dir / "rss", options_.rss_changes);
        std::cerr << fmt::format("pgpm deploy of {} changes...\n", options_.rss_changes);
        recreate_database();
        large_deploy_ = pgpm(large, {"deploy"});
        expect_deployed(options_.rss_changes);
        rusage self{};
        getrusage(RUSAGE_SELF, &self);
        own_peak_rss_kib_ = self.ru_maxrss;
    }

    void print() const {
        const auto ms = [this](const std::string& name) {
            return median(samples_.at(name), &Finished::seconds) * 1e3;
        };
        // The client's CPU time does not depend on the server and barely on the machine's load:
        // when the wall-clock ratios are noisy, it still shows what pgpm itself costs.
        std::cout << fmt::format("\n{:<34} {:>10} {:>10} {:>10} {:>12}\n",
                                 fmt::format("ms, {} runs", options_.runs), "median", "min", "max",
                                 "client CPU");
        for (const auto& [name, samples] : samples_) {
            const auto [min, max] = std::minmax_element(
                samples.begin(), samples.end(),
                [](const Finished& a, const Finished& b) { return a.seconds < b.seconds; });
            std::cout << fmt::format("{:<34} {:10.1f} {:10.1f} {:10.1f} {:12.1f}\n", name, ms(name),
                                     min->seconds * 1e3, max->seconds * 1e3,
                                     median(samples, &Finished::cpu_seconds) * 1e3);
        }

        const int n = options_.changes;
        const double base = ms("psql deploy (B)");
        const auto ratio = [&](const std::string& name, double baseline) {
            return fmt::format("{:.2f}", ms(name) / baseline);
        };
        const auto overhead = [&](const std::string& name) {
            return fmt::format("{:.3f} ms", (ms(name) - base) / n);
        };
        const auto figure = [](const std::string& label, const std::string& value,
                               const std::string& note) {
            std::cout << fmt::format("{:<50} {:>10}{}{}\n", label, value, note.empty() ? "" : "  ",
                                     note);
        };
        std::cout << fmt::format("\nThe figures: N = {} changes, medians of {} runs\n", n,
                                 options_.runs);
        figure("B = psql -X -q -1 -f of all deploy scripts", fmt::format("{:.1f} ms", base), "");
        figure("pgpm deploy --tx all --no-verify / B",
               ratio("pgpm deploy --tx all --no-verify", base), "target <= 1.2");
        figure("pgpm deploy --no-verify (--tx change) / B", ratio("pgpm deploy --no-verify", base),
               "target <= 1.5 (TypeScript pgpm: 1.67)");
        figure("pgpm revert --all --no-verify / psql reverts",
               ratio("pgpm revert --all --no-verify", ms("psql revert")), "target <= 1.5");
        figure("pgpm verify / psql verifies", ratio("pgpm verify", ms("psql verify")), "");
        figure("per-change overhead (pgpm - B) / N, --tx change",
               overhead("pgpm deploy --no-verify"),
               "target <= 0.3 ms (TypeScript pgpm: about 1.4 ms)");
        figure("per-change overhead (pgpm - B) / N, --tx all",
               overhead("pgpm deploy --tx all --no-verify"), "");
        figure(fmt::format("peak RSS of pgpm deploy, N = {}", options_.rss_changes),
               fmt::format("{:.1f} MiB", large_deploy_.peak_rss_kib / 1024.0),
               fmt::format("target <= 64 MiB (it took {:.1f} s; the floor, this program's own "
                           "peak RSS: {:.1f} MiB)",
                           large_deploy_.seconds, own_peak_rss_kib_ / 1024.0));
    }

private:
    // One round: psql's deploy, verify and revert, then pgpm's two deploys, verify and revert.
    // Every deploy starts from an empty, freshly created database.
    void measure_round(const Workload& workload, bool record) {
        const int n = options_.changes;
        const auto keep = [&](const std::string& name, const Finished& finished) {
            if (record)
                samples_[name].push_back(finished);
        };

        recreate_database();
        keep("psql deploy (B)", psql(workload.deploy_all));
        expect_deployed(n);
        keep("psql verify", psql(workload.verify_all));
        keep("psql revert", psql(workload.revert_all));
        expect_deployed(0);

        recreate_database();
        keep("pgpm deploy --tx all --no-verify",
             pgpm(workload, {"deploy", "--tx", "all", "--no-verify"}));
        expect_deployed(n);

        recreate_database();
        keep("pgpm deploy --no-verify", pgpm(workload, {"deploy", "--no-verify"}));
        expect_deployed(n);
        keep("pgpm verify", pgpm(workload, {"verify"}));
        keep("pgpm revert --all --no-verify",
             pgpm(workload, {"revert", "--all", "--no-verify", "--yes"}));
        expect_deployed(0);
    }

    Finished psql(const fs::path& script) const {
        return run_logged(
            {psql_, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", script}, log_);
    }

    Finished pgpm(const Workload& workload, const std::vector<std::string>& command) const {
        std::vector<std::string> argv{PGPM_PATH, "-C", workload.module.string(), "-d", database};
        argv.insert(argv.end(), command.begin(), command.end());
        return run_logged(argv, log_);
    }

    std::string query(const std::string& db, const std::string& sql) const {
        return trim(
            capture({psql_, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql}));
    }

    void recreate_database() const {
        run_logged({psql_, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c",
                    fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", database), "-c",
                    fmt::format("CREATE DATABASE {}", database)},
                   log_);
    }

    // A fast run that did not do the work would make a fine-looking ratio: check the outcome.
    void expect_deployed(int changes) const {
        const auto expected = changes == 0 ? std::string("0 0") : fmt::format("1 {}", changes - 1);
        const auto found = query(database,
                                 "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 's') "
                                 "|| ' ' || (SELECT count(*) FROM pg_tables WHERE schemaname = "
                                 "'s')");
        if (found != expected) {
            throw std::runtime_error(fmt::format(
                "expected {} changes deployed (schemas and tables: {}), found {}; the last run "
                "printed:\n{}",
                changes, expected, found, read_text(log_)));
        }
    }

    Options options_;
    std::string psql_;
    fs::path log_;
    std::map<std::string, std::vector<Finished>> samples_;
    Finished large_deploy_;
    long own_peak_rss_kib_ = 0;
};

int parse_count(const char* text, const char* option, long minimum) {
    char* end = nullptr;
    const long value = text == nullptr ? 0 : std::strtol(text, &end, 10);
    if (text == nullptr || *end != '\0' || value < minimum || value > 1'000'000)
        throw std::invalid_argument(
            fmt::format("{} needs a whole number from {}", option, minimum));
    return static_cast<int>(value);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (arg == "--changes")
            options.changes = parse_count(value, "--changes", 2);
        else if (arg == "--rss-changes")
            options.rss_changes = parse_count(value, "--rss-changes", 2);
        else if (arg == "--runs")
            options.runs = parse_count(value, "--runs", 1);
        else
            throw std::invalid_argument(fmt::format(
                "usage: {} [--changes N (1000)] [--rss-changes N (10000)] [--runs N (5)]",
                argv[0]));
        ++i;
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::invalid_argument& error) {
        std::cerr << error.what() << '\n';
        return 2;
    }

    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
    // Output piped into a reader that went away (`| head`) must not kill us before the server
    // is stopped: a failed write is harmless, a left-over server is not.
    signal(SIGPIPE, SIG_IGN);
    // Our own connection settings decide where pgpm connects, not a server folder from outside.
    unsetenv("PGPM_SERVER_DIR");

    try {
        TempDir dir;
        Bench bench(options, dir.path());
        {
            Server server(dir.path() / "server");
            server.export_settings();
            bench.measure(dir.path());
        }
        bench.print();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "pgpm_bench_deploy: " << error.what() << '\n';
        return 1;
    }
}
