#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

// The ctest fixture's server (PGPM_SERVER_DIR), put into the PG* variables before any test runs
// (a gtest environment), and throw-away databases on it.
namespace pgpm::db::test {

// Every row of `sql` (run with `params`), its columns joined by one space, NULL as "NULL".
// Throws with the server's message, which gtest reports as the test's failure.
std::vector<std::string> rows(Connection& connection, const std::string& sql,
                              const std::vector<std::optional<std::string_view>>& params = {});

// Opens `target` or throws with libpq's message, which gtest reports as the test's failure.
Connection connect(const std::string& target);

// A database of its own for one test, so that tests can run in parallel; dropped at the end,
// sessions still on it included.
class ScratchDatabase {
public:
    ScratchDatabase();
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& name() const { return name_; }
    Connection connect() const { return test::connect(name_); }

private:
    std::string name_;
};

}  // namespace pgpm::db::test
