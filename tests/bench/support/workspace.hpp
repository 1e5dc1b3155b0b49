// A generated pgpm workspace for the benchmarks: M modules of N changes each, with real
// cross-module dependencies, in the files real workspaces have (pgpm.json, per module a
// pgpm.plan, <name>.control and deploy/, verify/, revert/ scripts).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pgpm_bench {

struct GeneratedModule {
    std::string name;    // mod-07
    std::string schema;  // mod_07: each module owns one schema
    std::filesystem::path dir;
    std::vector<int> required;         // earlier modules it requires, in control-file order
    std::vector<std::string> changes;  // in plan order

    // The `kind` ("deploy", "verify" or "revert") script of `change`.
    std::filesystem::path script(const std::string& kind, const std::string& change) const;
};

struct GeneratedWorkspace {
    std::filesystem::path root;
    std::vector<GeneratedModule> modules;  // a module requires only modules before it

    // The modules that deploying `module` needs, dependencies first (depth-first post-order over
    // `required`, the order pgpm uses), `module` itself last.
    std::vector<int> closure(int module) const;
};

// How large a generated workspace is.
struct WorkspaceShape {
    int modules = 0;
    int changes = 0;  // per module, at least 2
};

// Writes the workspace into `root` (which should not exist yet). Module k > 0 requires one to
// three earlier modules; its first table has a foreign key to a table of the first of them, so the
// plan names `mod-XX:tables/t_1` and the dependency is real. Changes after the schema cycle
// through a table, an index on it and a function reading it.
GeneratedWorkspace generate_workspace(const std::filesystem::path& root, WorkspaceShape shape);

}  // namespace pgpm_bench
