#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgpm::scaffold {

struct ChangeEntry {
    std::string_view name;
    std::vector<std::string> dependencies;  // as written: `change`, `@tag`, `module:change`, ...
    std::string_view timestamp;
    std::string_view planner;
    std::string_view email;
    std::string_view note;  // empty: none
};

// `NAME [DEP ...] TIMESTAMP PLANNER <EMAIL> [# NOTE]`, the form the original reads and writes
// (no `[]` without dependencies).
std::string format_change_line(const ChangeEntry& change);

}  // namespace pgpm::scaffold
