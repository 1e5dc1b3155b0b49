#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"
#include "diag/diagnostic.hpp"
#include "engine/change_script.hpp"

// Sending a change's script to the server, and turning its failure into a located diagnostic.
namespace pgpm::engine {

// What travels with a script in the same message, so that a change costs no round trip of its
// own: the transaction control and the ledger rows around it. `before` and `after` hold complete
// statements, `before` in ASCII.
struct Envelope {
    std::string before;
    std::size_t before_statements = 0;
    std::string after;
    std::size_t after_statements = 0;
    std::string after_purpose;  // what `after` does, for its errors: "recording the change"
};

struct EnvelopedScript {
    const ChangeScript* script = nullptr;
    Envelope envelope;
};

struct ScriptFailure {
    Diagnostic diagnostic;
    db::SqlError error;
};

// A failure in a batch: which script failed, and how.
struct BatchFailure {
    std::size_t index = 0;
    ScriptFailure failure;
};

// Called as script `index` of a batch completes, with the time it took by the server's clock.
using ScriptDone = std::function<void(std::size_t index, std::chrono::microseconds took)>;

// Sends each script with its `before` and `after`, all of them in one simple-query message: one
// round trip for the batch, where a round trip costs more than a small change's work. The server
// runs the statements in order and, on an error, skips the rest of the message, so the scripts
// after a failed one never run. The error is located at the server's position in the original
// script, else at the first token of the statement that failed.
tl::expected<void, BatchFailure> run_enveloped_batch(db::Connection& connection,
                                                     std::span<const EnvelopedScript> scripts,
                                                     const ScriptDone& on_done);

// For a change PostgreSQL refuses to run in a transaction block: its statements one by one in
// autocommit (SPEC §3). A failure says which statements had already committed.
tl::expected<void, ScriptFailure> run_statement_by_statement(db::Connection& connection,
                                                             const ChangeScript& script);

}  // namespace pgpm::engine
