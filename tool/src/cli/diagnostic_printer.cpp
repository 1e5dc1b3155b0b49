#include "cli/diagnostic_printer.hpp"

#include <ostream>
#include <string>

#include "diag/text_position.hpp"

namespace pgpm::cli {

namespace {

const char* severity_color(Severity severity) {
    switch (severity) {
        case Severity::error:
            return "\033[1;31m";
        case Severity::warning:
            return "\033[1;35m";
        case Severity::info:
            return "\033[1;36m";
    }
    return "";
}

std::string caret_line(std::string_view source_line, int column) {
    std::string caret;
    const auto prefix_end = byte_offset_of_code_point(
        source_line, static_cast<std::size_t>(column > 0 ? column - 1 : 0));
    for (std::size_t i = 0; i < prefix_end; ++i) {
        const char c = source_line[i];
        if (c == '\t') {
            caret += '\t';
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            caret += ' ';
        }
    }
    caret += '^';
    return caret;
}

}  // namespace

void DiagnosticPrinter::print(const Diagnostic& diagnostic) const {
    const auto& where = diagnostic.where;
    const char* bold = color_ ? "\033[1m" : "";
    const char* reset = color_ ? "\033[0m" : "";
    if (!where.file.empty()) {
        out_ << bold << where.file;
        if (where.line > 0)
            out_ << ':' << where.line << ':' << where.column;
        out_ << ": " << reset;
    }
    out_ << (color_ ? severity_color(diagnostic.severity) : "")
         << severity_name(diagnostic.severity) << ':' << reset << ' ' << diagnostic.message << '\n';
    if (where.line > 0 && !diagnostic.source_line.empty()) {
        out_ << diagnostic.source_line << '\n'
             << (color_ ? "\033[1;32m" : "") << caret_line(diagnostic.source_line, where.column)
             << reset << '\n';
    }
    for (const auto& note : diagnostic.notes)
        out_ << note << '\n';
}

void DiagnosticPrinter::print(const Diagnostics& diagnostics, bool errors_only) const {
    for (const auto& diagnostic : diagnostics) {
        if (!errors_only || diagnostic.severity == Severity::error)
            print(diagnostic);
    }
}

}  // namespace pgpm::cli
