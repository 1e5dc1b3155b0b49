#pragma once

#include <iosfwd>

#include "diag/diagnostic.hpp"

namespace pgpm::cli {

// Renders `FILE:LINE:COL: error: MESSAGE`, the source line and a caret under the column
// (the caret line copies the source line's tabs so it lines up in any terminal).
class DiagnosticPrinter {
public:
    DiagnosticPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}

    void print(const Diagnostic& diagnostic) const;
    // With `errors_only` (for --quiet) warnings and infos are left out.
    void print(const Diagnostics& diagnostics, bool errors_only = false) const;

private:
    std::ostream& out_;
    bool color_;
};

}  // namespace pgpm::cli
