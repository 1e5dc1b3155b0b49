// Measures what pgpm's deploy, revert and verify cost on top of the SQL they run. One module of
// N tiny changes (change 0 `CREATE SCHEMA s`, then `CREATE TABLE s.t_i (id int primary key)`, each
// depending on the one before) is run by pgpm and, as the baseline, by the real psql binary on the
// same scripts concatenated, in one transaction (`psql -X -q -1 -f`). Everything runs against one
// embedded server (`pgpm server start`), each deploy into a freshly created database, every
// measurement repeated and its median taken. It prints, last, the ratios pgpm/psql for
// `deploy --tx all --no-verify`, `deploy --no-verify` (`--tx change`), `revert --all --no-verify`
// and `verify`, pgpm's per-change overhead in ms, and the peak RSS of `pgpm deploy` for 10000
// changes. It asserts no timing: it is a program to run, not a test.
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "files.hpp"
#include "postgres.hpp"
#include "process.hpp"
#include "report.hpp"
#include "runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pgpm_bench;

constexpr const char* database = "pgpm_bench";

struct Options {
    int changes = 1000;
    int rss_changes = 10000;
    int runs = 5;
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
            announce_round(round, options_.runs);
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
        const auto ms = [this](const std::string& name) { return median_ms(samples_, name); };
        print_samples(samples_, options_.runs);

        const int n = options_.changes;
        const double base = ms("psql deploy (B)");
        const auto ratio = [&](const std::string& name, double baseline) {
            return fmt::format("{:.2f}", ms(name) / baseline);
        };
        const auto overhead = [&](const std::string& name) {
            return fmt::format("{:.3f} ms", (ms(name) - base) / n);
        };
        std::cout << fmt::format("\nThe figures: N = {} changes, medians of {} runs\n", n,
                                 options_.runs);
        print_figure("B = psql -X -q -1 -f of all deploy scripts", fmt::format("{:.1f} ms", base),
                     "");
        print_figure("pgpm deploy --tx all --no-verify / B",
                     ratio("pgpm deploy --tx all --no-verify", base), "target <= 1.2");
        print_figure("pgpm deploy --no-verify (--tx change) / B",
                     ratio("pgpm deploy --no-verify", base),
                     "target <= 1.5 (TypeScript pgpm: 1.67)");
        print_figure("pgpm revert --all --no-verify / psql reverts",
                     ratio("pgpm revert --all --no-verify", ms("psql revert")), "target <= 1.5");
        print_figure("pgpm verify / psql verifies", ratio("pgpm verify", ms("psql verify")), "");
        print_figure("per-change overhead (pgpm - B) / N, --tx change",
                     overhead("pgpm deploy --no-verify"),
                     "target <= 0.3 ms (TypeScript pgpm: about 1.4 ms)");
        print_figure("per-change overhead (pgpm - B) / N, --tx all",
                     overhead("pgpm deploy --tx all --no-verify"), "");
        print_figure(
            fmt::format("peak RSS of pgpm deploy, N = {}", options_.rss_changes),
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
    Samples samples_;
    Finished large_deploy_;
    long own_peak_rss_kib_ = 0;
};

Options parse_options(int argc, char** argv) {
    Options options;
    parse_command_line(argc, argv,
                       {{"--changes", &options.changes, 2},
                        {"--rss-changes", &options.rss_changes, 2},
                        {"--runs", &options.runs, 1}});
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main([&] {
        const auto options = parse_options(argc, argv);
        TempDir dir("pgpm-bench-deploy");
        Bench bench(options, dir.path());
        with_embedded_server(PGPM_PATH, dir.path() / "server", [&] { bench.measure(dir.path()); });
        bench.print();
    });
}
