#include "db/connect_error.hpp"

#include <initializer_list>

namespace pgpm::db {

namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> markers) {
    for (auto marker : markers) {
        if (text.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    if (from.empty()) {
        return;
    }
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

// The raw password of `postgresql://user:password@host/...`, found the way libpq finds the user
// information: up to the first `@` before any `/`.
std::string_view uri_password(std::string_view target) {
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (!target.starts_with(scheme)) {
            continue;
        }
        const auto rest = target.substr(scheme.size());
        const auto end = rest.find_first_of("@/");
        if (end == std::string_view::npos || rest[end] != '@') {
            return {};
        }
        const auto user_info = rest.substr(0, end);
        const auto colon = user_info.find(':');
        return colon == std::string_view::npos ? std::string_view() : user_info.substr(colon + 1);
    }
    return {};
}

}  // namespace

ConnectFailure classify_connect_message(std::string_view message) {
    // The server checks credentials before the database, so a missing database is the most
    // specific answer and is tested first.
    if (message.find("database \"") != std::string_view::npos &&
        message.find("\" does not exist") != std::string_view::npos) {
        return ConnectFailure::database_missing;
    }
    if (contains_any(message,
                     {"authentication failed", "no pg_hba.conf entry", "no password supplied",
                      "role \"", "password is required", "certificate"})) {
        return ConnectFailure::auth_failed;
    }
    if (contains_any(
            message,
            {"could not connect", "Connection refused", "No such file or directory",
             "could not translate host name", "timeout expired", "Is the server running",
             "server closed the connection unexpectedly", "the database system is starting up",
             "the database system is shutting down", "the database system is in recovery mode",
             "Network is unreachable", "No route to host"})) {
        return ConnectFailure::server_unreachable;
    }
    return ConnectFailure::other;
}

std::string mask_password(std::string message, std::string_view target) {
    const auto password = uri_password(target);
    if (password.empty()) {
        return message;
    }
    replace_all(message, password, "***");
    return message;
}

}  // namespace pgpm::db
