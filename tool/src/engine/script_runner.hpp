#pragma once

#include <cstddef>
#include <string>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"
#include "diag/diagnostic.hpp"
#include "engine/change_script.hpp"

// Sending a change's script to the server, and turning its failure into a located diagnostic.
namespace pgpm::engine {

// What travels with a script in the same message, so that a change costs one round trip: the
// transaction control and the ledger rows around it. `before` holds complete statements, ASCII.
struct Envelope {
    std::string before;
    std::size_t before_statements = 0;
    std::string after;
    std::string after_purpose;  // what `after` does, for its errors: "recording the change"
};

struct ScriptFailure {
    Diagnostic diagnostic;
    db::SqlError error;
};

// Sends `before`, the script's executable text and `after` as one simple-query message. On an
// error the server skips the rest of the message; the error is located at the server's position
// in the original script, else at the first token of the statement that failed.
tl::expected<void, ScriptFailure> run_enveloped(db::Connection& connection,
                                                const ChangeScript& script,
                                                const Envelope& envelope);

// For a change PostgreSQL refuses to run in a transaction block: its statements one by one in
// autocommit (SPEC §3). A failure says which statements had already committed.
tl::expected<void, ScriptFailure> run_statement_by_statement(db::Connection& connection,
                                                             const ChangeScript& script);

}  // namespace pgpm::engine
