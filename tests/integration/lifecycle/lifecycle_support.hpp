#pragma once

// What the lifecycle tests share: a workspace written file by file, the real `pgpm` run in it
// against a database of the test's own, and the ledger and catalog read back directly.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "integration/db/test_server.hpp"
#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing::lifecycle {

// Plan lines with a fixed time and planner (neither matters to deploy).
std::string change_line(const std::string& name, const std::vector<std::string>& required = {},
                        const std::string& note = "");
std::string tag_line(const std::string& name);

// A workspace (`pgpm.json` with `packages/*`) in a temporary folder, and an empty database.
class LifecycleTest : public ::testing::Test {
protected:
    LifecycleTest();

    // packages/<name>: its control file with `requires` (a comma list, may be empty) and its plan.
    void write_module(const std::string& name, const std::string& required,
                      const std::vector<std::string>& plan_lines) const;
    // The deploy, revert and verify scripts of one change.
    void write_change(const std::string& module, const std::string& change,
                      const std::string& deploy, const std::string& revert,
                      const std::string& verify) const;
    // A change that creates `table` (optionally schema-qualified), drops it on revert and
    // selects from it to verify.
    void write_table_change(const std::string& module, const std::string& change,
                            const std::string& table) const;
    std::string read(const std::string& relative) const;

    // `pgpm -d <the test's database> ARGS` at the workspace root.
    ProcessResult pgpm(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& environment = {}) const;
    // `pgpm ARGS` at the workspace root, for tests that name another database or none.
    ProcessResult pgpm_raw(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& environment = {}) const;

    // A session on the test's database, opened on first use and kept.
    db::Connection& connection();

    TestTree dir;
    db::test::ScratchDatabase database;

private:
    std::optional<db::Connection> connection_;
};

// Every row of `sql` (run with `params`), its columns joined by one space, NULL as "NULL".
// Throws with the server's message, which gtest reports as the test's failure.
std::vector<std::string> rows(db::Connection& connection, const std::string& sql,
                              const std::vector<std::optional<std::string>>& params = {});
std::string scalar(db::Connection& connection, const std::string& sql,
                   const std::vector<std::optional<std::string>>& params = {});

// The ledger's tables exist (status and verify must never create them).
bool ledger_exists(db::Connection& connection);
// The deployed changes of `package`, in deploy order; empty without a ledger.
std::vector<std::string> deployed_changes(db::Connection& connection, const std::string& package);
// `tag change` for every tags row of `package`, by tag name; empty without a ledger.
std::vector<std::string> ledger_tags(db::Connection& connection, const std::string& package);
// The deploy and revert events of every package in the order they were written, as
// `deploy app:c` or, for a failure, `deploy app:c 42P01`; empty without a ledger.
std::vector<std::string> deploy_and_revert_events(db::Connection& connection);
// How many events of `event_type` for `package` there are, and how many of them failed.
int count_events(db::Connection& connection, const std::string& event_type,
                 const std::string& package, bool failed_only = false);
bool relation_exists(db::Connection& connection, const std::string& qualified_name);

// The changes row of `package`:`change` is what a deploy of the module folder's current deploy
// script writes: script_hash from the file's bytes, change_id from it (SPEC §2), deployed_by the
// session user, and exactly `required` as its dependencies rows.
::testing::AssertionResult recorded(db::Connection& connection, const TestTree& dir,
                                    const std::string& package, const std::string& change,
                                    std::vector<std::string> required);

// Wording checks print the whole stderr on failure.
::testing::AssertionResult mentions(const std::string& text, const std::string& fragment);
// One line of `text` holds every fragment (a warning about a given file or change).
::testing::AssertionResult mentions_on_one_line(const std::string& text,
                                                const std::vector<std::string>& fragments);

}  // namespace pgpm::testing::lifecycle
