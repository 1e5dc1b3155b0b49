#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace pgpm::db {

// libpq keyword/value pairs in the order PQconnectdbParams reads them: a later pair overrides an
// earlier one, and with expand_dbname a connection string in `dbname` is expanded in its place.
struct ConnectParams {
    std::vector<std::pair<std::string, std::string>> pairs;
    bool expand_dbname = false;
};

// Whether libpq reads `target` as a connection string (`key=value` or a URI) rather than as a
// database name: the test libpq applies to an expanded dbname.
bool is_connection_string(std::string_view target);

// For `-d`: empty (libpq's defaults: PG* variables, service files), a database name, a
// `key=value` string or a URI. Our settings come first so that the target overrides them.
ConnectParams target_params(const std::string& target);

// The target's settings with the database replaced by `database` (SPEC §4: `--createdb` and the
// failure diagnosis use `-d`'s parameters but the maintenance database). The error is libpq's
// parse message for a malformed target.
tl::expected<ConnectParams, std::string> params_with_database(const std::string& target,
                                                              const std::string& database);

}  // namespace pgpm::db
