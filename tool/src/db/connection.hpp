#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "db/connect_error.hpp"
#include "db/notice.hpp"
#include "db/result.hpp"
#include "db/sql_error.hpp"

namespace pgpm::db {

struct ConnectionDeleter {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};

// A script that failed: the server's error and how many of its statements had completed before
// it, so the caller knows which statement failed (the one after them).
struct ScriptError {
    SqlError error;
    std::size_t statements_done = 0;
};

// One libpq connection (PQfinish on destruction). Move-only; a moved-from Connection may only be
// destroyed or assigned to. Use it from one thread at a time; distinct connections may be used
// on distinct threads at once. The server's notices never reach stderr: they go to the sink, or
// nowhere.
class Connection {
public:
    // `target` is what `-d` takes: empty (libpq's defaults: PG* variables, service files,
    // .pgpass), a database name, a `key=value` string or a `postgresql://` URI. The session's
    // application_name is "pgpm" unless the target or PGAPPNAME name another; its
    // client_encoding is UTF8 unless the target names another.
    static tl::expected<Connection, ConnectError> open(const std::string& target);

    // The target's server, role and settings, but database `database`.
    static tl::expected<Connection, ConnectError> open_database(const std::string& target,
                                                                const std::string& database);

    // The target's server, role and settings, but the `postgres` database, else `template1`.
    static tl::expected<Connection, ConnectError> open_maintenance(const std::string& target);

    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    std::string database_name() const;
    int server_version() const;  // PQserverVersion: 150004 for 15.4
    int backend_pid() const;
    std::string server_encoding() const;  // "UTF8", "SQL_ASCII", ...
    bool is_broken() const;               // the server went away; nothing more will work
    bool in_transaction() const;          // inside BEGIN ... COMMIT, failed or not
    // libpq's cancel handle of this connection (PQgetCancel; free it with PQfreeCancel), for
    // InterruptCancel; null when there is none.
    PGcancel* cancel_handle() const;

    // Simple-query protocol, so `sql` may hold several statements; returns the last one's result
    // (PQexec semantics). Without BEGIN, the server runs the statements of one call in one
    // implicit transaction: a failure undoes the earlier ones, and statements that refuse a
    // transaction block (CREATE DATABASE, VACUUM, ...) must be sent alone.
    tl::expected<Result, SqlError> exec(std::string_view sql);

    // Like exec, also counting the statements the server completed: one result arrives per
    // non-empty statement, so on failure `statements_done` statements ran (and, by the rule
    // above, are rolled back unless an explicit transaction was committed in between).
    // `on_statement`, when set, is called with the count so far and the statement's result as
    // each statement completes. COPY FROM STDIN fails (no data is sent); COPY TO STDOUT's data is
    // discarded.
    using StatementDone = std::function<void(std::size_t statements_done, const Result& result)>;
    tl::expected<std::size_t, ScriptError> exec_script(std::string_view sql,
                                                       const StatementDone& on_statement = {});

    // One statement with text parameters $1, $2, ... (nullopt is NULL); the server infers their
    // types. Values are never spliced into the SQL text.
    tl::expected<Result, SqlError> exec_params(
        std::string_view sql, const std::vector<std::optional<std::string_view>>& params);

    // A quoted literal or identifier for SQL that cannot take parameters (utility statements such
    // as CREATE DATABASE). Fails only for text invalid in the client encoding.
    tl::expected<std::string, SqlError> escape_literal(std::string_view text) const;
    tl::expected<std::string, SqlError> escape_identifier(std::string_view text) const;

    // Replaces the sink; an empty sink drops notices. Exceptions from the sink are swallowed
    // (they cannot cross libpq).
    void set_notice_sink(NoticeSink sink);

private:
    // Owned through a pointer so that libpq's receiver argument survives moves of the Connection.
    struct NoticeState {
        NoticeSink sink;
    };

    explicit Connection(std::unique_ptr<PGconn, ConnectionDeleter> connection);
    static void receive_notice(void* state, const PGresult* result);

    std::unique_ptr<PGconn, ConnectionDeleter> connection_;
    std::unique_ptr<NoticeState> notices_;
};

// For a failed Connection::open: asks the maintenance database whether the server is up and
// whether `error.database` exists, which works whatever language the messages are in, and
// returns `error` with its kind corrected. One more connection attempt; call it only to report.
ConnectError diagnose_connect_failure(const std::string& target, ConnectError error);

}  // namespace pgpm::db
