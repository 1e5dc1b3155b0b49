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

    void run(bool full_cycle) {
        const auto dependencies = dependency_modules();
        if (!dependencies.empty() && !phase("dependencies", [&] { return deploy(dependencies); }))
            return;
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
        result_.phases.push_back(
            {name, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start),
             passed});
        return passed;
    }

    // The modules the module needs, dependencies first, without the module itself.
    std::vector<const workspace::Module*> dependency_modules() const {
        auto order = workspace::dependency_order(workspace_, {module_.name});
        std::erase(order, &module_);
        return order;
    }

    std::optional<ledger::LedgerSnapshot> read_ledger() {
        auto snapshot = ledger::read_ledger(connection_, shape_);
        if (!snapshot) {
            result_.problems.push_back(
                error("cannot read the ledger: " + error_message(snapshot.error())));
            return std::nullopt;
        }
        return std::move(*snapshot);
    }

    bool finish_run(const RunReport& report) {
        result_.problems.insert(result_.problems.end(), report.problems.begin(),
                                report.problems.end());
        return !report.failed;
    }

    bool refuse(const Refusal& refusal) {
        result_.problems.insert(result_.problems.end(), refusal.diagnostics.begin(),
                                refusal.diagnostics.end());
        return false;
    }

    bool deploy(const std::vector<const workspace::Module*>& targets) {
        const auto ledger = read_ledger();
        if (!ledger)
            return false;
        auto plan = plan_deploy(workspace_,
                                {.targets = targets,
                                 .to = {},
                                 .load_verify_scripts = false,
                                 .parsing = parsing_for(connection_)},
                                *ledger, paths_);
        if (!plan)
            return refuse(plan.error());
        return finish_run(
            execute_run(connection_, shape_, *plan, {.tx = TxMode::change, .verify = false}, {}));
    }

    bool verify() {
        const auto ledger = read_ledger();
        return ledger && finish_run(verify_modules(connection_, *ledger, {&module_}, paths_, {}));
    }

    bool revert() {
        const auto ledger = read_ledger();
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
            return refuse(plan.error());
        return finish_run(
            execute_run(connection_, shape_, *plan, {.tx = TxMode::change, .verify = false}, {}));
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

ModuleTestResult test_module(const workspace::Workspace& workspace, const workspace::Module& module,
                             const ModuleTestOptions& options, const io::DisplayPaths& paths) {
    ModuleTestResult result{
        .module = module.name, .database = {}, .passed = false, .phases = {}, .problems = {}};
    auto maintenance = db::Connection::open_maintenance(options.target);
    if (!maintenance) {
        result.problems.push_back(
            error("cannot connect to the server: " + maintenance.error().message));
        return result;
    }
    auto database = create_test_database(*maintenance, options.database);
    if (!database) {
        result.problems.push_back(
            error(fmt::format("cannot create database \"{}\": {}", options.database,
                              error_message(database.error()))));
        return result;
    }
    result.database = *database;
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
                .run(options.full_cycle);
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
