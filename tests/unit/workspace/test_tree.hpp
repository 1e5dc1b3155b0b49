#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "diag/diagnostic.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace::testing {

// A real folder tree under the system temp folder, removed with the object.
class TestTree {
  public:
    TestTree() {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        const std::string name = std::string("pgpm-workspace-") + test->test_suite_name() + "-" +
                                 test->name() + "-" + std::to_string(::getpid());
        root_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_);
        root_ = std::filesystem::canonical(root_);
    }
    ~TestTree() {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    TestTree(const TestTree&) = delete;
    TestTree& operator=(const TestTree&) = delete;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path path(const std::string& relative) const { return root_ / relative; }

    void write(const std::string& relative, const std::string& content) const {
        const auto file = path(relative);
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }
    void make_directory(const std::string& relative) const {
        std::filesystem::create_directories(path(relative));
    }

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

    LoadResult load() const { return load_workspace(root_, LoadOptions{root_, std::nullopt}); }

  private:
    std::filesystem::path root_;
};

// Diagnostics as the CLI prints their first line, to assert text and position together.
inline std::vector<std::string> rendered(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics) {
        std::string line = d.where.file;
        if (d.where.line > 0) {
            line += ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column);
        }
        line += d.severity == Severity::error ? ": error: " : ": warning: ";
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
