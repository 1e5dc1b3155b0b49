#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "engine/template_pool.hpp"
#include "io/display_paths.hpp"
#include "workspace/workspace.hpp"

// One module's test of test-packages (SPEC §4), in a fresh database of its own: its dependency
// modules deployed, the catalog snapshot taken, the module deployed; with the full cycle:
// verify, revert, the catalog proven equal to the snapshot, deploy again, verify again. With a
// template pool, the database may start as a clone of its dependencies deployed once for several
// modules; the "dependencies" phase is then that clone.
namespace pgpm::engine {

struct PhaseResult {
    std::string name;  // dependencies, deploy, verify, revert, catalog, redeploy, reverify
    std::chrono::microseconds took{0};
    bool passed = false;
};

struct ModuleTestResult {
    std::string module;
    std::string database;     // the database it ran in (empty when none could be created)
    std::string cloned_from;  // the template database it was cloned from, if it was
    bool passed = false;
    std::vector<PhaseResult> phases;  // in order, up to and including a failed one
    Diagnostics problems;             // what failed, and warnings
};

struct ModuleTestOptions {
    std::string target;    // `-d` as given: the server and settings to use
    std::string database;  // the name to create (test_database_name)
    Closure dependencies;  // dependency_modules of the module
    bool full_cycle = false;
    bool keep_database = false;
    TemplatePool* templates = nullptr;  // shared by the run's modules; none: no cloning
};

// The modules the module needs, dependencies first, without the module itself.
Closure dependency_modules(const workspace::Workspace& workspace, const workspace::Module& module);

ModuleTestResult test_module(const workspace::Workspace& workspace, const workspace::Module& module,
                             const ModuleTestOptions& options, const io::DisplayPaths& paths);

}  // namespace pgpm::engine
