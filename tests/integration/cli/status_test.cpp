// `pgpm status` and `pgpm migrate status` run as a user runs them, against a database of the
// test's own on the fixture server, whose ledger the test writes as a deploy would have.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "integration/db/test_server.hpp"
#include "ledger/hash.hpp"
#include "ledger/record.hpp"
#include "ledger/schema.hpp"
#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing {
namespace {

using db::test::ScratchDatabase;

constexpr auto kDeployA = "CREATE TABLE a (id int);\n";

std::vector<std::string> strings(const YAML::Node& node) {
    std::vector<std::string> items;
    for (const auto& item : node)
        items.push_back(item.as<std::string>());
    return items;
}

// Module `app` (changes a, b @v1, c) in a workspace, and a database without a ledger.
class StatusTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir.write("pgpm.json", R"({"packages": ["packages/*"]})");
        dir.write("packages/app/app.control", "requires = ''\n");
        dir.write("packages/app/pgpm.plan",
                  "%syntax-version=1.0.0\n%project=app\n\n"
                  "a 2024-01-01T00:00:00Z J <j@x>\n"
                  "b [a] 2024-01-02T00:00:00Z J <j@x>\n"
                  "@v1 2024-01-03T00:00:00Z J <j@x>\n"
                  "c [b] 2024-01-04T00:00:00Z J <j@x>\n");
        dir.write("packages/app/deploy/a.sql", kDeployA);
        dir.write("packages/app/deploy/b.sql", "CREATE TABLE b (id int);\n");
        dir.write("packages/app/deploy/c.sql", "CREATE TABLE c (id int);\n");
    }

    // a as deployed, b deployed from a since edited file, and `gone`, no longer planned.
    void record_deploys() {
        auto connection = database.connect();
        auto ensured = ledger::ensure_ledger(connection);
        ASSERT_TRUE(ensured) << ensured.error().message;
        for (const auto& [change, bytes] :
             {std::pair{"a", kDeployA}, std::pair{"b", "CREATE TABLE b ();\n"},
              std::pair{"gone", "SELECT 1;\n"}}) {
            auto recorded =
                ledger::record_deploy(connection, "app", change, ledger::script_hash(bytes), {});
            ASSERT_TRUE(recorded) << recorded.error().message;
        }
        auto synced = ledger::sync_tags(connection, ensured->shape, "app", {{"v1", "b"}});
        ASSERT_TRUE(synced) << synced.error().message;
    }

    ProcessResult pgpm(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& environment = {}) {
        auto full = environment;
        full.emplace("NO_COLOR", "1");
        return run_process(PGPM_EXECUTABLE, args, dir.root(), full);
    }

    TestTree dir;
    ScratchDatabase database;
};

TEST_F(StatusTest, JsonReportsDeployedPendingDriftedAndOrphaned) {
    record_deploys();
    const auto result = pgpm({"status", "app", "-d", database.name(), "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = YAML::Load(result.out);
    EXPECT_EQ(json["version"].as<int>(), 1);
    EXPECT_EQ(json["database"].as<std::string>(), database.name());
    ASSERT_EQ(json["modules"].size(), 1U);
    const auto module = json["modules"][0];
    EXPECT_EQ(module["name"].as<std::string>(), "app");
    EXPECT_EQ(module["deployed"].as<int>(), 2);
    EXPECT_EQ(module["pending"].as<int>(), 1);
    EXPECT_EQ(module["last_change"].as<std::string>(), "b");
    EXPECT_FALSE(module["last_deployed_at"].as<std::string>().empty());
    EXPECT_EQ(module["current_tag"].as<std::string>(), "v1");
    EXPECT_EQ(strings(module["pending_changes"]), std::vector<std::string>{"c"});
    EXPECT_EQ(strings(module["drifted"]), std::vector<std::string>{"b"});
    EXPECT_EQ(strings(module["orphaned"]), std::vector<std::string>{"gone"});
    EXPECT_TRUE(strings(module["out_of_order"]).empty());
}

TEST_F(StatusTest, MigrateStatusPrintsOneBlockPerModule) {
    record_deploys();
    const auto result = pgpm({"migrate", "status", "--workspace", "-d", database.name()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("app: 2 deployed, 1 pending; last b ("), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("; tag @v1\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("  pending: c\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("  drifted: b "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("  orphaned: gone "), std::string::npos) << result.out;
}

TEST_F(StatusTest, PendingChangeBeforeADeployedOneIsOutOfOrder) {
    auto connection = database.connect();
    ASSERT_TRUE(ledger::ensure_ledger(connection));
    ASSERT_TRUE(ledger::record_deploy(connection, "app", "b", "h", {}));
    const auto result = pgpm({"status", "app", "-d", database.name(), "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(strings(YAML::Load(result.out)["modules"][0]["out_of_order"]),
              std::vector<std::string>{"a"});
}

TEST_F(StatusTest, WithoutLedgerEverythingIsPendingAndNoLedgerIsCreated) {
    const auto result = pgpm({"status", "app", "-d", database.name(), "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto module = YAML::Load(result.out)["modules"][0];
    EXPECT_EQ(module["deployed"].as<int>(), 0);
    EXPECT_EQ(strings(module["pending_changes"]), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(module["last_change"].IsNull());
    EXPECT_TRUE(module["current_tag"].IsNull());

    auto connection = database.connect();
    auto schemas = connection.exec("SELECT 1 FROM pg_namespace WHERE nspname = 'pgpm_migrate'");
    ASSERT_TRUE(schemas) << schemas.error().message;
    EXPECT_EQ(schemas->rows(), 0);
}

TEST_F(StatusTest, MissingDatabaseExits4WithCreatedbHint) {
    const auto result = pgpm({"status", "app", "-d", database.name() + "_missing"});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("does not exist"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("--createdb"), std::string::npos) << result.err;
}

TEST_F(StatusTest, UnreachableServerExits4SayingSo) {
    const auto result = pgpm({"status", "app", "-d", "host=/nonexistent dbname=x"});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("cannot reach the database server"), std::string::npos) << result.err;
}

TEST_F(StatusTest, NoTargetDatabaseIsAUsageError) {
    const auto result =
        pgpm({"status", "app"}, {{"PGPM_SERVER_DIR", ""}, {"PGDATABASE", ""}, {"PGSERVICE", ""}});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("PGDATABASE"), std::string::npos) << result.err;
}

TEST_F(StatusTest, EphemeralRunsAgainstAThrowAwayServer) {
    const auto result = pgpm({"status", "app", "--ephemeral", "--json"}, {{"PGPM_SERVER_DIR", ""}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = YAML::Load(result.out);
    EXPECT_EQ(json["database"].as<std::string>(), "postgres");
    EXPECT_EQ(json["modules"][0]["deployed"].as<int>(), 0);
}

TEST_F(StatusTest, InvalidPlanExits3WithDiagnostics) {
    dir.write("packages/app/pgpm.plan", "%project=app\n\n  a+ 2024\n");
    const auto result = pgpm({"status", "app", "-d", database.name()});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find("pgpm.plan:3:"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace pgpm::testing
