#pragma once

#include <string>
#include <string_view>

namespace pgpm::server {

// The line of initdb's output or of a server log that explains a failure: the last PANIC or
// FATAL line, else the last ERROR (or initdb's `error:`) line, else the last LOG line, else
// the last non-empty line; trimmed, empty when the text has no line.
std::string explaining_line(std::string_view log);

}  // namespace pgpm::server
