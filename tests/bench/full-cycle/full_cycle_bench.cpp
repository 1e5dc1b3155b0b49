// Measures `pgpm test-packages --full-cycle --workspace` on a generated workspace (20 modules of
// 20 changes, cross-module requires) against what the same full cycle costs without pgpm: every
// module, in a fresh database, gets its dependency modules and itself deployed, is verified,
// reverted, deployed again and verified again, and the database is dropped. Baseline P runs each
// script in its own `psql -X -q -1 -f` (what a shell-script harness does); baseline B runs each
// phase's scripts concatenated in one psql (the fewest processes: a lower bound, since pgpm's
// catalog snapshots are work the baselines do not do). Where node and npm are on the PATH, the
// original TypeScript engine (`@pgpmjs/core`) runs the same cycles too. Everything runs against
// one embedded server, every measurement repeated and its median taken. It prints, last, the
// ratios; it asserts no timing: it is a program to run, not a test.
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "files.hpp"
#include "postgres.hpp"
#include "process.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "workspace.hpp"

#ifndef PGPM_BENCH_NODE_CACHE
#error "PGPM_BENCH_NODE_CACHE must be defined by the build (where npm installs @pgpmjs/core)"
#endif

namespace {

namespace fs = std::filesystem;
using namespace pgpm_bench;

struct Options {
    WorkspaceShape workspace{20, 20};
    int runs = 3;
    bool skip_node = false;
};

// Names of the measurements, as the sample table shows them.
constexpr const char* per_script = "P: psql per script";
constexpr const char* per_phase = "B: psql per phase";
constexpr const char* pgpm_jobs_1 = "pgpm test-packages --jobs 1";
constexpr const char* pgpm_jobs_2 = "pgpm test-packages --jobs 2";
constexpr const char* pgpm_default_jobs = "pgpm test-packages (default jobs)";
constexpr const char* original_engine = "original pgpm (@pgpmjs/core)";

// The scripts psql runs for one module's full cycle, in order: per phase, the script files.
struct CycleScripts {
    std::string database;
    std::vector<fs::path> deploy_closure;  // dependency modules, then the module
    std::vector<fs::path> verify;
    std::vector<fs::path> revert;  // reverse plan order
    std::vector<fs::path> deploy;  // the module alone, after its revert
};

CycleScripts cycle_scripts(const GeneratedWorkspace& workspace, int k) {
    const auto& module = workspace.modules[static_cast<std::size_t>(k)];
    CycleScripts scripts;
    scripts.database = "psql_" + module.schema;
    for (const int required : workspace.closure(k)) {
        const auto& other = workspace.modules[static_cast<std::size_t>(required)];
        for (const auto& change : other.changes)
            scripts.deploy_closure.push_back(other.script("deploy", change));
    }
    for (const auto& change : module.changes) {
        scripts.verify.push_back(module.script("verify", change));
        scripts.deploy.push_back(module.script("deploy", change));
        scripts.revert.insert(scripts.revert.begin(), module.script("revert", change));
    }
    return scripts;
}

// The scripts of one phase in one file, for baseline B.
fs::path concatenate(const std::vector<fs::path>& scripts, const fs::path& file) {
    std::string text;
    for (const auto& script : scripts)
        text += read_text(script) + "\n";
    write_text(file, text);
    return file;
}

// The original pgpm engine: `@pgpmjs/core` installed from npm into a cache folder once, driven
// by a small JS program through PgpmPackage's deploy, verify and revert, the way its own
// `pgpm test-packages --full-cycle` drives them (which has no second verify: we add it, as ours
// does it).
class OriginalEngine {
public:
    // Throws, saying why, when node or npm is missing or the install fails.
    OriginalEngine(const fs::path& cache, const fs::path& log) : driver_(cache / "full-cycle.js") {
        if (!on_path("node") || !on_path("npm"))
            throw std::runtime_error("node or npm is not on the PATH");
        if (!fs::exists(cache / "node_modules" / "@pgpmjs" / "core" / "package.json")) {
            std::cerr << fmt::format("installing @pgpmjs/core into {} with npm...\n",
                                     cache.string());
            fs::create_directories(cache);
            run_logged(
                {"npm", "install", "--prefix", cache.string(), "--no-audit", "--no-fund",
                 "--loglevel=error", "@pgpmjs/core", "@pgpmjs/env", "pg-env", "pg-cache", "pg"},
                log);
        }
        write_text(driver_, driver_source);
    }

    // One full cycle of every module; the driver's last line names how many passed.
    Finished run(const GeneratedWorkspace& workspace, const fs::path& log) const {
        const auto finished =
            run_logged({"node", driver_.string(), workspace.root.string(), "node_"}, log);
        const auto expected = fmt::format("{} passed", workspace.modules.size());
        if (last_line(read_text(log)) != expected)
            throw std::runtime_error(fmt::format(
                "the original pgpm did not print `{}`; it printed:\n{}", expected, read_text(log)));
        return finished;
    }

private:
    static std::string last_line(const std::string& text) {
        const auto end = text.find_last_not_of("\r\n");
        if (end == std::string::npos)
            return "";
        const auto start = text.rfind('\n', end);
        return text.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start + 1));
    }

    // Each module in a fresh database, as its test-packages does (recursive deploy and revert:
    // the module with its dependency modules); the database dropped with its sessions, which
    // pg-cache's pools keep open.
    static constexpr const char* driver_source = R"JS(// Written by pgpm_bench_full_cycle.
'use strict';
const { PgpmPackage } = require('@pgpmjs/core');
const { getEnvOptions } = require('@pgpmjs/env');
const { getPgEnvOptions } = require('pg-env');
const { teardownPgPools } = require('pg-cache');
const { Client } = require('pg');

async function onMaintenanceDatabase(sql) {
  const client = new Client(getPgEnvOptions({ database: 'postgres' }));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function fullCycle(workspace, root, name, database) {
  await onMaintenanceDatabase(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await onMaintenanceDatabase(`CREATE DATABASE "${database}"`);
  // pg-cache builds a postgres:// URL from the settings; a Unix socket folder as PGHOST must be
  // percent-encoded in it to stay a socket path.
  const pg = getPgEnvOptions({ database });
  if (pg.host && pg.host.startsWith('/'))
    pg.host = encodeURIComponent(pg.host);
  const options = getEnvOptions({
    pg,
    deployment: { useTx: true, fast: false, usePlan: true, cache: false, logOnly: false },
  }, root);
  await workspace.deploy(options, name, true);
  await workspace.verify(options, name, true);
  await workspace.revert(options, name, true);
  await workspace.deploy(options, name, true);
  await workspace.verify(options, name, true);
  await onMaintenanceDatabase(`DROP DATABASE "${database}" WITH (FORCE)`);
}

async function main() {
  const [root, prefix] = process.argv.slice(2);
  const workspace = new PgpmPackage(root);
  const modules = await workspace.getModules();
  for (const module of modules) {
    const name = module.getModuleName();
    const database = (prefix + name).replace(/[^a-zA-Z0-9]/g, '_').toLowerCase();
    await fullCycle(workspace, root, name, database);
  }
  await teardownPgPools();
  console.log(`${modules.length} passed`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error((error && error.stack) || error);
    process.exit(1);
  });
)JS";

    fs::path driver_;
};

class Bench {
public:
    Bench(Options options, const fs::path& dir)
        : options_(options), psql_(find_psql()), dir_(dir), log_(dir / "last-run.log") {}

    // Generates the workspace and the baselines' files, proves pgpm accepts the workspace, then
    // measures `runs` rounds after a discarded warm-up (which fills the page cache and, for the
    // original engine, proves that its driver works before anything is timed).
    void measure() {
        workspace_ = generate_workspace(dir_ / "workspace", options_.workspace);
        run_logged({PGPM_PATH, "-C", workspace_.root.string(), "check", "--workspace"}, log_);
        prepare_baselines();
        std::cerr << fmt::format(
            "pgpm {}\npsql {}\n{} modules x {} changes, {} runs after a warm-up\n", PGPM_PATH,
            psql_, options_.workspace.modules, options_.workspace.changes, options_.runs);
        announce_round(0, options_.runs);
        pgpm_full_cycle({"--jobs", "1"});
        prepare_original_engine();

        for (int round = 1; round <= options_.runs; ++round) {
            announce_round(round, options_.runs);
            measure_round();
        }
    }

    void print() const {
        print_samples(samples_, options_.runs);
        const auto ms = [this](const char* name) { return median_ms(samples_, name); };
        const auto ratio = [](double value) { return fmt::format("{:.2f}", value); };
        const auto figure = [](const std::string& label, const std::string& value,
                               const std::string& note) { print_figure(label, value, note, 60); };
        const double p = ms(per_script);
        const double b = ms(per_phase);
        const double jobs_1 = ms(pgpm_jobs_1);

        std::cout << fmt::format("\nThe figures: {} modules x {} changes, medians of {} runs\n",
                                 options_.workspace.modules, options_.workspace.changes,
                                 options_.runs);
        figure("P = psql -X -q -1 -f once per script", fmt::format("{:.0f} ms", p),
               fmt::format("{} psql processes", processes_per_script_));
        figure("B = psql once per phase (fewest processes)", fmt::format("{:.0f} ms", b),
               fmt::format("{} psql processes", processes_per_phase_));
        figure("pgpm test-packages --full-cycle --workspace --jobs 1 / P", ratio(jobs_1 / p),
               "target <= 0.2");
        figure("pgpm test-packages --full-cycle --workspace --jobs 1 / B", ratio(jobs_1 / b),
               "target <= 1.5 (TypeScript pgpm: about 1.9-2.0)");
        figure("--jobs 2 speed-up over --jobs 1", ratio(jobs_1 / ms(pgpm_jobs_2)), "");
        if (samples_.count(original_engine) == 0) {
            figure("pgpm test-packages (default jobs) / original pgpm", "skipped",
                   original_engine_missing_);
            return;
        }
        const double original = ms(original_engine);
        figure("original pgpm (@pgpmjs/core) / B", ratio(original / b), "");
        figure("pgpm test-packages --full-cycle --workspace / original pgpm",
               ratio(ms(pgpm_default_jobs) / original), "target <= 0.5 (default jobs)");
    }

private:
    // Writes B's concatenated files and counts both baselines' processes.
    void prepare_baselines() {
        for (int k = 0; k < options_.workspace.modules; ++k) {
            const auto scripts = cycle_scripts(workspace_, k);
            const auto folder = dir_ / "baseline" / scripts.database;
            cycles_.push_back(scripts);
            concatenated_.push_back({scripts.database,
                                     {concatenate(scripts.deploy_closure, folder / "closure.sql")},
                                     {concatenate(scripts.verify, folder / "verify.sql")},
                                     {concatenate(scripts.revert, folder / "revert.sql")},
                                     {concatenate(scripts.deploy, folder / "deploy.sql")}});
        }
        processes_per_script_ = count_processes(cycles_);
        processes_per_phase_ = count_processes(concatenated_);
    }

    // The psql runs of one full cycle per module: create, five phases (verify twice), drop.
    static std::size_t count_processes(const std::vector<CycleScripts>& cycles) {
        std::size_t count = 0;
        for (const auto& cycle : cycles)
            count += 2 + cycle.deploy_closure.size() + 2 * cycle.verify.size() +
                     cycle.revert.size() + cycle.deploy.size();
        return count;
    }

    void prepare_original_engine() {
        if (options_.skip_node) {
            original_engine_missing_ = "--skip-node";
            return;
        }
        try {
            original_.emplace(PGPM_BENCH_NODE_CACHE, log_);
            original_->run(workspace_, log_);  // the warm-up, and proof that the driver works
        } catch (const std::exception& error) {
            give_up_original_engine(error);
        }
    }

    // Each measurement starts from a checkpoint, so that none pays for writing out the buffers
    // the one before it dirtied (P leaves many): the order of the measurements does not matter.
    void measure_round() {
        settle();
        samples_[per_script].push_back(psql_cycles(cycles_));
        settle();
        samples_[per_phase].push_back(psql_cycles(concatenated_));
        settle();
        samples_[pgpm_jobs_1].push_back(pgpm_full_cycle({"--jobs", "1"}));
        settle();
        samples_[pgpm_jobs_2].push_back(pgpm_full_cycle({"--jobs", "2"}));
        settle();
        samples_[pgpm_default_jobs].push_back(pgpm_full_cycle({}));
        if (!original_)
            return;
        try {
            settle();
            samples_[original_engine].push_back(original_->run(workspace_, log_));
        } catch (const std::exception& error) {
            give_up_original_engine(error);
        }
    }

    // The original engine is an extra: when it fails, its figure is skipped, not the benchmark
    // (an interruption still ends everything).
    void give_up_original_engine(const std::exception& error) {
        if (interrupted)
            throw;
        original_.reset();
        samples_.erase(original_engine);
        const std::string why = error.what();
        original_engine_missing_ = why.substr(0, why.find('\n'));
        std::cerr << "skipping the original pgpm: " << why << '\n';
    }

    // Every module's full cycle through psql, one process per script file; the wall time of all.
    // ON_ERROR_STOP makes a failing script fail its psql, and run_logged throws on that.
    Finished psql_cycles(const std::vector<CycleScripts>& cycles) const {
        Finished total;
        const auto add = [&total](const Finished& finished) {
            total.seconds += finished.seconds;
            total.cpu_seconds += finished.cpu_seconds;
        };
        for (const auto& cycle : cycles) {
            add(psql_command("postgres", fmt::format("CREATE DATABASE {}", cycle.database)));
            for (const auto* phase : {&cycle.deploy_closure, &cycle.verify, &cycle.revert,
                                      &cycle.deploy, &cycle.verify})
                for (const auto& script : *phase)
                    add(psql_file(cycle.database, script));
            add(psql_command("postgres", fmt::format("DROP DATABASE {}", cycle.database)));
        }
        return total;
    }

    Finished psql_file(const std::string& database, const fs::path& script) const {
        return run_logged({psql_, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", database, "-f",
                           script.string()},
                          log_);
    }

    void settle() const {
        if (psql_command("postgres", "CHECKPOINT").exit_code != 0)
            throw std::runtime_error("CHECKPOINT failed: " + read_text(log_));
    }

    Finished psql_command(const std::string& database, const std::string& sql) const {
        return run_logged({psql_, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql},
                          log_);
    }

    // A run that did not test every module would make a fine-looking ratio: besides its exit
    // status, its closing line must count them all as passed.
    Finished pgpm_full_cycle(const std::vector<std::string>& jobs) const {
        std::vector<std::string> argv{PGPM_PATH,       "-C",           workspace_.root.string(),
                                      "test-packages", "--full-cycle", "--workspace"};
        argv.insert(argv.end(), jobs.begin(), jobs.end());
        const auto finished = run_logged(argv, log_);
        const auto expected = fmt::format("{} passed, 0 failed", options_.workspace.modules);
        if (read_text(log_).find(expected) == std::string::npos)
            throw std::runtime_error(fmt::format("`{}` did not print `{}`; it printed:\n{}",
                                                 join(argv), expected, read_text(log_)));
        return finished;
    }

    Options options_;
    std::string psql_;
    fs::path dir_;
    fs::path log_;
    GeneratedWorkspace workspace_;
    std::vector<CycleScripts> cycles_;        // P: one file per script
    std::vector<CycleScripts> concatenated_;  // B: one file per phase
    std::size_t processes_per_script_ = 0;
    std::size_t processes_per_phase_ = 0;
    std::optional<OriginalEngine> original_;
    std::string original_engine_missing_;
    Samples samples_;
};

Options parse_options(int argc, char** argv) {
    Options options;
    parse_command_line(argc, argv,
                       {{"--modules", &options.workspace.modules, 1},
                        {"--changes", &options.workspace.changes, 2},
                        {"--runs", &options.runs, 1}},
                       {{"--skip-node", &options.skip_node}});
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main([&] {
        const auto options = parse_options(argc, argv);
        TempDir dir("pgpm-bench-full-cycle");
        Bench bench(options, dir.path());
        with_embedded_server(PGPM_PATH, dir.path() / "server", [&] { bench.measure(); });
        bench.print();
    });
}
