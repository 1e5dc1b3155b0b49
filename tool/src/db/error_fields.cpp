#include "db/error_fields.hpp"

#include <charconv>
#include <string_view>

namespace pgpm::db {

namespace {

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? value : "";
}

int number_field(const PGresult* result, int code) {
    const std::string text = field(result, code);
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// The untranslated severity exists since PostgreSQL 9.6; older servers send only the other.
std::string severity(const PGresult* result) {
    auto value = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    return value.empty() ? field(result, PG_DIAG_SEVERITY) : value;
}

SqlError client_error(std::string message, const PGconn* connection) {
    SqlError error;
    error.severity = "ERROR";
    error.sqlstate = PQstatus(connection) == CONNECTION_BAD ? "08006" : "";
    error.message = std::move(message);
    return error;
}

}  // namespace

std::string without_final_newline(const char* message) {
    std::string_view text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

SqlError sql_error_from_result(const PGresult* result, const PGconn* connection) {
    if (result == nullptr) {
        return sql_error_from_connection(connection);
    }
    // Errors libpq makes up (the server went away) carry only a message, no fields.
    if (PQresultErrorField(result, PG_DIAG_SQLSTATE) == nullptr) {
        return client_error(without_final_newline(PQresultErrorMessage(result)), connection);
    }
    SqlError error;
    error.severity = severity(result);
    error.sqlstate = field(result, PG_DIAG_SQLSTATE);
    error.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    error.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(result, PG_DIAG_MESSAGE_HINT);
    error.context = field(result, PG_DIAG_CONTEXT);
    error.position = number_field(result, PG_DIAG_STATEMENT_POSITION);
    error.internal_position = number_field(result, PG_DIAG_INTERNAL_POSITION);
    error.internal_query = field(result, PG_DIAG_INTERNAL_QUERY);
    return error;
}

SqlError sql_error_from_connection(const PGconn* connection) {
    return client_error(without_final_newline(PQerrorMessage(connection)), connection);
}

Notice notice_from_result(const PGresult* result) {
    Notice notice{severity(result), field(result, PG_DIAG_SQLSTATE),
                  field(result, PG_DIAG_MESSAGE_PRIMARY), field(result, PG_DIAG_MESSAGE_DETAIL),
                  field(result, PG_DIAG_MESSAGE_HINT)};
    // libpq's own notices carry only the whole message.
    if (notice.message.empty()) {
        notice.message = without_final_newline(PQresultErrorMessage(result));
    }
    return notice;
}

}  // namespace pgpm::db
