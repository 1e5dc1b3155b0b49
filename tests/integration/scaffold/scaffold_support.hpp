#pragma once

// What the scaffold tests share: `pgpm` run with a fixed planner and time (so plan lines can be
// compared byte for byte) and no access to the developer's git settings, and a whole tree read
// back, to prove a refused command wrote nothing.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing::scaffold {

// The plan line `add` writes with the environment below.
inline std::string plan_line(const std::string& change, const std::string& dependencies = "",
                             const std::string& note = "") {
    return change + (dependencies.empty() ? "" : " [" + dependencies + "]") +
           " 2024-02-01T10:20:30Z Scaffold Tester <tester@example.com>" +
           (note.empty() ? "" : " # " + note);
}

inline ProcessResult run_pgpm(const TestTree& dir, const std::vector<std::string>& args,
                              const std::string& cwd = "") {
    dir.make_directory("home");
    return run_process(PGPM_EXECUTABLE, args, dir.path(cwd),
                       {{"NO_COLOR", "1"},
                        {"PGPM_USER_NAME", "Scaffold Tester"},
                        {"PGPM_USER_EMAIL", "tester@example.com"},
                        {"PGPM_FROZEN_TIME", "2024-02-01T10:20:30Z"},
                        {"HOME", dir.path("home").string()},
                        {"XDG_CONFIG_HOME", dir.path("home").string()},
                        {"GIT_CONFIG_GLOBAL", dir.path("home/.gitconfig").string()},
                        {"GIT_CONFIG_NOSYSTEM", "1"}});
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every file and folder below `root`, folders as "<dir>", so that a new empty folder counts too.
inline std::map<std::string, std::string> tree_of(const std::filesystem::path& root) {
    std::map<std::string, std::string> tree;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        tree[relative] = entry.is_directory() ? "<dir>" : read_file(entry.path());
    }
    return tree;
}

}  // namespace pgpm::testing::scaffold
