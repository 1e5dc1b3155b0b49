#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "diag/diagnostic.hpp"
#include "diag/text_position.hpp"
#include "io/display_paths.hpp"
#include "plan/plan.hpp"
#include "sql/script.hpp"
#include "workspace/workspace.hpp"

// The deploy, revert and verify scripts of a change, read and parsed before anything runs
// (SPEC §3), so that a syntax error stops a run before its first statement.
namespace pgpm::engine {

enum class ScriptKind { deploy, revert, verify };

// How scripts are read (SPEC §3): by the parser, or, when the server is newer than the parser,
// by the parser with the scanner's split as the fallback for what the parser rejects.
enum class ScriptParsing { strict, scanner_fallback };

// The parsing a connection's server calls for.
ScriptParsing parsing_for(const db::Connection& connection);

// "deploy", "revert" or "verify": the script's folder, and the verb of progress lines.
std::string_view script_kind_name(ScriptKind kind);

struct ChangeScript {
    std::string display_path;  // as diagnostics show it, e.g. `packages/app/deploy/users.sql`
    std::string script_hash;   // SHA-256 of the raw bytes, BOM included (SPEC §2)
    sql::PreparedScript prepared;
    // With ScriptParsing::scanner_fallback: the parser's error, as a warning, when the scanner
    // split the script instead.
    std::optional<Diagnostic> parse_warning = std::nullopt;
};

// An error at the name of a change on its plan line; `plan_lines` indexes the module's plan text.
Diagnostic diagnostic_at_change(const workspace::Module& module, const plan::Change& change,
                                const LineIndex& plan_lines, const io::DisplayPaths& paths,
                                std::string message);

// The module's plan text, for a LineIndex.
std::string_view plan_text(const workspace::Module& module);

// Reads and prepares one script. A missing or empty script is reported at the change's plan
// line, a syntax error where it is in the script.
tl::expected<ChangeScript, Diagnostics> load_change_script(
    const workspace::Module& module, const plan::Change& change, ScriptKind kind,
    const io::DisplayPaths& paths, ScriptParsing parsing = ScriptParsing::strict);

// load_change_script for planning: its errors appended to `problems` (nullopt then), its parse
// warning to `warnings`.
std::optional<ChangeScript> load_or_report(const workspace::Module& module,
                                           const plan::Change& change, ScriptKind kind,
                                           const io::DisplayPaths& paths, ScriptParsing parsing,
                                           Diagnostics& problems, Diagnostics& warnings);

}  // namespace pgpm::engine
