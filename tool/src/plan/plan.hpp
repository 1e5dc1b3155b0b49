#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.hpp"

namespace pgpm::plan {

// One entry of a change's `[...]` list.
struct Dependency {
    enum class Kind {
        change,    // `name` or `module:name`
        tag,       // `@name` or `module:@name`
        conflict,  // `!name`: deploy refuses while that change is deployed
    };
    Kind kind = Kind::change;
    std::string module;  // empty: this plan's module
    std::string name;    // change or tag name, without `@` / `!`
    std::string text;    // as written
    int column = 0;      // 1-based code-point column of `text` in its line
};

struct Tag {
    std::string name;
    std::string timestamp;  // empty when the line has none
    std::string planner;
    std::string email;
    std::string note;
    int line = 0;
    std::size_t change_index = 0;  // index into Plan::changes of the tagged change
};

struct Change {
    std::string name;
    std::vector<Dependency> dependencies;
    std::string timestamp;
    std::string planner;
    std::string email;
    std::string note;
    int line = 0;
    std::vector<std::size_t> tag_indices;  // into Plan::tags, in file order
};

struct Plan {
    std::string path;  // as shown in diagnostics
    std::string project;
    std::string uri;
    std::string syntax_version;
    int project_line = 0;  // line of `%project=`, 0 when absent
    std::vector<Change> changes;
    std::vector<Tag> tags;

    const Change* find_change(std::string_view name) const;
    const Tag* find_tag(std::string_view name) const;
    std::optional<std::size_t> change_index(std::string_view name) const;

    // Maintained by the parser.
    std::unordered_map<std::string, std::size_t> change_by_name;
    std::unordered_map<std::string, std::size_t> tag_by_name;
};

struct ParseResult {
    Plan plan;
    Diagnostics diagnostics;  // every problem of the file; the plan is usable only without errors
};

// Parses plan text. `display_path` is used in diagnostics and stored in Plan::path.
// Checks everything that needs only this file (SPEC §1.1); cross-module references are
// checked by the workspace.
ParseResult parse_plan(std::string_view text, std::string display_path);

// Sqitch name rules (SPEC §1.1).
bool is_valid_change_name(std::string_view name);
bool is_valid_tag_name(std::string_view name);

// Why a name breaks those rules, worded to follow `invalid change name "x": `; empty when the
// name is valid. Lets `add`/`tag` explain a rejected name the way the parser does.
std::string_view change_name_problem(std::string_view name);
std::string_view tag_name_problem(std::string_view name);

}  // namespace pgpm::plan
