#include "diag/located_diagnostic.hpp"

#include "diag/text_position.hpp"

namespace pgpm {

Diagnostic diagnostic_at(Severity severity, std::string file, std::string_view text, int line,
                         int column, std::string message) {
    Diagnostic diagnostic = diagnostic_for(severity, std::move(file), std::move(message));
    diagnostic.where.line = line;
    diagnostic.where.column = column;
    diagnostic.source_line = std::string(LineIndex(text).line_text(line));
    return diagnostic;
}

Diagnostic diagnostic_at_offset(Severity severity, std::string file, const LineIndex& lines,
                                std::size_t offset, std::string message) {
    const auto position = lines.position_of(offset);
    return {severity,
            {std::move(file), position.line, position.column},
            std::move(message),
            std::string(lines.line_text(position.line))};
}

Diagnostic diagnostic_for(Severity severity, std::string file, std::string message) {
    Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.where.file = std::move(file);
    diagnostic.message = std::move(message);
    return diagnostic;
}

}  // namespace pgpm
