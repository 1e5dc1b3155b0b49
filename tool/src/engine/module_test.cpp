#include "engine/module_test.hpp"

#include <functional>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "catalog/difference.hpp"
#include "catalog/snapshot.hpp"
#include "db/connection.hpp"
#include "diag/located_diagnostic.hpp"
#include "engine/deploy_plan.hpp"
#include "engine/revert_plan.hpp"
#include "engine/run_executor.hpp"
#include "engine/sql_failure.hpp"
#include "engine/test_database.hpp"
#include "engine/verifier.hpp"
#include "ledger/schema.hpp"

namespace pgpm::engine {

namespace {

using Clock = std::chrono::steady_clock;

Diagnostic error(std::string message) {
    return diagnostic_for(Severity::error, {}, std::move(message));
}

std::chrono::microseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

std::optional<ledger::LedgerSnapshot> read_ledger(db::Connection& connection,
                                                  const ledger::LedgerShape& shape,
                                                  Diagnostics& problems) {
    auto snapshot = ledger::read_ledger(connection, shape);
    if (!snapshot) {
        problems.push_back(error("cannot read the ledger: " + error_message(snapshot.error())));
        return std::nullopt;
    }
    return std::move(*snapshot);
}

bool add_report(const RunReport& report, Diagnostics& problems) {
    problems.insert(problems.end(), report.problems.begin(), report.problems.end());
    return !report.failed;
}

bool add_refusal(const Refusal& refusal, Diagnostics& problems) {
    problems.insert(problems.end(), refusal.diagnostics.begin(), refusal.diagnostics.end());
    return false;
}

// Deploys the modules (with what they need that is not deployed yet) one transaction per change,
// as a test does; false when that failed, with the reasons in `problems`.
bool deploy_modules(db::Connection& connection, const ledger::LedgerShape& shape,
                    const workspace::Workspace& workspace, const Closure& targets,
                    const io::DisplayPaths& paths, Diagnostics& problems) {
    const auto ledger = read_ledger(connection, shape, problems);
    if (!ledger)
        return false;
    auto plan = plan_deploy(workspace,
                            {.targets = targets,
                             .to = {},
                             .load_verify_scripts = false,
                             .parsing = parsing_for(connection)},
                            *ledger, paths);
    if (!plan)
        return add_refusal(plan.error(), problems);
    return add_report(
        execute_run(connection, shape, *plan, {.tx = TxMode::change, .verify = false}, {}),
        problems);
}

// The template pool's way to deploy dependencies into a template database.
bool deploy_into(const std::string& target, const std::string& database,
                 const workspace::Workspace& workspace, const Closure& closure,
                 const io::DisplayPaths& paths) {
    auto connection = db::Connection::open_database(target, database);
    if (!connection)
        return false;
    auto ensured = ledger::ensure_ledger(*connection);
    Diagnostics problems;
    return ensured &&
           deploy_modules(*connection, ensured->shape, workspace, closure, paths, problems);
}

class ModuleTest {
public:
    ModuleTest(const workspace::Workspace& workspace, const workspace::Module& module,
               const io::DisplayPaths& paths, db::Connection& connection,
               const ledger::LedgerShape& shape, ModuleTestResult& result)
        : workspace_(workspace),
          module_(module),
          paths_(paths),
          connection_(connection),
          shape_(shape),
          result_(result) {}

    // `cloned_in`: the time the database took to clone from a template of the dependencies.
    void run(bool full_cycle, const Closure& dependencies,
             std::optional<std::chrono::microseconds> cloned_in, TemplatePool* templates) {
        if (cloned_in) {
            result_.phases.push_back({"dependencies", *cloned_in, true});
        } else if (!dependencies.empty()) {
            if (!phase("dependencies", [&] { return deploy(dependencies); }))
                return;
            if (templates != nullptr)
                templates->record_deploy(dependencies, result_.phases.back().took);
        }
        std::optional<catalog::CatalogSnapshot> before;
        if (full_cycle && !phase("snapshot", [&] { return snapshot(before); }))
            return;
        if (!phase("deploy", [&] { return deploy({&module_}); }))
            return;
        if (!full_cycle)
            return;
        if (!phase("verify", [&] { return verify(); }) ||
            !phase("revert", [&] { return revert(); }) ||
            !phase("catalog", [&] { return compare_catalog(*before); }) ||
            !phase("redeploy", [&] { return deploy({&module_}); }))
            return;
        phase("reverify", [&] { return verify(); });
    }

private:
    // Runs one phase, timing it; false when it failed.
    bool phase(const char* name, const std::function<bool()>& body) {
        const auto start = Clock::now();
        const bool passed = body();
        result_.phases.push_back({name, since(start), passed});
        return passed;
    }

    bool deploy(const Closure& targets) {
        return deploy_modules(connection_, shape_, workspace_, targets, paths_, result_.problems);
    }

    bool verify() {
        const auto ledger = read_ledger(connection_, shape_, result_.problems);
        return ledger && add_report(verify_modules(connection_, *ledger, {&module_}, paths_, {}),
                                    result_.problems);
    }

    bool revert() {
        const auto ledger = read_ledger(connection_, shape_, result_.problems);
        if (!ledger)
            return false;
        auto plan = plan_revert(workspace_,
                                {.modules = {&module_},
                                 .whole_workspace = false,
                                 .scope = RevertScope::all,
                                 .to = {},
                                 .load_verify_scripts = false,
                                 .parsing = parsing_for(connection_)},
                                *ledger, paths_);
        if (!plan)
            return add_refusal(plan.error(), result_.problems);
        return add_report(
            execute_run(connection_, shape_, *plan, {.tx = TxMode::change, .verify = false}, {}),
            result_.problems);
    }

    bool snapshot(std::optional<catalog::CatalogSnapshot>& taken) {
        auto snapshot = catalog::take_snapshot(connection_);
        if (!snapshot) {
            result_.problems.push_back(
                error("cannot read the catalog: " + error_message(snapshot.error())));
            return false;
        }
        taken = std::move(*snapshot);
        return true;
    }

    bool compare_catalog(const catalog::CatalogSnapshot& before) {
        std::optional<catalog::CatalogSnapshot> after;
        if (!snapshot(after))
            return false;
        const auto differences = catalog::compare(before, *after);
        for (const auto& difference : differences) {
            result_.problems.push_back(
                error(fmt::format("after revert, the catalog differs from before deploy: {}",
                                  catalog::describe(difference))));
        }
        return differences.empty();
    }

    const workspace::Workspace& workspace_;
    const workspace::Module& module_;
    const io::DisplayPaths& paths_;
    db::Connection& connection_;
    const ledger::LedgerShape& shape_;
    ModuleTestResult& result_;
};

}  // namespace

Closure dependency_modules(const workspace::Workspace& workspace, const workspace::Module& module) {
    auto order = workspace::dependency_order(workspace, {module.name});
    std::erase(order, &module);
    return order;
}

ModuleTestResult test_module(const workspace::Workspace& workspace, const workspace::Module& module,
                             const ModuleTestOptions& options, const io::DisplayPaths& paths) {
    ModuleTestResult result{.module = module.name,
                            .database = {},
                            .cloned_from = {},
                            .passed = false,
                            .phases = {},
                            .problems = {}};
    auto maintenance = db::Connection::open_maintenance(options.target);
    if (!maintenance) {
        result.problems.push_back(
            error("cannot connect to the server: " + maintenance.error().message));
        return result;
    }
    const auto& dependencies = options.dependencies;
    // A clone's "dependencies" phase counts from here: building the template, or waiting for it.
    const auto cloning = Clock::now();
    std::optional<std::string> template_database;
    if (options.templates != nullptr) {
        template_database =
            options.templates->template_for(dependencies, [&](const std::string& database) {
                return deploy_into(options.target, database, workspace, dependencies, paths);
            });
    }
    const auto creating = Clock::now();
    auto database = create_test_database(*maintenance, options.database, template_database);
    const auto created_in = since(creating);
    if (!database) {
        result.problems.push_back(
            error(fmt::format("cannot create database \"{}\": {}", options.database,
                              error_message(database.error()))));
        return result;
    }
    result.database = *database;
    std::optional<std::chrono::microseconds> cloned_in;
    if (template_database) {
        result.cloned_from = *template_database;
        cloned_in = since(cloning);
    } else if (options.templates != nullptr) {
        options.templates->record_create(created_in);
    }
    {
        auto connection = db::Connection::open_database(options.target, *database);
        if (!connection) {
            result.problems.push_back(error(fmt::format("cannot connect to database \"{}\": {}",
                                                        *database, connection.error().message)));
        } else if (auto ensured = ledger::ensure_ledger(*connection); !ensured) {
            result.problems.push_back(
                error("cannot create the ledger: " + error_message(ensured.error())));
        } else {
            ModuleTest(workspace, module, paths, *connection, ensured->shape, result)
                .run(options.full_cycle, dependencies, cloned_in, options.templates);
            result.passed = std::all_of(result.phases.begin(), result.phases.end(),
                                        [](const PhaseResult& phase) { return phase.passed; });
        }
    }
    if (!options.keep_database) {
        if (auto dropped = drop_test_database(*maintenance, *database); !dropped) {
            result.problems.push_back(
                diagnostic_for(Severity::warning, {},
                               fmt::format("could not drop database \"{}\": {}", *database,
                                           error_message(dropped.error()))));
        }
    }
    return result;
}

}  // namespace pgpm::engine
