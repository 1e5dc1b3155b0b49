#pragma once

#include <libpq-fe.h>

#include <string>

#include "db/notice.hpp"
#include "db/sql_error.hpp"

// Reading PostgreSQL's error and notice fields out of a PGresult; internal to db/.
namespace pgpm::db {

// `result` is an error result (PGRES_FATAL_ERROR); `connection` tells a lost connection apart.
SqlError sql_error_from_result(const PGresult* result, const PGconn* connection);

// An error libpq reports without a result (a query that could not be sent, an escape that failed).
SqlError sql_error_from_connection(const PGconn* connection);

Notice notice_from_result(const PGresult* result);

// libpq's messages end with a newline, the CLI adds its own.
std::string without_final_newline(const char* message);

}  // namespace pgpm::db
