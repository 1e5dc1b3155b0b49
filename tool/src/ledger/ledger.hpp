#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"
#include "ledger/schema.hpp"

namespace pgpm::ledger {

struct DeployedChange {
    std::string change_id;
    std::string change_name;
    std::string script_hash;
    std::string deployed_at;  // UTC, "YYYY-MM-DDThh:mm:ss.ffffffZ"
    // nullopt without the column, and for rows the original pgpm wrote.
    std::optional<std::string> deployed_by;
    std::vector<std::string> required;  // its dependencies rows ("module:change"), sorted
};

struct DeployedTag {
    std::string tag_name;
    std::string change_name;  // the columns below are nullable: NULL reads as empty
    std::string tagged_at;    // UTC, like deployed_at
    std::string tagged_by;
};

struct ChangeRef {
    std::string package;
    std::string change;
    bool operator==(const ChangeRef&) const = default;
};

// The ledger as it was when the run read it (once, before changing anything): the run then
// knows what it wrote itself.
class LedgerSnapshot {
public:
    // An empty ledger: nothing deployed.
    explicit LedgerSnapshot(LedgerShape shape) : shape_(shape) {}

    const LedgerShape& shape() const { return shape_; }

    // Every package with a deployed change or a tag, sorted.
    std::vector<std::string> packages() const;
    bool is_deployed(std::string_view package, std::string_view change) const;
    const DeployedChange* find(std::string_view package, std::string_view change) const;
    // In deploy order (deployed_at).
    std::span<const DeployedChange> deployed_changes(std::string_view package) const;
    // In the order they were tagged.
    std::span<const DeployedTag> tags(std::string_view package) const;
    // The deployed changes, from any package, whose requires names `package:change`, or names
    // `change` alone from the same package as the original's revert also accepts; by package,
    // then deploy order.
    const std::vector<ChangeRef>& dependents_of(std::string_view package,
                                                std::string_view change) const;

private:
    struct Package {
        std::vector<DeployedChange> changes;
        std::map<std::string, std::size_t, std::less<>> change_index;  // name -> changes[i]
        std::vector<DeployedTag> tags;
    };

    const Package* package(std::string_view name) const;
    // Fills dependents_ from the requires of every deployed change, once the rows are read: a
    // revert asks for the dependents of each change it reverts.
    void index_dependents();

    LedgerShape shape_;
    std::map<std::string, Package, std::less<>> packages_;
    std::map<std::string, std::vector<ChangeRef>, std::less<>> dependents_;  // "package:change"

    friend tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection,
                                                                  const LedgerShape& shape);
    // One query, when the caller knows the shape (ensure_ledger returned it).
    tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection,
                                                           const LedgerShape& shape);
};

// Two queries: the catalog (detect_ledger), then every changes, dependencies and tags row at
// once. A missing ledger reads as empty and is not created.
tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection);
// One query, when the caller knows the shape (ensure_ledger returned it).
tl::expected<LedgerSnapshot, db::SqlError> read_ledger(db::Connection& connection,
                                                       const LedgerShape& shape);

}  // namespace pgpm::ledger
