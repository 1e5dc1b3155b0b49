#include "cli/diagnostic_printer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace pgpm::cli {
namespace {

std::string render(const Diagnostic& diagnostic) {
    std::ostringstream out;
    DiagnosticPrinter(out, false).print(diagnostic);
    return out.str();
}

TEST(DiagnosticPrinter, PrintsLocationSourceLineAndCaret) {
    const Diagnostic d{Severity::error, {"packages/app/pgpm.plan", 3, 5}, "bad name", "abc def+"};
    EXPECT_EQ(render(d), "packages/app/pgpm.plan:3:5: error: bad name\nabc def+\n    ^\n");
}

TEST(DiagnosticPrinter, CaretCopiesTabsAndCountsCodePoints) {
    const Diagnostic d{Severity::warning, {"f.sql", 1, 4}, "m", "\té€x"};
    EXPECT_EQ(render(d), "f.sql:1:4: warning: m\n\té€x\n\t  ^\n");
}

TEST(DiagnosticPrinter, WholeFileDiagnosticHasNoLineOrCaret) {
    const Diagnostic d{Severity::warning, {"deploy/x.sql", 0, 0}, "stray", ""};
    EXPECT_EQ(render(d), "deploy/x.sql: warning: stray\n");
}

TEST(DiagnosticPrinter, ColourOnlyWhenAsked) {
    std::ostringstream out;
    DiagnosticPrinter(out, true).print(Diagnostic{Severity::error, {"f", 1, 1}, "m", "x"});
    EXPECT_NE(out.str().find("\033["), std::string::npos);
    EXPECT_EQ(render(Diagnostic{Severity::error, {"f", 1, 1}, "m", "x"}).find("\033["),
              std::string::npos);
}

}  // namespace
}  // namespace pgpm::cli
