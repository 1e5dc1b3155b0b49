#include "engine/script_runner.hpp"

#include <algorithm>
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

tl::expected<void, ScriptFailure> run_enveloped(db::Connection& connection,
                                                const ChangeScript& script,
                                                const Envelope& envelope) {
    const auto& prepared = script.prepared;
    // The newline ends a trailing `--` comment; the `;` a last statement written without one.
    std::string message;
    message.reserve(envelope.before.size() + prepared.executable().size() + envelope.after.size() +
                    2);
    message.append(envelope.before)
        .append(prepared.executable())
        .append("\n;")
        .append(envelope.after);
    auto ran = connection.exec_script(message);
    if (ran)
        return {};

    auto& error = ran.error().error;
    const std::size_t done = ran.error().statements_done;
    const auto statements = sent_statements(prepared);
    if (done < envelope.before_statements) {
        return tl::unexpected(ScriptFailure{
            script_error_after(script, error, "starting the change failed"), std::move(error)});
    }
    const std::size_t failed = done - envelope.before_statements;
    if (failed >= statements.size()) {
        return tl::unexpected(
            ScriptFailure{script_error_after(script, error, envelope.after_purpose + " failed"),
                          std::move(error)});
    }
    // `before` is ASCII: its characters are its bytes.
    const int position = error.position - static_cast<int>(envelope.before.size());
    const bool in_bytes = positions_are_bytes(connection);
    const auto script_length = static_cast<int>(
        in_bytes ? prepared.executable().size() : count_code_points(prepared.executable()));
    std::size_t offset = statements[failed]->begin;
    if (position >= 1 && position <= script_length) {
        offset = in_bytes ? prepared.original_offset(static_cast<std::size_t>(position - 1))
                          : prepared.original_offset_of_character(position);
    }
    return tl::unexpected(ScriptFailure{script_error_at(script, error, offset), std::move(error)});
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
