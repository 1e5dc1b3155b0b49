#pragma once

#include <string>
#include <string_view>

namespace pgpm::db {

// Why a connection could not be made, as far as the CLI's message and exit code care (SPEC §4:
// say whether the server or only the database is missing).
enum class ConnectFailure {
    server_unreachable,  // no server answered (socket missing, refused, unknown host, timeout)
    database_missing,    // the server answered that the database does not exist (3D000)
    auth_failed,         // the server refused the role or its credentials
    other,               // anything else: a malformed target, too many connections, ...
};

struct ConnectError {
    ConnectFailure kind = ConnectFailure::other;
    // libpq's message without its final newline; any password the target holds is masked
    // (libpq quotes a malformed URI whole, password included).
    std::string message;
    // The database libpq tried to reach (after PG* variables and service files); empty when the
    // target did not even parse.
    std::string database;
};

// Classifies by libpq's and the server's English message texts; diagnose_connect_failure asks
// the server instead, which also works when the messages are translated.
ConnectFailure classify_connect_message(std::string_view message);

// `message` with the password of a URI target masked wherever it appears: libpq quotes parts of
// a malformed URI, or all of it, but never the value of a `password=` keyword.
std::string mask_password(std::string message, std::string_view target);

}  // namespace pgpm::db
