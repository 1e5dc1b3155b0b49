#pragma once

#include <string>
#include <string_view>

namespace pgpm::scaffold {

// `text` with `new_line` (without a line ending) added as its last line, every byte of `text`
// kept. The new line ends like the file's last line (its first line ending when the last has
// none, "\n" for a file without any); a file without a final newline gets one first, so the
// new line never joins the old last line.
std::string append_plan_line(std::string_view text, std::string_view new_line);

// The 1-based number of the line append_plan_line adds to `text`, as the parser counts lines.
int appended_line_number(std::string_view text);

}  // namespace pgpm::scaffold
