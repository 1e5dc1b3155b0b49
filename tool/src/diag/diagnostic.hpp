#pragma once

#include <string>
#include <vector>

namespace pgpm {

enum class Severity { error, warning, info };

// Where a problem is. `file` is the path as the user should read it (relative to the working
// directory); line and column are 1-based, the column counting Unicode code points of the
// original, untrimmed line. line == 0 means the problem concerns the whole file or object.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation where;
    std::string message;
    std::string source_line;  // the original line without its line ending; empty when line == 0
    // Printed after the source line, one per line: the server's "DETAIL: ...", "HINT: ...",
    // "CONTEXT: ...", and our hints.
    std::vector<std::string> notes = {};
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

// "error", "warning" or "info", as diagnostics print it.
const char* severity_name(Severity severity);

}  // namespace pgpm
