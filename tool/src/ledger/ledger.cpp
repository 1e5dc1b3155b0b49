#include "ledger/ledger.hpp"

#include <utility>

namespace pgpm::ledger {

namespace {

// One round trip for the three tables: rows told apart by their first column, all columns
// text so that nothing needs parsing. Timestamps in UTC, whatever the session's TimeZone.
constexpr std::string_view kUtc = R"(, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))";

std::string read_query(const LedgerShape& shape) {
    std::string sql =
        "SELECT 'c', package, change_name, change_id, script_hash,"
        " to_char(deployed_at AT TIME ZONE 'UTC'";
    sql += kUtc;
    sql += shape.changes_deployed_by ? ", deployed_by" : ", NULL";
    sql +=
        ", deployed_at FROM pgpm_migrate.changes"
        " UNION ALL SELECT 'd', c.package, c.change_name, d.requires, NULL, NULL, NULL,"
        " NULL::timestamptz FROM pgpm_migrate.dependencies d"
        " JOIN pgpm_migrate.changes c USING (change_id)";
    if (shape.tags_table) {
        sql +=
            " UNION ALL SELECT 't', package, tag_name, change_name, NULL,"
            " to_char(tagged_at AT TIME ZONE 'UTC'";
        sql += kUtc;
        sql += ", tagged_by, tagged_at FROM pgpm_migrate.tags";
    }
    // Changes before their dependencies, which are attached to them by name.
    sql += " ORDER BY 1, 2, 8, 3, 4";
    return sql;
}

std::optional<std::string> nullable(const db::Result& rows, int row, int column) {
    if (rows.is_null(row, column)) {
        return std::nullopt;
    }
    return std::string(rows.get(row, column));
}

}  // namespace

std::vector<std::string> LedgerSnapshot::packages() const {
    std::vector<std::string> names;
    names.reserve(packages_.size());
    for (const auto& [name, rows] : packages_) {
        names.push_back(name);
    }
    return names;
}

const LedgerSnapshot::Package* LedgerSnapshot::package(std::string_view name) const {
    const auto found = packages_.find(name);
    return found == packages_.end() ? nullptr : &found->second;
}

bool LedgerSnapshot::is_deployed(std::string_view package, std::string_view change) const {
    return find(package, change) != nullptr;
}

const DeployedChange* LedgerSnapshot::find(std::string_view package_name,
                                           std::string_view change) const {
    const Package* rows = package(package_name);
    if (rows == nullptr) {
        return nullptr;
    }
    const auto found = rows->change_index.find(change);
    return found == rows->change_index.end() ? nullptr : &rows->changes[found->second];
}

std::span<const DeployedChange> LedgerSnapshot::deployed_changes(
    std::string_view package_name) const {
    const Package* rows = package(package_name);
    return rows == nullptr ? std::span<const DeployedChange>() : rows->changes;
}

std::span<const DeployedTag> LedgerSnapshot::tags(std::string_view package_name) const {
    const Package* rows = package(package_name);
    return rows == nullptr ? std::span<const DeployedTag>() : rows->tags;
}

const std::vector<ChangeRef>& LedgerSnapshot::dependents_of(std::string_view package_name,
                                                            std::string_view change) const {
    static const std::vector<ChangeRef> none;
    const auto found = dependents_.find(std::string(package_name) + ":" + std::string(change));
    return found == dependents_.end() ? none : found->second;
}

void LedgerSnapshot::index_dependents() {
    for (const auto& [name, rows] : packages_) {
        for (const auto& deployed : rows.changes) {
            for (const auto& required : deployed.required) {
                // A name without a package is one of the same package.
                auto key =
                    required.find(':') == std::string::npos ? name + ":" + required : required;
                auto& dependents = dependents_[std::move(key)];
                // `x` and `package:x` in one change's requires name one dependency.
                const ChangeRef dependent{name, deployed.change_name};
                if (dependents.empty() || dependents.back() != dependent)
                    dependents.push_back(dependent);
            }
        }
    }
}

tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection) {
    auto shape = detect_ledger(connection);
    if (!shape) {
        return tl::unexpected(std::move(shape.error()));
    }
    return read_ledger(connection, *shape);
}

tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection,
                                                       const LedgerShape& shape) {
    LedgerSnapshot snapshot(shape);
    if (shape.state == LedgerState::absent) {
        return snapshot;
    }
    auto rows = connection.exec(read_query(shape));
    if (!rows) {
        return tl::unexpected(std::move(rows.error()));
    }
    for (int row = 0; row < rows->rows(); ++row) {
        const std::string_view kind = rows->get(row, 0);
        auto& package = snapshot.packages_[std::string(rows->get(row, 1))];
        std::string name(rows->get(row, 2));
        if (kind == "c") {
            package.change_index.emplace(name, package.changes.size());
            package.changes.push_back({std::string(rows->get(row, 3)),
                                       std::move(name),
                                       std::string(rows->get(row, 4)),
                                       std::string(rows->get(row, 5)),
                                       nullable(*rows, row, 6),
                                       {}});
        } else if (kind == "d") {
            package.changes[package.change_index.at(name)].required.emplace_back(rows->get(row, 3));
        } else {
            package.tags.push_back({std::move(name), std::string(rows->get(row, 3)),
                                    std::string(rows->get(row, 5)),
                                    std::string(rows->get(row, 6))});
        }
    }
    snapshot.index_dependents();
    return snapshot;
}

}  // namespace pgpm::ledger
