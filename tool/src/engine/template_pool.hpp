#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "workspace/workspace.hpp"

// The dependency modules that several modules of a test-packages run share, deployed once into a
// template database and cloned (CREATE DATABASE ... TEMPLATE) when that is faster than deploying
// them again (SPEC §4). A clone costs about what creating an empty database costs, since that too
// copies a template; so a template adds one database and saves a deploy per further module. The
// run measures both: the first module needing a set of dependencies deploys it into its own
// database, and once that deploy's time times the modules still to come outweighs a database's
// creation, the next one builds the template and the rest clone it.
namespace pgpm::engine {

// Dependency modules, in dependency order.
using Closure = std::vector<const workspace::Module*>;

class TemplatePool {
public:
    // Deploys the closure into the named, freshly created database; false when that failed.
    using Build = std::function<bool(const std::string& database)>;

    // `target`: `-d` as given. Template databases are named `<prefix>template_<hash>`.
    TemplatePool(std::string target, std::string prefix);

    // Called for each module the run will test, before it starts, with its dependencies.
    void expect(const Closure& closure);

    // For a module about to create its database: the template to clone, built here by `build` if
    // it is due, or nullopt to create an empty database and deploy the closure into it.
    std::optional<std::string> template_for(const Closure& closure, const Build& build);

    // What the module measured when it took the second way.
    void record_create(std::chrono::microseconds took);
    void record_deploy(const Closure& closure, std::chrono::microseconds took);

    // Drops the templates; a warning for each that could not be dropped.
    Diagnostics drop_all();

private:
    enum class State { none, building, ready, failed };
    struct Entry {
        std::size_t modules_to_come = 0;
        std::optional<std::chrono::microseconds> deploy_took;
        State state = State::none;
        std::string database;
    };

    bool is_due(const Entry& entry, std::size_t modules_to_come) const;
    std::optional<std::string> build_template(const std::string& key, const Build& build);

    const std::string target_;
    const std::string prefix_;
    std::mutex mutex_;
    std::condition_variable built_;
    std::map<std::string, Entry> entries_;  // by the closure's module names
    std::chrono::microseconds create_total_{0};
    std::size_t creates_ = 0;
};

}  // namespace pgpm::engine
