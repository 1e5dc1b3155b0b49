#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/diagnostic_printer.hpp"
#include "cli/json_writer.hpp"
#include "cli/lifecycle_support.hpp"
#include "engine/bootstrap_roles.hpp"
#include "engine/module_test.hpp"
#include "engine/role_statements.hpp"
#include "engine/template_pool.hpp"
#include "engine/test_database.hpp"
#include "io/display_paths.hpp"

namespace pgpm::cli {

namespace {

struct TestPackagesOptions {
    std::vector<std::string> modules;
    bool workspace = false;
    bool full_cycle = false;
    unsigned jobs = 0;  // 0: the number of CPUs
    bool continue_on_fail = false;
    std::vector<std::string> exclude;
    std::string db_prefix = "test_";
    bool keep_database = false;
    bool clone = true;  // dependencies shared by several modules may be cloned from a template
};

struct Job {
    const workspace::Module* module = nullptr;
    std::string database;
    bool alone = false;  // its scripts or its dependencies' touch roles
    engine::Closure dependencies;
};

// Whether a module must run alone: its scripts, or its dependencies' scripts, create, alter or
// drop a role. Each module's scripts are read once, however many modules need it.
class RoleScan {
public:
    bool touches_roles(const workspace::Module& module, const engine::Closure& dependencies) {
        return touches(&module) ||
               std::any_of(dependencies.begin(), dependencies.end(),
                           [this](const workspace::Module* needed) { return touches(needed); });
    }

private:
    bool touches(const workspace::Module* module) {
        auto [it, inserted] = own_.try_emplace(module, false);
        if (inserted)
            it->second = engine::module_touches_roles(*module);
        return it->second;
    }

    std::map<const workspace::Module*, bool> own_;
};

std::string phase_summary(const engine::ModuleTestResult& result) {
    std::vector<std::string> phases;
    for (const auto& phase : result.phases)
        phases.push_back(fmt::format("{} {}{}", phase.name, format_duration(phase.took),
                                     phase.passed ? "" : " FAILED"));
    return fmt::format("{}", fmt::join(phases, ", "));
}

void print_block(std::ostream& out, const engine::ModuleTestResult& result, bool color) {
    std::ostringstream block;
    block << (result.passed ? "PASS " : "FAIL ") << result.module;
    if (!result.database.empty()) {
        block << " (database " << result.database;
        if (!result.cloned_from.empty())
            block << ", dependencies cloned from " << result.cloned_from;
        block << ')';
    }
    block << ": " << phase_summary(result) << '\n';
    DiagnosticPrinter(block, color).print(result.problems, result.passed);
    out << block.str() << std::flush;
}

void write_json(std::ostream& out, const std::vector<engine::ModuleTestResult>& results) {
    JsonWriter json(out);
    json.begin_object();
    json.key("version").value(1);
    const auto passed = static_cast<std::size_t>(std::count_if(
        results.begin(), results.end(), [](const auto& result) { return result.passed; }));
    json.key("passed").value(passed);
    json.key("failed").value(results.size() - passed);
    json.key("modules").begin_array();
    for (const auto& result : results) {
        json.begin_object();
        json.key("name").value(result.module);
        json.key("database").value(result.database);
        json.key("cloned_from").value(result.cloned_from);
        json.key("passed").value(result.passed);
        json.key("phases").begin_array();
        for (const auto& phase : result.phases) {
            json.begin_object();
            json.key("name").value(phase.name);
            json.key("ms").value(static_cast<std::int64_t>(phase.took.count() / 1000));
            json.key("passed").value(phase.passed);
            json.end_object();
        }
        json.end_array();
        json.key("diagnostics");
        write_diagnostics(json, result.problems);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

class Runner {
public:
    Runner(const workspace::Workspace& workspace, const TestPackagesOptions& options,
           const GlobalOptions& global)
        : workspace_(workspace),
          options_(options),
          global_(global),
          paths_(io::normalised_absolute(std::filesystem::current_path())),
          templates_(global.database, options.db_prefix) {}

    std::vector<engine::ModuleTestResult> run(const std::vector<Job>& jobs) {
        results_.resize(jobs.size());
        for (const auto& job : jobs) {
            if (uses_templates(job))
                templates_.expect(job.dependencies);
        }
        const unsigned width =
            options_.jobs > 0 ? options_.jobs : std::max(1U, std::thread::hardware_concurrency());
        // Runs of modules that may share the server go in parallel; one that touches roles waits
        // for them and runs alone.
        for (std::size_t begin = 0; begin < jobs.size() && !stopped();) {
            if (jobs[begin].alone) {
                run_job(jobs, begin);
                ++begin;
                continue;
            }
            std::size_t end = begin;
            while (end < jobs.size() && !jobs[end].alone)
                ++end;
            run_parallel(jobs, begin, end, width);
            begin = end;
        }
        std::vector<engine::ModuleTestResult> ran;
        for (auto& result : results_) {
            if (result)
                ran.push_back(std::move(*result));
        }
        if (const auto problems = templates_.drop_all(); !problems.empty())
            print_diagnostics(problems, global_);
        return ran;
    }

private:
    // A module that runs alone deploys its dependencies itself: they may create roles, which a
    // template would create once for all.
    bool uses_templates(const Job& job) const { return options_.clone && !job.alone; }

    bool stopped() const { return failed_ && !options_.continue_on_fail; }

    void run_parallel(const std::vector<Job>& jobs, std::size_t begin, std::size_t end,
                      unsigned width) {
        std::atomic<std::size_t> next{begin};
        const auto worker = [&] {
            for (std::size_t i = next++; i < end && !stopped(); i = next++)
                run_job(jobs, i);
        };
        std::vector<std::thread> threads;
        const auto count = std::min<std::size_t>(width, end - begin);
        for (std::size_t t = 1; t < count; ++t)
            threads.emplace_back(worker);
        worker();
        for (auto& thread : threads)
            thread.join();
    }

    void run_job(const std::vector<Job>& jobs, std::size_t index) {
        const auto& job = jobs[index];
        auto result =
            engine::test_module(workspace_, *job.module,
                                {.target = global_.database,
                                 .database = job.database,
                                 .dependencies = job.dependencies,
                                 .full_cycle = options_.full_cycle,
                                 .keep_database = options_.keep_database,
                                 .templates = uses_templates(job) ? &templates_ : nullptr},
                                paths_);
        std::lock_guard lock(output_);
        if (!result.passed)
            failed_ = true;
        print_block(global_.json ? std::cerr : std::cout, result, false);
        results_[index] = std::move(result);
    }

    const workspace::Workspace& workspace_;
    const TestPackagesOptions& options_;
    const GlobalOptions& global_;
    const io::DisplayPaths paths_;
    std::mutex output_;
    std::atomic<bool> failed_{false};
    std::vector<std::optional<engine::ModuleTestResult>> results_;
    engine::TemplatePool templates_;
};

int run_test_packages(const TestPackagesOptions& options, const GlobalOptions& global) {
    if (!options.modules.empty() && options.workspace) {
        std::cerr << "pgpm: error: name modules or pass --workspace, not both\n";
        return exit_usage;
    }
    // The first named module (or the current module, or --workspace) finds the workspace, as
    // for other commands; every other named module must be one of its modules.
    auto targets =
        select_targets({.module = options.modules.empty() ? std::string() : options.modules.front(),
                        .workspace = options.workspace});
    if (!targets) {
        std::cerr << "pgpm: error: " << targets.error().message << '\n';
        return exit_usage;
    }
    std::vector<const workspace::Module*> selected = targets->modules;
    for (std::size_t i = 1; i < options.modules.size(); ++i) {
        const auto* module = targets->workspace.find(options.modules[i]);
        if (module == nullptr) {
            std::cerr << "pgpm: error: unknown module \"" << options.modules[i] << "\"\n";
            return exit_usage;
        }
        selected.push_back(module);
    }
    if (has_errors(targets->diagnostics)) {
        print_diagnostics(targets->diagnostics, global);
        return exit_invalid_input;
    }
    for (const auto& name : options.exclude) {
        if (!targets->workspace.find(name)) {
            std::cerr << "pgpm: error: --exclude names unknown module \"" << name << "\"\n";
            return exit_usage;
        }
        std::erase_if(selected,
                      [&](const workspace::Module* module) { return module->name == name; });
    }

    auto maintenance = global.database.empty() ? db::Connection::open_maintenance({})
                                               : db::Connection::open(global.database);
    if (!maintenance) {
        std::cerr << "pgpm: error: cannot connect to the server: " << maintenance.error().message
                  << '\n';
        return exit_unreachable;
    }
    if (auto roles = engine::bootstrap_roles(*maintenance); !roles && !global.quiet) {
        std::cerr << "pgpm: warning: cannot create the bootstrap roles: " << roles.error().message
                  << "; modules that grant to them will fail\n";
    }

    std::vector<Job> jobs;
    std::set<std::string> names;
    RoleScan roles;
    for (const auto* module : selected) {
        auto dependencies = engine::dependency_modules(targets->workspace, *module);
        const bool alone = roles.touches_roles(*module, dependencies);
        jobs.push_back({module, engine::test_database_name(options.db_prefix, module->name, names),
                        alone, std::move(dependencies)});
    }
    const auto results = Runner(targets->workspace, options, global).run(jobs);
    const auto passed = static_cast<std::size_t>(std::count_if(
        results.begin(), results.end(), [](const auto& result) { return result.passed; }));
    const auto failed = results.size() - passed;
    if (global.json)
        write_json(std::cout, results);
    (global.json ? std::cerr : std::cout) << passed << " passed, " << failed << " failed\n";
    return failed == 0 && results.size() == jobs.size() ? exit_success : exit_failure;
}

}  // namespace

Command add_test_packages_command(CLI::App& app) {
    auto* parser =
        app.add_subcommand("test-packages",
                           "Deploy (and with --full-cycle verify, revert, redeploy) each module in "
                           "a fresh database of its own");
    auto options = std::make_shared<TestPackagesOptions>();
    parser->add_option("modules", options->modules, "The modules to test")
        ->option_text("MODULE ...");
    parser->add_flag("--workspace,--all", options->workspace, "Test every module of the workspace");
    parser->add_flag("--full-cycle", options->full_cycle,
                     "deploy, verify, revert, prove the catalog unchanged, deploy, verify");
    parser->add_option("--jobs,-j", options->jobs, "Modules tested at once (default: CPUs)")
        ->check(CLI::PositiveNumber);
    parser->add_flag("--continue-on-fail", options->continue_on_fail,
                     "Test the remaining modules after a failure");
    parser->add_option("--exclude", options->exclude, "Modules not to test")
        ->delimiter(',')
        ->option_text("A,B");
    parser->add_option("--db-prefix", options->db_prefix, "Prefix of the databases' names")
        ->option_text("PREFIX");
    parser->add_flag("--keep-db", options->keep_database, "Keep each module's database");
    parser->add_flag("--no-clone{false}", options->clone,
                     "Deploy every module's dependencies itself, never cloning a template database "
                     "of them");
    return {parser, true,
            [options](const GlobalOptions& global) { return run_test_packages(*options, global); }};
}

}  // namespace pgpm::cli
