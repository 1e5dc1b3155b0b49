// Measures what pgpm's CMake package costs a consumer project. First, configure time: a project
// that calls `pgpm_add_workspace` on a generated workspace of 300 modules of 10 changes, against
// the same project without that call, both configured fresh (`cmake -G Ninja`, the build folder
// deleted before each run); the difference per module is what the package adds. Second, test
// scheduling: on a workspace of 30 modules, `ctest -j 2` of the full-cycle tests (with the
// embedded-server fixture they require) against `pgpm test-packages --full-cycle --workspace
// --jobs 2 --ephemeral` (the runner's own scheduler, with its own server): both start one server.
// Medians of several runs; it prints, last, the figures and asserts no timing: it is a program to
// run, not a test.
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "files.hpp"
#include "process.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "workspace.hpp"

#ifndef PGPM_BUILD_TREE
#error "PGPM_BUILD_TREE must be defined by the build (the top of pgpm's build tree, for pgpm_DIR)"
#endif

namespace {

namespace fs = std::filesystem;
using namespace pgpm_bench;

struct Options {
    WorkspaceShape configured{300, 10};  // for the configure times
    int runs = 5;
    WorkspaceShape tested{30, 10};  // for ctest against the runner
    int ctest_runs = 3;
};

// Names of the measurements, as the sample table shows them.
constexpr const char* configure_with = "configure with pgpm_add_workspace";
constexpr const char* configure_without = "configure without";
constexpr const char* ctest_full_cycles = "ctest -j 2 -R full-cycle";
constexpr const char* runner_full_cycles = "pgpm test-packages --jobs 2 --ephemeral";

// A consumer project as its users write it (the shape of templates/workspace/CMakeLists.txt,
// which `pgpm init workspace` writes), with or without the workspace: the project without it
// still finds the package, so the difference is pgpm_add_workspace alone.
fs::path write_consumer(const fs::path& dir, const fs::path* workspace) {
    std::string text =
        "cmake_minimum_required(VERSION 3.25)\n"
        "project(pgpm_bench_consumer LANGUAGES NONE)\n"
        "enable_testing()\n"
        "find_package(pgpm 1 CONFIG REQUIRED)\n";
    if (workspace != nullptr)
        text += fmt::format("pgpm_add_workspace(DIR [=[{}]=])\n", workspace->string());
    write_text(dir / "CMakeLists.txt", text);
    return dir;
}

// The text after the last `needle` in `text` up to the end of its line, or "" when absent.
std::string line_after(const std::string& text, const std::string& needle) {
    const auto at = text.rfind(needle);
    if (at == std::string::npos)
        return "";
    const auto start = at + needle.size();
    return trim(text.substr(start, text.find('\n', start) - start));
}

class Bench {
public:
    Bench(Options options, const fs::path& dir)
        : options_(options), dir_(dir), log_(dir / "last-run.log") {}

    void measure() {
        std::cerr << fmt::format("pgpm {}\npgpm_DIR {}\n", PGPM_PATH, PGPM_BUILD_TREE);
        measure_configure();
        measure_test_scheduling();
    }

    void print() const {
        print_samples(configure_samples_, options_.runs);
        print_samples(ctest_samples_, options_.ctest_runs);
        const auto ms = [this](const char* name) {
            const auto& samples =
                configure_samples_.count(name) ? configure_samples_ : ctest_samples_;
            return median_ms(samples, name);
        };
        const auto figure = [](const std::string& label, const std::string& value,
                               const std::string& note) { print_figure(label, value, note, 62); };
        const double with = ms(configure_with);
        const double without = ms(configure_without);
        const double ctest = ms(ctest_full_cycles);
        const double runner = ms(runner_full_cycles);

        std::cout << fmt::format(
            "\nThe figures: configure medians of {} runs, full-cycle medians of {} runs\n",
            options_.runs, options_.ctest_runs);
        figure(fmt::format("configure with pgpm_add_workspace, {} x {}",
                           options_.configured.modules, options_.configured.changes),
               fmt::format("{:.0f} ms", with), "");
        figure("configure of the same project without it", fmt::format("{:.0f} ms", without), "");
        figure("with / without", fmt::format("{:.2f}", with / without), "");
        figure("added configure time per module",
               fmt::format("{:.2f} ms", (with - without) / options_.configured.modules),
               "target <= 5 ms");
        figure(fmt::format("ctest -j 2 of the full cycles, {} modules", options_.tested.modules),
               fmt::format("{:.0f} ms", ctest), "with its server fixture");
        figure("pgpm test-packages --full-cycle --workspace --jobs 2 --ephemeral",
               fmt::format("{:.0f} ms", runner), "with its server");
        figure("ctest / pgpm test-packages", fmt::format("{:.2f}", ctest / runner),
               "target <= 1.5");
    }

private:
    // Fresh configures, alternating the two projects so that the machine's load hits both
    // alike, after one discarded warm-up of each (it fills the page cache).
    void measure_configure() {
        const auto workspace = generate_workspace(dir_ / "large", options_.configured);
        const auto with = write_consumer(dir_ / "consumer-with", &workspace.root);
        const auto without = write_consumer(dir_ / "consumer-without", nullptr);
        std::cerr << fmt::format("configure: {} modules x {} changes, {} runs after a warm-up\n",
                                 options_.configured.modules, options_.configured.changes,
                                 options_.runs);
        for (int round = 0; round <= options_.runs; ++round) {
            announce_round(round, options_.runs);
            const auto with_time = configure_fresh(with, dir_ / "build-with");
            const auto without_time = configure_fresh(without, dir_ / "build-without");
            if (round > 0) {
                configure_samples_[configure_with].push_back(with_time);
                configure_samples_[configure_without].push_back(without_time);
            }
        }
        expect_tests(dir_ / "build-with", 2 * options_.configured.modules + 2);
    }

    Finished configure_fresh(const fs::path& source, const fs::path& build) const {
        fs::remove_all(build);
        return run_logged({"cmake", "-S", source.string(), "-B", build.string(), "-G", "Ninja",
                           fmt::format("-Dpgpm_DIR={}", PGPM_BUILD_TREE)},
                          log_);
    }

    // A configure that added no tests would be fast for the wrong reason: count them (a check
    // and a full cycle per module, and the server fixture's start and stop).
    void expect_tests(const fs::path& build, int expected) const {
        const auto listing = capture({"ctest", "--test-dir", build.string(), "-N"});
        const auto found = line_after(listing, "Total Tests:");
        if (found != std::to_string(expected))
            throw std::runtime_error(fmt::format(
                "the consumer's configure made {} tests, not {}:\n{}", found, expected, listing));
    }

    void measure_test_scheduling() {
        const auto workspace = generate_workspace(dir_ / "small", options_.tested);
        const auto build = dir_ / "build-ctest";
        configure_fresh(write_consumer(dir_ / "consumer-ctest", &workspace.root), build);
        expect_tests(build, 2 * options_.tested.modules + 2);
        std::cerr << fmt::format("full cycles: {} modules x {} changes, {} runs after a warm-up\n",
                                 options_.tested.modules, options_.tested.changes,
                                 options_.ctest_runs);
        for (int round = 0; round <= options_.ctest_runs; ++round) {
            announce_round(round, options_.ctest_runs);
            const auto ctest = ctest_full_cycles_of(build);
            const auto runner = runner_full_cycles_of(workspace);
            if (round > 0) {
                ctest_samples_[ctest_full_cycles].push_back(ctest);
                ctest_samples_[runner_full_cycles].push_back(runner);
            }
        }
    }

    // The full-cycle tests; CTest adds the server fixture's start and stop they require. Besides
    // the exit status, every one of them must have run and passed.
    Finished ctest_full_cycles_of(const fs::path& build) const {
        const auto finished = run_logged(
            {"ctest", "--test-dir", build.string(), "-j", "2", "-R", "\\.full-cycle$"}, log_);
        const auto expected = fmt::format("0 tests failed out of {}", options_.tested.modules + 2);
        if (read_text(log_).find(expected) == std::string::npos)
            throw std::runtime_error(
                fmt::format("ctest did not say `{}`; it printed:\n{}", expected, read_text(log_)));
        return finished;
    }

    Finished runner_full_cycles_of(const GeneratedWorkspace& workspace) const {
        const auto finished =
            run_logged({PGPM_PATH, "-C", workspace.root.string(), "test-packages", "--full-cycle",
                        "--workspace", "--jobs", "2", "--ephemeral"},
                       log_);
        const auto expected = fmt::format("{} passed, 0 failed", options_.tested.modules);
        if (read_text(log_).find(expected) == std::string::npos)
            throw std::runtime_error(fmt::format("pgpm test-packages did not print `{}`:\n{}",
                                                 expected, read_text(log_)));
        return finished;
    }

    Options options_;
    fs::path dir_;
    fs::path log_;
    Samples configure_samples_;  // --runs of each
    Samples ctest_samples_;      // --ctest-runs of each
};

Options parse_options(int argc, char** argv) {
    Options options;
    parse_command_line(argc, argv,
                       {{"--modules", &options.configured.modules, 1},
                        {"--changes", &options.configured.changes, 2},
                        {"--runs", &options.runs, 1},
                        {"--ctest-modules", &options.tested.modules, 1},
                        {"--ctest-changes", &options.tested.changes, 2},
                        {"--ctest-runs", &options.ctest_runs, 1}});
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main([&] {
        const auto options = parse_options(argc, argv);
        // With none of these set, the consumer's configure adds the embedded-server fixture and
        // its tests use that server, as on a developer's machine without a database; the
        // runner's --ephemeral server is the same kind.
        for (const char* name : {"PGHOST", "PGHOSTADDR", "PGPORT", "PGSERVICE", "PGPM_SERVER_DIR"})
            unsetenv(name);
        TempDir dir("pgpm-bench-configure");
        Bench bench(options, dir.path());
        bench.measure();
        bench.print();
    });
}
