#include "engine/change_script.hpp"

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "io/text_file.hpp"
#include "ledger/hash.hpp"

namespace pgpm::engine {

std::string_view script_kind_name(ScriptKind kind) {
    switch (kind) {
        case ScriptKind::deploy:
            return "deploy";
        case ScriptKind::revert:
            return "revert";
        case ScriptKind::verify:
            return "verify";
    }
    return "deploy";
}

std::string_view plan_text(const workspace::Module& module) {
    return module.plan.source ? std::string_view(*module.plan.source) : std::string_view();
}

Diagnostic diagnostic_at_change(const workspace::Module& module, const plan::Change& change,
                                const LineIndex& plan_lines, const io::DisplayPaths& paths,
                                std::string message) {
    const auto line = plan_lines.line_text(change.line);
    const auto indent = line.find_first_not_of(" \t");
    return {Severity::error,
            {paths.show(module.directory / "pgpm.plan"), change.line,
             static_cast<int>(count_code_points(line.substr(0, indent))) + 1},
            std::move(message),
            std::string(line)};
}

ScriptParsing parsing_for(const db::Connection& connection) {
    return connection.server_version() / 10000 > sql::parser_major_version()
               ? ScriptParsing::scanner_fallback
               : ScriptParsing::strict;
}

tl::expected<ChangeScript, Diagnostics> load_change_script(const workspace::Module& module,
                                                           const plan::Change& change,
                                                           ScriptKind kind,
                                                           const io::DisplayPaths& paths,
                                                           ScriptParsing parsing) {
    const auto path = module.directory / std::string(script_kind_name(kind)) /
                      (std::string(change.name) + ".sql");
    ChangeScript script{.display_path = paths.show(path), .script_hash = {}, .prepared = {}};
    auto bytes = io::read_file(path);
    if (!bytes) {
        return tl::unexpected(Diagnostics{diagnostic_at_change(
            module, change, LineIndex(plan_text(module)), paths,
            fmt::format("cannot read the {} script {} of change \"{}\": {}", script_kind_name(kind),
                        script.display_path, change.name, bytes.error()))});
    }
    script.script_hash = ledger::script_hash(*bytes);
    auto prepared = sql::prepare_script(std::move(*bytes));
    if (!prepared.errors.empty() && parsing == ScriptParsing::scanner_fallback) {
        auto scanned = sql::prepare_script_scanned(prepared.script.original());
        if (scanned.errors.empty()) {
            const auto& error = prepared.errors.front();
            script.parse_warning = diagnostic_at_offset(
                Severity::warning, script.display_path, LineIndex(prepared.script.original()),
                error.offset,
                fmt::format("{} (pgpm's parser knows PostgreSQL {}; the server is newer, so the "
                            "script is split by the scanner and sent as written)",
                            error.message, sql::parser_major_version()));
            prepared = std::move(scanned);
        }
    }
    if (!prepared.errors.empty()) {
        const LineIndex lines(prepared.script.original());
        Diagnostics diagnostics;
        for (const auto& error : prepared.errors) {
            diagnostics.push_back(diagnostic_at_offset(Severity::error, script.display_path, lines,
                                                       error.offset, error.message));
        }
        return tl::unexpected(std::move(diagnostics));
    }
    script.prepared = std::move(prepared.script);
    return script;
}

std::optional<ChangeScript> load_or_report(const workspace::Module& module,
                                           const plan::Change& change, ScriptKind kind,
                                           const io::DisplayPaths& paths, ScriptParsing parsing,
                                           Diagnostics& problems, Diagnostics& warnings) {
    auto script = load_change_script(module, change, kind, paths, parsing);
    if (!script) {
        problems.insert(problems.end(), script.error().begin(), script.error().end());
        return std::nullopt;
    }
    if (script->parse_warning)
        warnings.push_back(*script->parse_warning);
    return std::move(*script);
}

}  // namespace pgpm::engine
