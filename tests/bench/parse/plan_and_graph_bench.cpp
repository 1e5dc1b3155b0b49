// Parses generated plans of 10k and 100k changes and orders a generated 500-module workspace,
// then prints the 100k/10k parse-time ratio (linear parsing gives about 10) and the 100k time.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>

#include "plan/plan.hpp"
#include "workspace/workspace.hpp"

namespace {

namespace fs = std::filesystem;

// Changes depend on their predecessor and on one further back, every 50th on another module's
// tag, and every 100th is tagged: the shapes real plans have.
std::string generate_plan(int changes) {
    std::string plan = "%syntax-version=1.0.0\n%project=bench\n%uri=bench\n\n";
    plan.reserve(static_cast<std::size_t>(changes) * 110);
    for (int i = 0; i < changes; ++i) {
        plan += fmt::format("schemas/app/tables/t{}", i);
        if (i > 0) {
            plan += fmt::format(" [schemas/app/tables/t{} schemas/app/tables/t{}{}]", i - 1, i / 2,
                                i % 50 == 0 ? " other:@v1" : "");
        }
        plan += fmt::format(" 2024-01-01T00:00:00Z Jane Q Doe <jane@example.com> # change {}\n", i);
        if (i % 100 == 99) {
            plan += fmt::format("@v{} 2024-01-02T00:00:00Z Jane Q Doe <jane@example.com>\n", i);
        }
    }
    return plan;
}

const std::string& plan_text(int changes) {
    static std::map<int, std::string> cache;
    auto [it, inserted] = cache.try_emplace(changes);
    if (inserted)
        it->second = generate_plan(changes);
    return it->second;
}

void BM_ParsePlan(benchmark::State& state) {
    const auto& text = plan_text(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        // The plan keeps its text, as callers hand over the file they read: copying it stands for
        // reading the file, which is not parsing.
        state.PauseTiming();
        std::string owned = text;
        state.ResumeTiming();
        auto result = pgpm::plan::parse_plan(std::move(owned), "pgpm.plan");
        if (!result.diagnostics.empty())
            state.SkipWithError("the generated plan has errors");
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParsePlan)->Arg(10'000)->Arg(100'000)->Repetitions(7)->Unit(benchmark::kMillisecond);

// 500 modules, each requiring up to three earlier ones, written to a temporary workspace.
class GeneratedWorkspace {
public:
    explicit GeneratedWorkspace(int modules) {
        auto pattern = (fs::temp_directory_path() / "pgpmbench-XXXXXX").string();
        root_ = mkdtemp(pattern.data());
        write("pgpm.json", R"({"packages": ["packages/*"]})");
        for (int i = 0; i < modules; ++i) {
            const auto name = fmt::format("m{:03}", i);
            std::string requires_list = "plpgsql";
            for (int d : {i - 1, i / 2, i / 3}) {
                if (d >= 0 && d != i)
                    requires_list += fmt::format(",m{:03}", d);
            }
            write(fmt::format("packages/{}/{}.control", name, name),
                  fmt::format("requires = '{}'\n", requires_list));
            write(fmt::format("packages/{}/pgpm.plan", name),
                  fmt::format("%project={}\n\nschema 2024-01-01T00:00:00Z Jane <j@e.com>\n", name));
        }
    }
    ~GeneratedWorkspace() { fs::remove_all(root_); }
    const fs::path& root() const { return root_; }

private:
    void write(const std::string& relative, const std::string& content) {
        fs::create_directories((root_ / relative).parent_path());
        std::ofstream(root_ / relative) << content;
    }
    fs::path root_;
};

void BM_DependencyOrder500(benchmark::State& state) {
    GeneratedWorkspace generated(500);
    const auto loaded = pgpm::workspace::load_workspace(generated.root(), {generated.root(), {}});
    if (pgpm::has_errors(loaded.diagnostics))
        state.SkipWithError("the workspace has errors");
    for (auto _ : state) {
        auto order = pgpm::workspace::dependency_order(loaded.workspace);
        benchmark::DoNotOptimize(order);
    }
}
BENCHMARK(BM_DependencyOrder500)->Unit(benchmark::kMicrosecond);

void BM_LoadWorkspace500(benchmark::State& state) {
    GeneratedWorkspace generated(500);
    for (auto _ : state) {
        auto loaded = pgpm::workspace::load_workspace(generated.root(), {generated.root(), {}});
        benchmark::DoNotOptimize(loaded);
    }
}
BENCHMARK(BM_LoadWorkspace500)->Unit(benchmark::kMillisecond);

// Keeps the console output and remembers each benchmark's real time per iteration.
class RecordingReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& run : runs) {
            // A repeated benchmark's median, reported after its repetitions, overwrites them:
            // robust against a shared machine's noise and, unlike the fastest, not favouring the
            // small plan whose text stays in the cache.
            const bool repeated = run.run_type == Run::RT_Aggregate;
            if (run.error_occurred || (repeated && run.aggregate_name != "median"))
                continue;
            const auto name = run.run_name.function_name +
                              (run.run_name.args.empty() ? "" : "/" + run.run_name.args);
            seconds_[name] = run.GetAdjustedRealTime() * to_seconds(run.time_unit);
        }
        ConsoleReporter::ReportRuns(runs);
    }
    double seconds(const std::string& name) const {
        const auto it = seconds_.find(name);
        return it == seconds_.end() ? 0 : it->second;
    }

private:
    static double to_seconds(benchmark::TimeUnit unit) {
        switch (unit) {
            case benchmark::kNanosecond:
                return 1e-9;
            case benchmark::kMicrosecond:
                return 1e-6;
            case benchmark::kMillisecond:
                return 1e-3;
            case benchmark::kSecond:
                return 1;
        }
        return 1;
    }
    std::map<std::string, double> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RecordingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    const double small = reporter.seconds("BM_ParsePlan/10000");
    const double large = reporter.seconds("BM_ParsePlan/100000");
    if (small > 0 && large > 0) {
        std::printf(
            "\nplan parse 100k/10k time ratio (median of 7 repetitions each): %.2f (linear is 10; "
            "must be <= 12)\n",
            large / small);
        std::printf("plan parse time, 100k changes: %.1f ms (the original pgpm: about 150 ms)\n",
                    large * 1e3);
    }
    if (const double order = reporter.seconds("BM_DependencyOrder500"); order > 0) {
        std::printf("dependency order, 500 modules: %.1f us\n", order * 1e6);
    }
    return 0;
}
