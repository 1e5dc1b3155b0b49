#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "plan/huge_page_allocator.hpp"
#include "plan/name_index.hpp"

// A parsed plan views the text it was parsed from rather than copying every name, timestamp and
// note out of it: the copies were most of the time to parse a large plan. The plan keeps the text
// and its dependencies alive through shared pointers, so copies and moves of a Plan stay valid,
// and so do views taken from it while any copy lives.
namespace pgpm::plan {

// One entry of a change's `[...]` list.
struct Dependency {
    enum class Kind {
        change,    // `name` or `module:name`
        tag,       // `@name` or `module:@name`
        conflict,  // `!name`: deploy refuses while that change is deployed
    };
    std::string_view module;   // empty: this plan's module
    std::string_view name;     // change or tag name, without `@` / `!`
    std::string_view text;     // as written
    int column = 0;            // 1-based code-point column of `text` in its line
    Kind kind = Kind::change;  // beside `column`, so that the two share eight bytes
};

struct Tag {
    std::string_view name;
    std::string_view timestamp;  // empty when the line has none
    std::string_view planner;
    std::string_view email;
    std::string_view note;
    int line = 0;
    std::size_t change_index = 0;  // index into Plan::changes of the tagged change
};

struct Change {
    std::string_view name;
    std::span<const Dependency> dependencies;  // in Plan::dependency_blocks
    std::string_view timestamp;
    std::string_view planner;
    std::string_view email;
    std::string_view note;
    int line = 0;
    std::vector<std::size_t> tag_indices;  // into Plan::tags, in file order
};

struct Plan {
    std::string path;  // as shown in diagnostics
    std::string project;
    std::string uri;
    std::string syntax_version;
    int project_line = 0;  // line of `%project=`, 0 when absent
    // Memory for 100k changes in huge pages, like the name index (plan/huge_page_allocator.hpp):
    // filling it faults in 2 MiB at a time instead of 4 KiB.
    std::vector<Change, detail::HugePageAllocator<Change>> changes;
    std::vector<Tag> tags;

    const Change* find_change(std::string_view name) const;
    const Tag* find_tag(std::string_view name) const;
    std::optional<std::size_t> change_index(std::string_view name) const;

    // Maintained by the parser, and never changed after it, since copies of the plan share them.
    std::shared_ptr<const std::string> source;  // the plan file's text, which the views look into
    // Every change's dependencies, in file order, a few thousand to an allocation, where a vector
    // per change was one allocation more per change.
    std::shared_ptr<const std::vector<std::vector<Dependency>>> dependency_blocks;
    detail::NameIndex change_by_name;
    detail::NameIndex tag_by_name;
};

struct ParseResult {
    Plan plan;
    Diagnostics diagnostics;  // every problem of the file; the plan is usable only without errors
};

// Parses plan text, which the plan keeps (Plan::source). `display_path` is used in diagnostics
// and stored in Plan::path. Checks everything that needs only this file (SPEC §1.1); cross-module
// references are checked by the workspace.
ParseResult parse_plan(std::string text, std::string display_path);

// Sqitch name rules (SPEC §1.1).
bool is_valid_change_name(std::string_view name);
bool is_valid_tag_name(std::string_view name);

// Why a name breaks those rules, worded to follow `invalid change name "x": `; empty when the
// name is valid. Lets `add`/`tag` explain a rejected name the way the parser does.
std::string_view change_name_problem(std::string_view name);
std::string_view tag_name_problem(std::string_view name);

}  // namespace pgpm::plan
