#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "db/sql_error.hpp"
#include "diag/diagnostic.hpp"
#include "engine/change_script.hpp"

// SQL errors shaped for the person reading them (SPEC §3): where in the original script, the
// server's message with its SQLSTATE, its DETAIL, HINT and CONTEXT, and our hint when the cause
// is one we know.
namespace pgpm::engine {

// "MESSAGE [SQLSTATE]".
std::string error_message(const db::SqlError& error);

// "DETAIL: ...", "HINT: ...", "CONTEXT: ..." as the server sent them, then our hint, if any.
std::vector<std::string> error_notes(const db::SqlError& error);

// The error at a byte offset of the script's original text, with that source line.
Diagnostic script_error_at(const ChangeScript& script, const db::SqlError& error,
                           std::size_t original_offset);

// The error of a script that no statement of it caused (recording the change in the ledger, its
// COMMIT): named after the script, not located in it. `what` says what failed.
Diagnostic script_error_after(const ChangeScript& script, const db::SqlError& error,
                              std::string_view what);

}  // namespace pgpm::engine
