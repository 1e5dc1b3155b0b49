#include "engine/script_runner.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "diag/text_position.hpp"
#include "engine/sql_failure.hpp"

namespace pgpm::engine {

namespace {

// The statements the server runs, in order: transaction control is cut out before sending.
std::vector<const sql::Statement*> sent_statements(const sql::PreparedScript& script) {
    std::vector<const sql::Statement*> sent;
    for (const auto& statement : script.statements()) {
        if (!statement.transaction_control)
            sent.push_back(&statement);
    }
    return sent;
}

// The server counts an error's position in characters of the database encoding: bytes under
// SQL_ASCII, whatever the client sent.
bool positions_are_bytes(const db::Connection& connection) {
    return connection.server_encoding() == "SQL_ASCII";
}

}  // namespace

namespace {

// The server's clock, stamped at the start of a batch message and after each script: the server
// sends a message's results as its output buffer fills, not statement by statement, so only its
// own clock says how long each script took. Microseconds since the epoch as an integer, which no
// float output setting (extra_float_digits) can round; qualified, whatever the search_path.
constexpr std::string_view kClock =
    "SELECT pg_catalog.int8(pg_catalog.float8mul("
    "pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()), 1000000));";

std::chrono::microseconds clock_reading(const db::Result& result) {
    const auto text = result.get(0, 0);
    std::int64_t microseconds = 0;
    std::from_chars(text.data(), text.data() + text.size(), microseconds);
    return std::chrono::microseconds(microseconds);
}

// Where one script's part of a batch message lies: its statements' results, and its text.
struct Segment {
    std::size_t first_statement = 0;  // results of the statements before it
    std::size_t end_statement = 0;    // ... and up to its last one
    int script_start = 0;  // characters (bytes under SQL_ASCII) of the message before its script
    int end = 0;           // ... and up to the end of its `after`
};

// The failure of script `segment`, from the server's error and the results received before it.
ScriptFailure locate_failure(const EnvelopedScript& enveloped, const Segment& segment,
                             db::ScriptError ran, bool in_bytes) {
    const auto& script = *enveloped.script;
    const auto& envelope = enveloped.envelope;
    const auto& prepared = script.prepared;
    auto& error = ran.error;
    // A position inside the script says where; a message the server cannot parse fails with
    // one before any statement ran.
    const int position = error.position - segment.script_start;
    const auto script_length = static_cast<int>(
        in_bytes ? prepared.executable().size() : count_code_points(prepared.executable()));
    if (position >= 1 && position <= script_length) {
        const std::size_t offset =
            in_bytes ? prepared.original_offset(static_cast<std::size_t>(position - 1))
                     : prepared.original_offset_of_character(position);
        return {script_error_at(script, error, offset), std::move(error)};
    }
    // Otherwise the results received say which statement failed.
    const std::size_t done = ran.statements_done > segment.first_statement
                                 ? ran.statements_done - segment.first_statement
                                 : 0;
    if (done < envelope.before_statements)
        return {script_error_after(script, error, "starting the change failed"), std::move(error)};
    const std::size_t failed = done - envelope.before_statements;
    const auto statements = sent_statements(prepared);
    if (failed >= statements.size())
        return {script_error_after(script, error, envelope.after_purpose + " failed"),
                std::move(error)};
    return {script_error_at(script, error, statements[failed]->begin), std::move(error)};
}

}  // namespace

tl::expected<void, BatchFailure> run_enveloped_batch(db::Connection& connection,
                                                     std::span<const EnvelopedScript> scripts,
                                                     const ScriptDone& on_done) {
    const bool in_bytes = positions_are_bytes(connection);
    const auto length = [in_bytes](std::string_view text) {
        return static_cast<int>(in_bytes ? text.size() : count_code_points(text));
    };
    std::string message(kClock);
    std::vector<Segment> segments;
    segments.reserve(scripts.size());
    std::size_t statements = 1;
    auto characters = static_cast<int>(kClock.size());
    for (const auto& [script, envelope] : scripts) {
        const auto& executable = script->prepared.executable();
        Segment segment{.first_statement = statements};
        // The newline ends a trailing `--` comment; the `;` a last statement written without one.
        message.append(envelope.before);
        segment.script_start = characters + static_cast<int>(envelope.before.size());
        message.append(executable).append("\n;").append(envelope.after).append(kClock);
        characters = segment.script_start + length(executable) + 2 + length(envelope.after) +
                     static_cast<int>(kClock.size());
        statements += envelope.before_statements + sent_statements(script->prepared).size() +
                      envelope.after_statements + 1;
        segment.end_statement = statements;
        segment.end = characters;
        segments.push_back(segment);
    }

    std::size_t completed = 0;
    std::chrono::microseconds last_stamp{};
    auto ran = connection.exec_script(message, [&](std::size_t done, const db::Result& result) {
        if (done == 1) {
            last_stamp = clock_reading(result);
        } else if (completed < segments.size() && done == segments[completed].end_statement) {
            const auto stamp = clock_reading(result);
            on_done(completed++, stamp - last_stamp);
            last_stamp = stamp;
        }
    });
    if (ran)
        return {};
    // The failed script: the one the server's position points into (a message the server cannot
    // parse fails as a whole, before anything ran), else the one the results stopped in.
    std::size_t index = completed < segments.size() ? completed : segments.size() - 1;
    if (const int position = ran.error().error.position; position > 0) {
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (position <= segments[i].end) {
                index = i;
                break;
            }
        }
    }
    return tl::unexpected(BatchFailure{
        index, locate_failure(scripts[index], segments[index], std::move(ran.error()), in_bytes)});
}

tl::expected<void, ScriptFailure> run_statement_by_statement(db::Connection& connection,
                                                             const ChangeScript& script) {
    const auto& original = script.prepared.original();
    const auto statements = sent_statements(script.prepared);
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto& statement = *statements[i];
        const std::string_view text =
            std::string_view(original).substr(statement.begin, statement.end - statement.begin);
        auto ran = connection.exec(text);
        if (ran)
            continue;
        auto& error = ran.error();
        const auto position = static_cast<std::size_t>(error.position > 0 ? error.position - 1 : 0);
        const std::size_t offset =
            statement.begin + (positions_are_bytes(connection)
                                   ? std::min(position, text.size())
                                   : byte_offset_of_code_point(text, position));
        auto diagnostic = script_error_at(script, error, offset);
        diagnostic.notes.push_back(
            i == 0 ? std::string("note: this change runs outside a transaction, statement by "
                                 "statement; nothing of it had run")
                   : fmt::format("note: this change runs outside a transaction, statement by "
                                 "statement: the {} statement(s) before this one stay committed; "
                                 "make the script re-runnable (IF NOT EXISTS, IF EXISTS, CREATE "
                                 "OR REPLACE) before deploying again",
                                 i));
        return tl::unexpected(ScriptFailure{std::move(diagnostic), std::move(error)});
    }
    return {};
}

}  // namespace pgpm::engine
