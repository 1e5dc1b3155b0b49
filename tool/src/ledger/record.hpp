#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"
#include "ledger/schema.hpp"

// Writing the ledger. Deploy and revert rows are written inside the
// caller's transaction, so that a change and its rows commit or roll back together. Who ran it
// (deployed_by, performed_by, tagged_by) is left to the columns' defaults, current_user, so the
// same statements work on a ledger without those columns.
namespace pgpm::ledger {

enum class EventType { deploy, revert, verify };

// What failed: the server's message and its SQLSTATE.
struct EventFailure {
    std::string message;
    std::string code;
};

struct TagRecord {
    std::string tag_name;
    std::string change_name;
};

// Deploy and revert send each change's ledger rows in the same message as its script. The rows
// are written by statements the session prepares once (SQL PREPARE,
// so the server parses and plans them once, not per change) and runs with EXECUTE, every value
// escaped by libpq (PQescapeLiteral).

// The PREPARE statements of the two below, after a DEALLOCATE ALL of the session's prepared
// statements (the connection is pgpm's own), so that they may be sent again on a session. They
// survive rollbacks, but not a script's DISCARD ALL or DEALLOCATE: prepare again after one.
std::string prepare_record_statements();
// How many statements prepare_record_statements() holds.
constexpr std::size_t kPrepareRecordStatements = 3;

// EXECUTE of: insert the package (kept if present), the changes row, its dependencies rows
// (`required`: "module:change", tags resolved; duplicates collapse) and a `deploy` event. An
// original ledger's unique(package, script_hash) may refuse it (23505).
tl::expected<std::string, db::SqlError> execute_record_deploy(
    const db::Connection& connection, std::string_view package, std::string_view change,
    std::string_view script_hash, const std::vector<std::string>& required);

// EXECUTE of: delete the changes row (its dependencies rows cascade) and insert a `revert` event,
// only when the change was recorded as deployed.
tl::expected<std::string, db::SqlError> execute_record_revert(const db::Connection& connection,
                                                              std::string_view package,
                                                              std::string_view change);

// Under --tx module|all a module's changes are all-or-nothing anyway, so their rows are written
// by one statement when its changes are done instead of one per change: the same rows, in run
// order. Literal statements (bound with PQescapeLiteral), sent once per module.
struct DeployRecord {
    std::string_view change;
    std::string_view script_hash;
    std::span<const std::string> required;
};
// Statement of: the package, every change's changes and dependencies rows and `deploy` event.
tl::expected<std::string, db::SqlError> record_deploys_statement(
    const db::Connection& connection, std::string_view package,
    const std::vector<DeployRecord>& changes);
// Statement of: delete the changes' rows and insert a `revert` event for each change that was
// recorded as deployed.
tl::expected<std::string, db::SqlError> record_reverts_statement(
    const db::Connection& connection, std::string_view package,
    const std::vector<std::string>& changes);

// Makes the package's tags rows be exactly `tags`, the tags of its deployed changes (unique
// names): drops the others, adds the missing ones, moves those that now name another change.
// Kept rows keep when and by whom they were tagged. nullopt without the tags table.
tl::expected<std::optional<std::string>, db::SqlError> sync_tags_statement(
    const db::Connection& connection, const LedgerShape& shape, std::string_view package,
    const std::vector<TagRecord>& tags);

// The same rows written on their own, one round trip each: record_deploy returns the change_id,
// record_revert false (nothing written) when the change was not recorded as deployed.
tl::expected<std::string, db::SqlError> record_deploy(db::Connection& connection,
                                                      std::string_view package,
                                                      std::string_view change,
                                                      std::string_view script_hash,
                                                      const std::vector<std::string>& required);
tl::expected<bool, db::SqlError> record_revert(db::Connection& connection, std::string_view package,
                                               std::string_view change);
tl::expected<void, db::SqlError> sync_tags(db::Connection& connection, const LedgerShape& shape,
                                           std::string_view package,
                                           const std::vector<TagRecord>& tags);

struct EventRecord {
    std::string change;
    std::optional<EventFailure> failure;
};

// Events on their own, in one statement: verify outcomes, or a failed deploy or revert. A failure
// event must outlive the rollback of the failed change: call it after the ROLLBACK, outside a
// transaction, so that it commits by itself. Only into an existing ledger (verify never creates
// one).
tl::expected<void, db::SqlError> record_events(db::Connection& connection, EventType type,
                                               std::string_view package,
                                               const std::vector<EventRecord>& events);
tl::expected<void, db::SqlError> record_event(db::Connection& connection, EventType type,
                                              std::string_view package, std::string_view change,
                                              const std::optional<EventFailure>& failure);

}  // namespace pgpm::ledger
