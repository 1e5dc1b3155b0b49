#include "ledger/record.hpp"

#include <utility>

#include "ledger/hash.hpp"
#include "ledger/text_array.hpp"

namespace pgpm::ledger {

namespace {

// The CTEs run on one snapshot, and the foreign keys are checked at the end of the statement,
// when the package and change rows inserted by the earlier CTEs are there.
constexpr std::string_view kRecordDeploy = R"sql(
WITH package AS (
    INSERT INTO pgpm_migrate.packages (package) VALUES ($1)
    ON CONFLICT (package) DO NOTHING
), change AS (
    INSERT INTO pgpm_migrate.changes (change_id, change_name, package, script_hash)
    VALUES ($3, $2, $1, $4)
    RETURNING change_id
), dependency AS (
    INSERT INTO pgpm_migrate.dependencies (change_id, requires)
    SELECT DISTINCT change.change_id, required
    FROM change, unnest($5::text[]) AS required
)
INSERT INTO pgpm_migrate.events (event_type, change_name, package) VALUES ('deploy', $2, $1)
)sql";

constexpr std::string_view kRecordRevert = R"sql(
WITH change AS (
    DELETE FROM pgpm_migrate.changes WHERE package = $1 AND change_name = $2
    RETURNING change_id
)
INSERT INTO pgpm_migrate.events (event_type, change_name, package)
SELECT 'revert', $2, $1 FROM change
)sql";

constexpr std::string_view kRecordEvent = R"sql(
INSERT INTO pgpm_migrate.events (event_type, change_name, package, error_message, error_code)
VALUES ($1, $2, $3, $4, $5)
)sql";

// The DELETE and the INSERT touch distinct rows (tags not wanted, tags wanted), so that their
// running on one snapshot does not matter.
constexpr std::string_view kSyncTags = R"sql(
WITH dropped AS (
    DELETE FROM pgpm_migrate.tags WHERE package = $1 AND tag_name <> ALL ($2::text[])
)
INSERT INTO pgpm_migrate.tags AS tag (package, tag_name, change_name)
SELECT $1, wanted.tag_name, wanted.change_name
FROM unnest($2::text[], $3::text[]) AS wanted (tag_name, change_name)
ON CONFLICT (package, tag_name) DO UPDATE
SET change_name = excluded.change_name, tagged_at = clock_timestamp(), tagged_by = current_user
WHERE tag.change_name IS DISTINCT FROM excluded.change_name
)sql";

std::string_view event_type_name(EventType type) {
    switch (type) {
        case EventType::deploy:
            return "deploy";
        case EventType::revert:
            return "revert";
        case EventType::verify:
            return "verify";
    }
    return "verify";
}

}  // namespace

tl::expected<std::string, db::SqlError> record_deploy(db::Connection& connection,
                                                      std::string_view package,
                                                      std::string_view change,
                                                      std::string_view script_hash,
                                                      const std::vector<std::string>& required) {
    std::string id = change_id(package, change, script_hash);
    const std::string required_array = text_array_literal(required);
    auto inserted =
        connection.exec_params(kRecordDeploy, {package, change, id, script_hash, required_array});
    if (!inserted) {
        return tl::unexpected(std::move(inserted.error()));
    }
    return id;
}

tl::expected<bool, db::SqlError> record_revert(db::Connection& connection, std::string_view package,
                                               std::string_view change) {
    return connection.exec_params(kRecordRevert, {package, change})
        .map([](const db::Result& result) { return result.affected_rows() == 1; });
}

tl::expected<void, db::SqlError> record_event(db::Connection& connection, EventType type,
                                              std::string_view package, std::string_view change,
                                              const std::optional<EventFailure>& failure) {
    std::optional<std::string_view> message;
    std::optional<std::string_view> code;
    if (failure) {
        message = failure->message;
        code = failure->code;
    }
    return connection
        .exec_params(kRecordEvent, {event_type_name(type), change, package, message, code})
        .map([](const db::Result&) {});
}

tl::expected<void, db::SqlError> sync_tags(db::Connection& connection, const LedgerShape& shape,
                                           std::string_view package,
                                           const std::vector<TagRecord>& tags) {
    if (!shape.tags_table) {
        return {};
    }
    std::vector<std::string> names;
    std::vector<std::string> changes;
    for (const auto& tag : tags) {
        names.push_back(tag.tag_name);
        changes.push_back(tag.change_name);
    }
    const std::string names_array = text_array_literal(names);
    const std::string changes_array = text_array_literal(changes);
    return connection.exec_params(kSyncTags, {package, names_array, changes_array})
        .map([](const db::Result&) {});
}

}  // namespace pgpm::ledger
