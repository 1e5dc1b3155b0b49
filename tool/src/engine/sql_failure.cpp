#include "engine/sql_failure.hpp"

#include <array>
#include <regex>
#include <utility>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"

namespace pgpm::engine {

namespace {

// The roles `pgpm admin-users bootstrap` creates, which modules grant to.
constexpr std::array<std::string_view, 3> kBootstrapRoles{"anonymous", "authenticated",
                                                          "administrator"};

// Extensions shipped with PostgreSQL's contrib; others name their own Debian package.
constexpr std::array<std::string_view, 20> kContribExtensions{
    "citext",        "pgcrypto",  "uuid-ossp",  "hstore",   "pg_trgm",
    "ltree",         "btree_gin", "btree_gist", "cube",     "earthdistance",
    "fuzzystrmatch", "intarray",  "isn",        "lo",       "pg_stat_statements",
    "postgres_fdw",  "dblink",    "tablefunc",  "unaccent", "tsm_system_rows"};

std::string quoted_name_after(const std::string& message, const std::regex& pattern) {
    std::smatch match;
    return std::regex_search(message, match, pattern) ? match[1].str() : std::string();
}

std::string extension_hint(const std::string& extension) {
    for (auto contrib : kContribExtensions) {
        if (extension == contrib) {
            return fmt::format(
                "hint: extension \"{}\" ships with PostgreSQL's contrib modules: install them on "
                "the database server (Debian: the postgresql-contrib package)",
                extension);
        }
    }
    if (extension == "postgis")
        return "hint: install PostGIS on the database server (Debian: postgresql-NN-postgis-3)";
    if (extension == "vector")
        return "hint: install pgvector on the database server (Debian: postgresql-NN-pgvector)";
    return fmt::format(
        "hint: install extension \"{}\" on the database server, or remove it from the module's "
        "control file requires",
        extension);
}

// Our hint for causes we recognise, or nothing.
std::string known_cause_hint(const db::SqlError& error) {
    if (error.sqlstate == "42704") {
        static const std::regex role(R"re(^role "([^"]+)" does not exist)re");
        const auto name = quoted_name_after(error.message, role);
        for (auto bootstrap : kBootstrapRoles) {
            if (name == bootstrap) {
                return fmt::format(
                    "hint: role \"{}\" is one of the roles `pgpm admin-users bootstrap` creates: "
                    "run it once on this server, then deploy again",
                    name);
            }
        }
    }
    // PostgreSQL 15 says it cannot open the control file; later versions that it is not
    // available.
    static const std::regex control_file(R"re(extension control file "[^"]*/([^/"]+)\.control")re");
    static const std::regex not_available(R"re(^extension "([^"]+)" is not available)re");
    if (auto name = quoted_name_after(error.message, control_file); !name.empty())
        return extension_hint(name);
    if (auto name = quoted_name_after(error.message, not_available); !name.empty())
        return extension_hint(name);
    return {};
}

}  // namespace

std::string error_message(const db::SqlError& error) {
    if (error.sqlstate.empty())
        return error.message;
    return fmt::format("{} [{}]", error.message, error.sqlstate);
}

std::vector<std::string> error_notes(const db::SqlError& error) {
    std::vector<std::string> notes;
    if (!error.detail.empty())
        notes.push_back("DETAIL: " + error.detail);
    if (!error.hint.empty())
        notes.push_back("HINT: " + error.hint);
    if (!error.context.empty()) {
        std::string context = "CONTEXT: ";
        for (const char c : error.context)
            context += c == '\n' ? std::string("\n         ") : std::string(1, c);
        notes.push_back(std::move(context));
    }
    if (auto hint = known_cause_hint(error); !hint.empty())
        notes.push_back(std::move(hint));
    return notes;
}

Diagnostic script_error_at(const ChangeScript& script, const db::SqlError& error,
                           std::size_t original_offset) {
    auto diagnostic = diagnostic_at_offset(Severity::error, script.display_path,
                                           LineIndex(script.prepared.original()), original_offset,
                                           error_message(error));
    diagnostic.notes = error_notes(error);
    return diagnostic;
}

Diagnostic script_error_after(const ChangeScript& script, const db::SqlError& error,
                              std::string_view what) {
    auto diagnostic = diagnostic_for(Severity::error, script.display_path,
                                     fmt::format("{}: {}", what, error_message(error)));
    diagnostic.notes = error_notes(error);
    return diagnostic;
}

}  // namespace pgpm::engine
