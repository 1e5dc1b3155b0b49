#include "ledger/record.hpp"

#include <fmt/format.h>

#include <optional>
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

// A module's changes at once (--tx module|all), in the given order, so that deployed_at and
// event_id still follow the order the changes ran in. Not also used for one change with
// one-element arrays: as the prepared per-change statements, the array forms cost about 120 us
// more per change (a revert of 1000 changes in batches: 297 against 415 ms).
constexpr std::string_view kRecordDeploys = R"sql(
WITH package AS (
    INSERT INTO pgpm_migrate.packages (package) VALUES ($1)
    ON CONFLICT (package) DO NOTHING
), change AS (
    INSERT INTO pgpm_migrate.changes (change_id, change_name, package, script_hash)
    SELECT change.id, change.name, $1, change.hash
    FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY
         AS change (name, id, hash, position)
    ORDER BY change.position
), dependency AS (
    INSERT INTO pgpm_migrate.dependencies (change_id, requires)
    SELECT DISTINCT dependency.change_id, dependency.requires
    FROM unnest($5::text[], $6::text[]) AS dependency (change_id, requires)
)
INSERT INTO pgpm_migrate.events (event_type, change_name, package)
SELECT 'deploy', change.name, $1
FROM unnest($2::text[]) WITH ORDINALITY AS change (name, position)
ORDER BY change.position
)sql";

constexpr std::string_view kRecordReverts = R"sql(
WITH change AS (
    DELETE FROM pgpm_migrate.changes WHERE package = $1 AND change_name = ANY ($2::text[])
    RETURNING change_name
)
INSERT INTO pgpm_migrate.events (event_type, change_name, package)
SELECT 'revert', reverted.name, $1
FROM unnest($2::text[]) WITH ORDINALITY AS reverted (name, position)
WHERE reverted.name IN (SELECT change_name FROM change)
ORDER BY reverted.position
)sql";

// Names of the session's prepared statements of kRecordDeploy and kRecordRevert.
constexpr std::string_view kDeployStatementName = "pgpm_record_deploy";
constexpr std::string_view kRevertStatementName = "pgpm_record_revert";

// Failed events carry their message and code; the others have NULL there.
constexpr std::string_view kRecordEvents = R"sql(
INSERT INTO pgpm_migrate.events (event_type, change_name, package, error_message, error_code)
SELECT $1, event.change_name, $2,
       CASE WHEN event.failed THEN event.error_message END,
       CASE WHEN event.failed THEN event.error_code END
FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[])
     AS event (change_name, error_message, error_code, failed)
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

// `sql` with each `$n` replaced by values[n - 1] as an escaped literal (PQescapeLiteral), NULL for
// nullopt: the statement can then travel in one simple-query message together with the change's
// script, one round trip per change where parameters would need a second.
tl::expected<std::string, db::SqlError> bind_literals(
    const db::Connection& connection, std::string_view sql,
    const std::vector<std::optional<std::string_view>>& values) {
    std::string bound;
    bound.reserve(sql.size() + 128);
    for (std::size_t at = 0; at < sql.size();) {
        const bool placeholder =
            sql[at] == '$' && at + 1 < sql.size() && sql[at + 1] >= '1' && sql[at + 1] <= '9';
        if (!placeholder) {
            bound += sql[at++];
            continue;
        }
        const auto& value = values.at(static_cast<std::size_t>(sql[at + 1] - '1'));
        if (!value) {
            bound += "NULL";
        } else {
            auto literal = connection.escape_literal(*value);
            if (!literal)
                return tl::unexpected(std::move(literal.error()));
            bound += *literal;
        }
        at += 2;
    }
    return bound;
}

tl::expected<void, db::SqlError> run(db::Connection& connection,
                                     const tl::expected<std::string, db::SqlError>& statement) {
    if (!statement)
        return tl::unexpected(statement.error());
    return connection.exec(*statement).map([](const db::Result&) {});
}

}  // namespace

std::string prepare_record_statements() {
    // DEALLOCATE first: the session may have prepared them in an earlier run on it.
    return fmt::format(
        "DEALLOCATE ALL;PREPARE {}(text, text, text, text, text[]) AS {};"
        "PREPARE {}(text, text) AS {};",
        kDeployStatementName, kRecordDeploy, kRevertStatementName, kRecordRevert);
}

tl::expected<std::string, db::SqlError> execute_record_deploy(
    const db::Connection& connection, std::string_view package, std::string_view change,
    std::string_view script_hash, const std::vector<std::string>& required) {
    const std::string id = change_id(package, change, script_hash);
    return bind_literals(connection,
                         fmt::format("EXECUTE {}($1, $2, $3, $4, $5)", kDeployStatementName),
                         {package, change, id, script_hash, text_array_literal(required)});
}

tl::expected<std::string, db::SqlError> execute_record_revert(const db::Connection& connection,
                                                              std::string_view package,
                                                              std::string_view change) {
    return bind_literals(connection, fmt::format("EXECUTE {}($1, $2)", kRevertStatementName),
                         {package, change});
}

tl::expected<std::string, db::SqlError> record_deploys_statement(
    const db::Connection& connection, std::string_view package,
    const std::vector<DeployRecord>& changes) {
    std::vector<std::string> names;
    std::vector<std::string> ids;
    std::vector<std::string> hashes;
    std::vector<std::string> dependency_ids;
    std::vector<std::string> dependency_requires;
    for (const auto& record : changes) {
        names.emplace_back(record.change);
        ids.push_back(change_id(package, record.change, record.script_hash));
        hashes.emplace_back(record.script_hash);
        for (const auto& required : record.required) {
            dependency_ids.push_back(ids.back());
            dependency_requires.push_back(required);
        }
    }
    return bind_literals(
        connection, kRecordDeploys,
        {package, text_array_literal(names), text_array_literal(ids), text_array_literal(hashes),
         text_array_literal(dependency_ids), text_array_literal(dependency_requires)});
}

tl::expected<std::string, db::SqlError> record_reverts_statement(
    const db::Connection& connection, std::string_view package,
    const std::vector<std::string>& changes) {
    return bind_literals(connection, kRecordReverts, {package, text_array_literal(changes)});
}

tl::expected<std::optional<std::string>, db::SqlError> sync_tags_statement(
    const db::Connection& connection, const LedgerShape& shape, std::string_view package,
    const std::vector<TagRecord>& tags) {
    if (!shape.tags_table)
        return std::nullopt;
    std::vector<std::string> names;
    std::vector<std::string> changes;
    for (const auto& tag : tags) {
        names.push_back(tag.tag_name);
        changes.push_back(tag.change_name);
    }
    return bind_literals(connection, kSyncTags,
                         {package, text_array_literal(names), text_array_literal(changes)});
}

tl::expected<std::string, db::SqlError> record_deploy(db::Connection& connection,
                                                      std::string_view package,
                                                      std::string_view change,
                                                      std::string_view script_hash,
                                                      const std::vector<std::string>& required) {
    std::string id = change_id(package, change, script_hash);
    const std::string required_array = text_array_literal(required);
    return connection.exec_params(kRecordDeploy, {package, change, id, script_hash, required_array})
        .map([&id](const db::Result&) { return std::move(id); });
}

tl::expected<bool, db::SqlError> record_revert(db::Connection& connection, std::string_view package,
                                               std::string_view change) {
    // The statement's result is its event INSERT, which inserts a row only for a deleted change.
    return connection.exec_params(kRecordRevert, {package, change})
        .map([](const db::Result& result) { return result.affected_rows() == 1; });
}

tl::expected<void, db::SqlError> record_events(db::Connection& connection, EventType type,
                                               std::string_view package,
                                               const std::vector<EventRecord>& events) {
    if (events.empty())
        return {};
    std::vector<std::string> changes;
    std::vector<std::string> messages;
    std::vector<std::string> codes;
    std::vector<std::string> failed;
    for (const auto& event : events) {
        changes.push_back(event.change);
        messages.push_back(event.failure ? event.failure->message : std::string());
        codes.push_back(event.failure ? event.failure->code : std::string());
        failed.push_back(event.failure ? "t" : "f");
    }
    return connection
        .exec_params(kRecordEvents, {event_type_name(type), package, text_array_literal(changes),
                                     text_array_literal(messages), text_array_literal(codes),
                                     text_array_literal(failed)})
        .map([](const db::Result&) {});
}

tl::expected<void, db::SqlError> record_event(db::Connection& connection, EventType type,
                                              std::string_view package, std::string_view change,
                                              const std::optional<EventFailure>& failure) {
    return record_events(connection, type, package, {{std::string(change), failure}});
}

tl::expected<void, db::SqlError> sync_tags(db::Connection& connection, const LedgerShape& shape,
                                           std::string_view package,
                                           const std::vector<TagRecord>& tags) {
    auto statement = sync_tags_statement(connection, shape, package, tags);
    if (!statement)
        return tl::unexpected(std::move(statement.error()));
    if (!*statement)
        return {};
    return run(connection, **statement);
}

}  // namespace pgpm::ledger
