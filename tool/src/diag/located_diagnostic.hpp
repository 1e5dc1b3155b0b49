#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "diag/text_position.hpp"

namespace pgpm {

// A diagnostic at `line`:`column` of `text`, the file's content, carrying that source line.
Diagnostic diagnostic_at(Severity severity, std::string file, std::string_view text, int line,
                         int column, std::string message);

// A diagnostic at a byte offset of an indexed text (what parsers and the server report),
// carrying its source line.
Diagnostic diagnostic_at_offset(Severity severity, std::string file, const LineIndex& lines,
                                std::size_t offset, std::string message);

// A diagnostic about a whole file or folder (line 0).
Diagnostic diagnostic_for(Severity severity, std::string file, std::string message);

}  // namespace pgpm
