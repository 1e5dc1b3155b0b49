#include "sql/statement_classifier.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace pgpm::sql {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// The {"DefElem":{...}} fields named `name` in an option list, absent when not given.
JsonView find_option(JsonView options, std::string_view name) {
    for (const JsonView& item : options.items()) {
        const JsonView def_elem = item.member("DefElem");
        if (def_elem.member("defname").string() == name)
            return def_elem;
    }
    return {};
}

// The value of a boolean option as the server reads it (defGetBoolean); a value it would
// reject counts as true, which errs towards running the statement outside a transaction.
bool option_is_true(JsonView def_elem) {
    const JsonView arg = def_elem.member("arg");
    if (!arg.present())
        return true;
    if (const JsonView integer = arg.member("Integer"); integer.present()) {
        // A zero is encoded by leaving the value out.
        return integer.member("ival").integer().value_or(0) != 0;
    }
    if (const JsonView boolean = arg.member("Boolean"); boolean.present()) {
        return boolean.member("boolval").is_true();
    }
    const std::string_view text = arg.member("String").member("sval").string();
    return !equals_ignoring_case(text, "false") && !equals_ignoring_case(text, "off");
}

bool option_is_true(JsonView options, std::string_view name, bool by_default) {
    const JsonView def_elem = find_option(options, name);
    return def_elem.present() ? option_is_true(def_elem) : by_default;
}

bool is_reindex_non_transactional(JsonView fields) {
    const std::string_view kind = fields.member("kind").string();
    return kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_SYSTEM" ||
           kind == "REINDEX_OBJECT_DATABASE" ||
           option_is_true(fields.member("params"), "concurrently", false);
}

bool detaches_partition_concurrently(JsonView fields) {
    const auto cmds = fields.member("cmds").items();
    return std::any_of(cmds.begin(), cmds.end(), [](JsonView item) {
        const JsonView cmd = item.member("AlterTableCmd");
        return cmd.member("subtype").string() == "AT_DetachPartition" &&
               cmd.member("def").member("PartitionCmd").member("concurrent").is_true();
    });
}

// Creating the replication slot is what cannot be undone; without a connection no slot is
// created unless asked for explicitly.
bool creates_replication_slot(JsonView fields) {
    const JsonView options = fields.member("options");
    return option_is_true(options, "create_slot", option_is_true(options, "connect", true));
}

// Refreshing the publications syncs tables over the replication connection.
bool refreshes_subscription(JsonView fields) {
    const std::string_view kind = fields.member("kind").string();
    if (kind == "ALTER_SUBSCRIPTION_REFRESH")
        return true;
    const bool changes_publications = kind == "ALTER_SUBSCRIPTION_SET_PUBLICATION" ||
                                      kind == "ALTER_SUBSCRIPTION_ADD_PUBLICATION" ||
                                      kind == "ALTER_SUBSCRIPTION_DROP_PUBLICATION";
    return changes_publications && option_is_true(fields.member("options"), "refresh", true);
}

bool is_non_transactional(std::string_view node, JsonView fields) {
    static constexpr std::array always{
        std::string_view("CreatedbStmt"),
        std::string_view("DropdbStmt"),
        std::string_view("CreateTableSpaceStmt"),
        std::string_view("DropTableSpaceStmt"),
        std::string_view("AlterSystemStmt"),
        // Whether the subscription still has a slot is only known on the server.
        std::string_view("DropSubscriptionStmt"),
    };
    if (std::find(always.begin(), always.end(), node) != always.end())
        return true;
    // ANALYZE shares the node with VACUUM and may run in a transaction.
    if (node == "VacuumStmt")
        return fields.member("is_vacuumcmd").is_true();
    if (node == "ClusterStmt")
        return !fields.member("relation").present();
    if (node == "ReindexStmt")
        return is_reindex_non_transactional(fields);
    if (node == "IndexStmt" || node == "DropStmt")
        return fields.member("concurrent").is_true();
    if (node == "AlterTableStmt")
        return detaches_partition_concurrently(fields);
    if (node == "AlterDatabaseStmt")
        return find_option(fields.member("options"), "tablespace").present();
    if (node == "CreateSubscriptionStmt")
        return creates_replication_slot(fields);
    if (node == "AlterSubscriptionStmt")
        return refreshes_subscription(fields);
    if (node == "DiscardStmt")
        return fields.member("target").string() == "DISCARD_ALL";
    return false;
}

}  // namespace

StatementKind classify_statement(std::string_view node, JsonView fields) {
    if (node == "TransactionStmt")
        return {.transaction_control = true};
    return {.non_transactional = is_non_transactional(node, fields)};
}

}  // namespace pgpm::sql
