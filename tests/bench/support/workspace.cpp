#include "workspace.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "files.hpp"

namespace pgpm_bench {

namespace fs = std::filesystem;

namespace {

// One change: its plan name and dependencies, and its three scripts' SQL.
struct Change {
    std::string name;
    std::vector<std::string> dependencies;
    std::string deploy;
    std::string verify;
    std::string revert;
};

std::string table_name(int i) {
    return fmt::format("t_{}", i);
}

Change schema_change(const GeneratedModule& module) {
    const auto& s = module.schema;
    return {"schema",
            {},
            fmt::format("CREATE SCHEMA {};\n", s),
            fmt::format("SELECT has_schema_privilege('{}', 'usage');\n", s),
            fmt::format("DROP SCHEMA {};\n", s)};
}

// A table; the first one references a table of the first required module (a real cross-module
// dependency), later ones the table three changes back.
Change table_change(const GeneratedWorkspace& workspace, const GeneratedModule& module, int i) {
    const auto& s = module.schema;
    const auto table = table_name(i);
    Change change{"tables/" + table, {}, "", "", ""};
    std::string reference;
    if (i >= 4) {
        change.dependencies.push_back("tables/" + table_name(i - 3));
        reference =
            fmt::format("  parent_id  bigint REFERENCES {}.{} (id),\n", s, table_name(i - 3));
    } else {
        change.dependencies.push_back("schema");
        if (!module.required.empty()) {
            const auto& other = workspace.modules[static_cast<std::size_t>(module.required[0])];
            change.dependencies.push_back(other.name + ":tables/" + table_name(1));
            reference = fmt::format("  {}_id bigint REFERENCES {}.{} (id),\n", other.schema,
                                    other.schema, table_name(1));
        }
    }
    change.deploy = fmt::format(
        "CREATE TABLE {}.{} (\n"
        "  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "  name       text NOT NULL,\n"
        "{}"
        "  created_at timestamptz NOT NULL DEFAULT now()\n"
        ");\n",
        s, table, reference);
    change.verify =
        fmt::format("SELECT id, name, created_at\n  FROM {}.{}\n WHERE false;\n", s, table);
    change.revert = fmt::format("DROP TABLE {}.{};\n", s, table);
    return change;
}

Change index_change(const GeneratedModule& module, int table) {
    const auto& s = module.schema;
    const auto index = table_name(table) + "_name_idx";
    return {"indexes/" + table_name(table) + "_name",
            {"tables/" + table_name(table)},
            fmt::format("CREATE INDEX {} ON {}.{} (name);\n", index, s, table_name(table)),
            fmt::format("SELECT 1/count(*)\n  FROM pg_catalog.pg_indexes\n"
                        " WHERE schemaname = '{}' AND indexname = '{}';\n",
                        s, index),
            fmt::format("DROP INDEX {}.{};\n", s, index)};
}

Change function_change(const GeneratedModule& module, int table) {
    const auto& s = module.schema;
    const auto function = fmt::format("{}.count_{}()", s, table_name(table));
    return {"functions/count_" + table_name(table),
            {"tables/" + table_name(table)},
            fmt::format("CREATE FUNCTION {} RETURNS bigint\n  LANGUAGE sql STABLE\n"
                        "  AS $$ SELECT count(*) FROM {}.{} $$;\n",
                        function, s, table_name(table)),
            fmt::format("SELECT has_function_privilege('{}', 'execute');\n", function),
            fmt::format("DROP FUNCTION {};\n", function)};
}

// Change i: the schema first, then a table, an index on it and a function reading it, in turn.
Change make_change(const GeneratedWorkspace& workspace, const GeneratedModule& module, int i) {
    if (i == 0)
        return schema_change(module);
    switch ((i - 1) % 3) {
        case 0:
            return table_change(workspace, module, i);
        case 1:
            return index_change(module, i - 1);
        default:
            return function_change(module, i - 2);
    }
}

// The earlier modules module k requires: one to three, picked by a fixed hash among all the
// modules before it, so that the workspace is the same every run and closures vary in size.
std::vector<int> required_modules(int k) {
    std::vector<int> required;
    const int wanted = std::min(k, 1 + k % 3);
    for (std::uint32_t salt = 0; static_cast<int>(required.size()) < wanted; ++salt) {
        const auto hash = (static_cast<std::uint32_t>(k) * 7919u + salt) * 2654435761u;
        const int candidate = static_cast<int>((hash >> 8) % static_cast<std::uint32_t>(k));
        if (std::find(required.begin(), required.end(), candidate) == required.end())
            required.push_back(candidate);
    }
    return required;
}

std::string join_names(const std::vector<std::string>& names, const char* separator) {
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : separator) + name;
    return text;
}

// The header comments `pgpm add` writes: `-- Deploy mod-01:schema to pg` and the requires.
std::string script_header(const std::string& verb, const GeneratedModule& module,
                          const Change& change) {
    const char* preposition = verb == "Deploy" ? "to" : verb == "Revert" ? "from" : "on";
    std::string header =
        fmt::format("-- {} {}:{} {} pg\n", verb, module.name, change.name, preposition);
    for (const auto& dependency : change.dependencies)
        header += fmt::format("-- requires: {}\n", dependency);
    return header + "\n";
}

void write_module(const GeneratedWorkspace& workspace, GeneratedModule& module, int changes) {
    std::string plan =
        fmt::format("%syntax-version=1.0.0\n%project={0}\n%uri={0}\n\n", module.name);
    for (int i = 0; i < changes; ++i) {
        const auto change = make_change(workspace, module, i);
        module.changes.push_back(change.name);
        const auto dependencies = change.dependencies.empty()
                                      ? std::string()
                                      : " [" + join_names(change.dependencies, " ") + "]";
        plan += fmt::format("{}{} 2024-01-01T00:00:00Z Bench <bench@example.com> # add {}\n",
                            change.name, dependencies, change.name);
        write_text(module.script("deploy", change.name),
                   script_header("Deploy", module, change) + change.deploy);
        write_text(module.script("verify", change.name),
                   script_header("Verify", module, change) + change.verify);
        write_text(module.script("revert", change.name),
                   script_header("Revert", module, change) + change.revert);
    }
    write_text(module.dir / "pgpm.plan", plan);

    std::vector<std::string> required_names;
    for (const int other : module.required)
        required_names.push_back(workspace.modules[static_cast<std::size_t>(other)].name);
    // No requires line when there are none: the original pgpm reads `requires = ''` as one
    // extension with an empty name.
    const auto requires_line =
        required_names.empty() ? std::string()
                               : fmt::format("requires = '{}'\n", join_names(required_names, ","));
    write_text(module.dir / (module.name + ".control"),
               fmt::format("# {} extension\n"
                           "comment = 'generated by the pgpm benchmarks'\n"
                           "default_version = '0.0.1'\n"
                           "{}"
                           "relocatable = false\n"
                           "superuser = false\n",
                           module.name, requires_line));
}

}  // namespace

fs::path GeneratedModule::script(const std::string& kind, const std::string& change) const {
    return dir / kind / (change + ".sql");
}

std::vector<int> GeneratedWorkspace::closure(int module) const {
    std::vector<int> order;
    std::vector<bool> seen(modules.size(), false);
    const std::function<void(int)> visit = [&](int k) {
        if (seen[static_cast<std::size_t>(k)])
            return;
        seen[static_cast<std::size_t>(k)] = true;
        for (const int other : modules[static_cast<std::size_t>(k)].required)
            visit(other);
        order.push_back(k);
    };
    visit(module);
    return order;
}

GeneratedWorkspace generate_workspace(const fs::path& root, WorkspaceShape shape) {
    if (shape.modules < 1 || shape.changes < 2)
        throw std::invalid_argument("a generated workspace needs a module and two changes");
    GeneratedWorkspace workspace{root, {}};
    write_text(root / "pgpm.json", "{\n  \"packages\": [\"packages/*\"]\n}\n");
    // Zero-padded numbers, so that the modules' path order is their number order.
    const auto digits = static_cast<int>(std::to_string(shape.modules - 1).size());
    for (int k = 0; k < shape.modules; ++k) {
        GeneratedModule module;
        module.name = fmt::format("mod-{:0{}}", k, digits);
        module.schema = fmt::format("mod_{:0{}}", k, digits);
        module.dir = root / "packages" / module.name;
        module.required = required_modules(k);
        write_module(workspace, module, shape.changes);
        workspace.modules.push_back(std::move(module));
    }
    return workspace;
}

}  // namespace pgpm_bench
