#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"

namespace pgpm::ledger::test {

// The original pgpm's schema.sql tables, as it writes them (its routines left out): the ledger
// an existing pgpm user has.
extern const char* const kOriginalLedgerDdl;

// The first column of every row of `sql`, NULL as "NULL", or throws with the server's message.
std::vector<std::string> column(db::Connection& connection, const std::string& sql);
std::string scalar(db::Connection& connection, const std::string& sql);

// "table.column type [not null] [default ...]" for every column of schema pgpm_migrate.
std::vector<std::string> ledger_columns(db::Connection& connection);
// "table constraint_name definition" for every constraint of schema pgpm_migrate.
std::vector<std::string> ledger_constraints(db::Connection& connection);

// A LOGIN role for one test, named uniquely (roles are cluster-wide), dropped at the end. Declare
// it before the database it is granted on, so that the database (and with it the grants) is
// dropped first.
class ScratchRole {
public:
    ScratchRole();
    ~ScratchRole();
    ScratchRole(const ScratchRole&) = delete;
    ScratchRole& operator=(const ScratchRole&) = delete;

    const std::string& name() const { return name_; }

private:
    std::string name_;
};

}  // namespace pgpm::ledger::test
