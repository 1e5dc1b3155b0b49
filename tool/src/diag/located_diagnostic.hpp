#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"

namespace pgpm {

// A diagnostic at `line`:`column` of `text`, the file's content, carrying that source line.
Diagnostic diagnostic_at(Severity severity, std::string file, std::string_view text, int line,
                         int column, std::string message);

// A diagnostic about a whole file or folder (line 0).
Diagnostic diagnostic_for(Severity severity, std::string file, std::string message);

}  // namespace pgpm
