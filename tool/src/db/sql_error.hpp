#pragma once

#include <string>

namespace pgpm::db {

// An error the server (or libpq, for a lost connection) reported for a statement, with the
// fields PostgreSQL sends (see "Error Message Fields" in the protocol documentation).
struct SqlError {
    std::string severity;  // ERROR, FATAL or PANIC, never translated
    // Five characters. libpq's own errors have none from the server: a lost connection gets
    // 08006 (connection_failure), anything else (out of memory) stays empty.
    std::string sqlstate;
    std::string message;  // the primary message, one line, no "ERROR:" prefix
    std::string detail;
    std::string hint;
    std::string context;  // the call stack of PL/pgSQL functions and DO blocks, one per line
    // 1-based position in characters (not bytes) into the text that was sent, so for a script
    // into the whole script; 0 when the server gave none.
    int position = 0;
    // Where the error is in a query the server generated (a PL/pgSQL expression, a SQL function
    // body): `internal_position` indexes `internal_query`, which is empty when there is none.
    int internal_position = 0;
    std::string internal_query;
};

}  // namespace pgpm::db
