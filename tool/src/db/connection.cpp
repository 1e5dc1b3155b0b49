#include "db/connection.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/connection_params.hpp"
#include "db/error_fields.hpp"
#include "db/interrupt_cancel.hpp"

namespace pgpm::db {

namespace {

using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

tl::expected<ConnectionPtr, ConnectError> connect(const ConnectParams& params,
                                                  std::string_view target) {
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    for (const auto& [keyword, value] : params.pairs) {
        keywords.push_back(keyword.c_str());
        values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    ConnectionPtr connection(
        PQconnectdbParams(keywords.data(), values.data(), params.expand_dbname ? 1 : 0));
    if (!connection) {
        return tl::unexpected(ConnectError{ConnectFailure::other, "out of memory", ""});
    }
    if (PQstatus(connection.get()) == CONNECTION_OK) {
        return connection;
    }
    ConnectError error;
    error.message = mask_password(without_final_newline(PQerrorMessage(connection.get())), target);
    error.kind = PQconnectionNeedsPassword(connection.get()) != 0
                     ? ConnectFailure::auth_failed
                     : classify_connect_message(error.message);
    const char* database = PQdb(connection.get());
    error.database = database != nullptr ? database : "";
    return tl::unexpected(std::move(error));
}

std::string take_escaped(char* quoted) {
    std::string copy(quoted);
    PQfreemem(quoted);
    return copy;
}

bool succeeded(const Result& result) {
    switch (PQresultStatus(result.native())) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
            return true;
        default:
            return false;
    }
}

struct Outcome {
    std::optional<Result> last;
    std::size_t statements_done = 0;
    std::optional<SqlError> error;
};

Outcome run(PGconn* connection, std::string_view sql,
            const Connection::StatementDone& on_statement = {}) {
    Outcome outcome;
    if (PQsendQuery(connection, std::string(sql).c_str()) == 0) {
        outcome.error = sql_error_from_connection(connection);
        return outcome;
    }
    // Every result must be read before the connection takes another query, so the loop goes on
    // past an error (after which the server skips the rest of the script).
    while (PGresult* raw = PQgetResult(connection)) {
        Result result(raw);
        const auto status = PQresultStatus(raw);
        if (status == PGRES_COPY_IN) {
            // Until COPY is ended, libpq would hand out this result forever.
            PQputCopyEnd(connection, "pgpm sends no data to COPY FROM STDIN");
        } else if (status == PGRES_COPY_OUT) {
            char* row = nullptr;
            while (PQgetCopyData(connection, &row, 0) > 0) {
                PQfreemem(row);
            }
        } else if (outcome.error) {
            continue;
        } else if (succeeded(result)) {
            ++outcome.statements_done;
            if (on_statement)
                on_statement(outcome.statements_done, result);
            outcome.last.emplace(std::move(result));
        } else {
            outcome.error = sql_error_from_result(raw, connection);
        }
    }
    if (!outcome.error && !outcome.last) {
        outcome.error = sql_error_from_connection(connection);
    }
    return outcome;
}

}  // namespace

Connection::Connection(ConnectionPtr connection)
    : connection_(std::move(connection)), notices_(std::make_unique<NoticeState>()) {
    // Also keeps libpq's default receiver from printing to stderr.
    PQsetNoticeReceiver(connection_.get(), &Connection::receive_notice, notices_.get());
}

Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

tl::expected<Connection, ConnectError> Connection::open(const std::string& target) {
    return connect(target_params(target), target).map([](ConnectionPtr connection) {
        return Connection(std::move(connection));
    });
}

tl::expected<Connection, ConnectError> Connection::open_database(const std::string& target,
                                                                 const std::string& database) {
    auto params = params_with_database(target, database);
    if (!params) {
        return tl::unexpected(
            ConnectError{ConnectFailure::other, mask_password(params.error(), target), ""});
    }
    return connect(*params, target).map([](ConnectionPtr connection) {
        return Connection(std::move(connection));
    });
}

tl::expected<Connection, ConnectError> Connection::open_maintenance(const std::string& target) {
    auto connection = open_database(target, "postgres");
    if (!connection && connection.error().kind == ConnectFailure::database_missing)
        connection = open_database(target, "template1");
    return connection;
}

std::string Connection::database_name() const {
    return PQdb(connection_.get());
}

int Connection::server_version() const {
    return PQserverVersion(connection_.get());
}

PGcancel* Connection::cancel_handle() const {
    return PQgetCancel(connection_.get());
}

int Connection::backend_pid() const {
    return PQbackendPID(connection_.get());
}

std::string Connection::server_encoding() const {
    const char* encoding = PQparameterStatus(connection_.get(), "server_encoding");
    return encoding != nullptr ? encoding : "";
}

bool Connection::is_broken() const {
    return PQstatus(connection_.get()) != CONNECTION_OK;
}

bool Connection::in_transaction() const {
    const auto status = PQtransactionStatus(connection_.get());
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

tl::expected<Result, SqlError> Connection::exec(std::string_view sql) {
    auto outcome = run(connection_.get(), sql);
    if (outcome.error) {
        return tl::unexpected(std::move(*outcome.error));
    }
    return std::move(*outcome.last);
}

tl::expected<std::size_t, ScriptError> Connection::exec_script(std::string_view sql,
                                                               const StatementDone& on_statement) {
    if (interrupt_requested()) {
        // As the server words a cancel, which is what the interrupt asked for.
        return tl::unexpected(ScriptError{
            SqlError{.severity = "ERROR",
                     .sqlstate = "57014",
                     .message = "canceling statement due to user request (interrupted before it "
                                "was sent)",
                     .detail = {},
                     .hint = {},
                     .context = {},
                     .position = 0,
                     .internal_position = 0,
                     .internal_query = {}},
            0});
    }
    auto outcome = run(connection_.get(), sql, on_statement);
    if (outcome.error) {
        return tl::unexpected(ScriptError{std::move(*outcome.error), outcome.statements_done});
    }
    return outcome.statements_done;
}

tl::expected<Result, SqlError> Connection::exec_params(
    std::string_view sql, const std::vector<std::optional<std::string_view>>& params) {
    // Text parameters are passed NUL-terminated, so each value is copied.
    std::vector<std::string> texts;
    texts.reserve(params.size());
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) {
        if (param) {
            values.push_back(texts.emplace_back(*param).c_str());
        } else {
            values.push_back(nullptr);
        }
    }
    PGconn* connection = connection_.get();
    PGresult* raw =
        PQexecParams(connection, std::string(sql).c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, 0);
    if (raw == nullptr) {
        return tl::unexpected(sql_error_from_connection(connection));
    }
    Result result(raw);
    if (!succeeded(result)) {
        return tl::unexpected(sql_error_from_result(result.native(), connection));
    }
    return result;
}

tl::expected<std::string, SqlError> Connection::escape_literal(std::string_view text) const {
    char* quoted = PQescapeLiteral(connection_.get(), text.data(), text.size());
    if (quoted == nullptr) {
        return tl::unexpected(sql_error_from_connection(connection_.get()));
    }
    return take_escaped(quoted);
}

tl::expected<std::string, SqlError> Connection::escape_identifier(std::string_view text) const {
    char* quoted = PQescapeIdentifier(connection_.get(), text.data(), text.size());
    if (quoted == nullptr) {
        return tl::unexpected(sql_error_from_connection(connection_.get()));
    }
    return take_escaped(quoted);
}

void Connection::set_notice_sink(NoticeSink sink) {
    notices_->sink = std::move(sink);
}

void Connection::receive_notice(void* state, const PGresult* result) {
    const auto& sink = static_cast<NoticeState*>(state)->sink;
    if (!sink) {
        return;
    }
    try {
        sink(notice_from_result(result));
    } catch (...) {
        // Unwinding through libpq's C frames would be undefined; the notice is lost instead.
    }
}

ConnectError diagnose_connect_failure(const std::string& target, ConnectError error) {
    // The server reports a missing database only after accepting the role, so that answer
    // stands.
    if (error.kind == ConnectFailure::database_missing) {
        return error;
    }
    auto maintenance = Connection::open_maintenance(target);
    if (!maintenance) {
        if (maintenance.error().kind == ConnectFailure::server_unreachable) {
            error.kind = ConnectFailure::server_unreachable;
        }
        return error;
    }
    if (error.database.empty()) {
        return error;
    }
    auto found =
        maintenance->exec_params("SELECT 1 FROM pg_database WHERE datname = $1", {error.database});
    if (found && found->rows() == 0) {
        error.kind = ConnectFailure::database_missing;
    }
    return error;
}

}  // namespace pgpm::db
