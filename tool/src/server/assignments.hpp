#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace pgpm::server {

// `NAME=value` pairs as a POSIX shell reads them: the format of a server folder's `env` file and
// of a cluster's marker, so one reader serves both and `eval` of either is safe.
using Assignments = std::vector<std::pair<std::string, std::string>>;

// One `NAME=value` line per pair; a value is single-quoted unless it is made only of characters
// no shell treats specially.
std::string format_assignments(const Assignments& assignments);

// Reads what format_assignments writes (the subset of shell syntax it uses: bare words, single
// quotes, backslash escapes, `#` comments). The error says what is wrong and where.
tl::expected<Assignments, std::string> parse_assignments(std::string_view text);

// The value of `name`, or empty.
std::string_view find_assignment(const Assignments& assignments, std::string_view name);

}  // namespace pgpm::server
