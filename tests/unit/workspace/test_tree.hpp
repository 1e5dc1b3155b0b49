#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "support/test_tree.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace::testing {

// The shared test tree plus module writing and loading.
class TestTree : public pgpm::testing::TestTree {
public:
    // A module folder: pgpm.plan with `%project=name` on line 2 and the given body, and
    // `<name>.control` with the given requires on line 3.
    void write_module(const std::string& folder, const std::string& name,
                      const std::string& requires_list = "",
                      const std::string& plan_body = "") const {
        write(folder + "/pgpm.plan",
              "%syntax-version=1.0.0\n%project=" + name + "\n\n" + plan_body);
        write(folder + "/" + name + ".control", "# " + name +
                                                    " extension\ndefault_version = '0.0.1'\n" +
                                                    "requires = '" + requires_list + "'\n");
    }

    LoadResult load() const { return load_workspace(root(), LoadOptions{root(), std::nullopt}); }
};

// Diagnostics as the CLI prints their first line, to assert text and position together.
inline std::vector<std::string> rendered(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics) {
        std::string line = d.where.file;
        if (d.where.line > 0) {
            line += ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column);
        }
        line += std::string(": ") + severity_name(d.severity) + ": ";
        lines.push_back(line + d.message);
    }
    return lines;
}

inline std::vector<std::string> names_of(const std::vector<const Module*>& modules) {
    std::vector<std::string> names;
    for (const Module* module : modules)
        names.push_back(module->name);
    return names;
}

inline std::vector<std::string> names_of(const std::vector<Module>& modules) {
    std::vector<std::string> names;
    for (const Module& module : modules)
        names.push_back(module.name);
    return names;
}

}  // namespace pgpm::workspace::testing
