#include "engine/test_database.hpp"

#include <cctype>

#include <fmt/format.h>

#include "ledger/hash.hpp"

namespace pgpm::engine {

namespace {

// The mark, as the database's comment: what tells our throw-away databases from the user's.
constexpr std::string_view kMark = "pgpm test-packages database (dropped by pgpm)";
constexpr std::size_t kMaxIdentifierBytes = 63;

std::string short_hash(std::string_view text) {
    return ledger::sha256_hex(text).substr(0, 8);
}

std::string with_hash(std::string_view name, std::string_view hashed) {
    const auto suffix = "_" + short_hash(hashed);
    return std::string(name.substr(0, kMaxIdentifierBytes - suffix.size())) + suffix;
}

// Whether the database exists, and whether it carries our mark.
struct Existing {
    bool exists = false;
    bool ours = false;
};

tl::expected<Existing, db::SqlError> find_database(db::Connection& maintenance,
                                                   const std::string& name) {
    auto found = maintenance.exec_params(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') = $2 "
        "FROM pg_database WHERE datname = $1",
        {name, kMark});
    if (!found)
        return tl::unexpected(std::move(found.error()));
    if (found->rows() == 0)
        return Existing{};
    return Existing{true, found->get(0, 0) == "t"};
}

tl::expected<void, db::SqlError> exec(db::Connection& connection, const std::string& sql) {
    return connection.exec(sql).map([](const db::Result&) {});
}

tl::expected<void, db::SqlError> drop_marked(db::Connection& maintenance, const std::string& name) {
    auto identifier = maintenance.escape_identifier(name);
    if (!identifier)
        return tl::unexpected(std::move(identifier.error()));
    // WITH (FORCE) terminates the sessions still on it (PostgreSQL 13+).
    return exec(maintenance, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", *identifier));
}

}  // namespace

std::string test_database_name(std::string_view prefix, std::string_view module,
                               std::set<std::string>& taken) {
    std::string name;
    for (const char c : std::string(prefix) + std::string(module)) {
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        name += (std::isalnum(static_cast<unsigned char>(lower)) != 0 && (lower & 0x80) == 0) ||
                        lower == '_'
                    ? lower
                    : '_';
    }
    if (name.size() > kMaxIdentifierBytes || taken.contains(name))
        name = with_hash(name, module);
    taken.insert(name);
    return name;
}

std::string alternative_database_name(std::string_view name) {
    return with_hash(name, std::string(name) + "#taken");
}

tl::expected<std::string, db::SqlError> create_test_database(
    db::Connection& maintenance, const std::string& name,
    const std::optional<std::string>& template_database) {
    std::string chosen = name;
    auto existing = find_database(maintenance, chosen);
    if (!existing)
        return tl::unexpected(std::move(existing.error()));
    if (existing->exists && !existing->ours) {
        chosen = alternative_database_name(name);
        existing = find_database(maintenance, chosen);
        if (!existing)
            return tl::unexpected(std::move(existing.error()));
    }
    if (existing->exists) {
        if (!existing->ours) {
            db::SqlError taken;
            taken.severity = "ERROR";
            taken.sqlstate = "42P04";
            taken.message =
                fmt::format("databases \"{}\" and \"{}\" exist and are not pgpm's", name, chosen);
            return tl::unexpected(std::move(taken));
        }
        if (auto dropped = drop_marked(maintenance, chosen); !dropped)
            return tl::unexpected(std::move(dropped.error()));
    }
    auto identifier = maintenance.escape_identifier(chosen);
    auto mark = maintenance.escape_literal(kMark);
    if (!identifier || !mark)
        return tl::unexpected(identifier ? mark.error() : identifier.error());
    std::string create = "CREATE DATABASE " + *identifier;
    if (template_database) {
        auto source = maintenance.escape_identifier(*template_database);
        if (!source)
            return tl::unexpected(std::move(source.error()));
        create += " TEMPLATE " + *source;
    }
    if (auto created = exec(maintenance, create); !created)
        return tl::unexpected(std::move(created.error()));
    if (auto marked =
            exec(maintenance, fmt::format("COMMENT ON DATABASE {} IS {}", *identifier, *mark));
        !marked) {
        return tl::unexpected(std::move(marked.error()));
    }
    return chosen;
}

tl::expected<void, db::SqlError> drop_test_database(db::Connection& maintenance,
                                                    const std::string& name) {
    auto existing = find_database(maintenance, name);
    if (!existing)
        return tl::unexpected(std::move(existing.error()));
    if (!existing->ours)
        return {};
    return drop_marked(maintenance, name);
}

}  // namespace pgpm::engine
