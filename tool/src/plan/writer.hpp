#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "plan/plan.hpp"

// Edits a plan file in place rather than rewriting it from the parsed plan, so that comments,
// blank lines, unknown pragmas, a byte order mark and the file's line endings survive (SPEC §4
// `tag`; the original rewrites the whole file and loses them).
namespace pgpm::plan {

// The line ending a new line after line `line` (1-based) should get: that line's own ending,
// else (the last line, without a final newline) the file's first line ending, else "\n".
// Following the neighbouring line keeps a file that mixes endings consistent where it is edited.
std::string_view line_ending_after(std::string_view text, int line);

// `text` with `new_line` (without a line ending) inserted after line `line` (1-based, counted
// as the parser counts, splitting on '\n'), every other byte kept. When that line is the last
// and has no final newline, the line ending goes before the new line and the file still ends
// without one. nullopt when the text has fewer than `line` lines.
std::optional<std::string> insert_line_after(std::string_view text, int line,
                                             std::string_view new_line);

struct TagEntry {
    std::string_view name;
    std::string_view timestamp;
    std::string_view planner;
    std::string_view email;
    std::string_view note;  // empty: none
};

// `@NAME TIMESTAMP PLANNER <EMAIL> [# NOTE]`, the form the original reads and writes.
std::string format_tag_line(const TagEntry& tag);

// The line a new tag of `plan.changes[change_index]` goes after: the change's line, or the last
// tag line between it and the next change line. Staying above the next change makes the new
// tag belong to this change by the nearest-change-above rule, whichever change those tag lines
// name.
int tag_insertion_line(const Plan& plan, std::size_t change_index);

}  // namespace pgpm::plan
