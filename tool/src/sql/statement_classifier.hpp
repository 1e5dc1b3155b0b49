#pragma once

#include <string_view>

#include "sql/json_view.hpp"

namespace pgpm::sql {

struct StatementKind {
    bool transaction_control = false;
    bool non_transactional = false;
};

// Classifies a top-level statement from its parse-tree node: `node` is the node name and
// `fields` its JSON object, e.g. "IndexStmt" and {"idxname":"i",...,"concurrent":true}.
StatementKind classify_statement(std::string_view node, JsonView fields);

}  // namespace pgpm::sql
