// record_deploy, record_revert, record_event and sync_tags, read back through read_ledger.
#include <gtest/gtest.h>

#include "db/transaction.hpp"
#include "ledger/hash.hpp"
#include "ledger/ledger.hpp"
#include "ledger/record.hpp"
#include "ledger/schema.hpp"
#include "ledger_test_support.hpp"
#include "test_server.hpp"

namespace pgpm::ledger {
namespace {

using db::test::ScratchDatabase;
using test::column;
using test::scalar;

// The original pgpm's rows for my-first and the first change of my-second (compat §4.4).
struct VectorRow {
    const char* package;
    const char* change;
    const char* script_hash;
    const char* change_id;
    std::vector<std::string> required;
};

const std::vector<VectorRow> kVector = {
    {"my-first",
     "schema_myfirstapp",
     "30b71bf5373e0ad12209d29dadd713a34f6d962fcf6c80bee9ea4d9911fdd621",
     "cd8029f2c740de39ded9ae18499d407b8525de639c10d749c5be7673c3e97c2b",
     {}},
    {"my-first",
     "table_users",
     "34b9b27a4bf57f077539fb3c647eeae4f22dab3d3cb11fe517bdf19d8e39df68",
     "74bb36c17bc370623b082e585a6374bf14c5a0bcf45977d60903f5599a45c2b0",
     {"my-first:schema_myfirstapp"}},
    {"my-first",
     "table_products",
     "5da003728642a3aa42bc9d0a14c766fe3cd3f66ddaf16e200cbceff1bf2c2889",
     "efb06007dc78d8cb79b93eb6747e1145fe275f7d858c74e7171ed63cad8ebe9a",
     {"my-first:schema_myfirstapp", "my-first:table_users"}},
    {"my-second",
     "create_schema",
     "258f1443897075ca75b89456fef0146c1bdf3e584ecd1e3cf002ba37d2264678",
     "b52a8a759d3df395b31885ee2e88a2ff7f57fa95c635cf0afd756eb148a4a5a0",
     {"my-first:table_users"}},
};

class LedgerRecord : public ::testing::Test {
protected:
    void SetUp() override {
        auto ensured = ensure_ledger(connection_);
        ASSERT_TRUE(ensured) << ensured.error().message;
        shape_ = ensured->shape;
    }

    void deploy_vector() {
        for (const auto& row : kVector) {
            auto id =
                record_deploy(connection_, row.package, row.change, row.script_hash, row.required);
            ASSERT_TRUE(id) << row.change << ": " << id.error().message;
            EXPECT_EQ(*id, row.change_id);
        }
    }

    LedgerSnapshot read() {
        auto snapshot = read_ledger(connection_);
        if (!snapshot) {
            throw std::runtime_error(snapshot.error().message);
        }
        return std::move(*snapshot);
    }

    ScratchDatabase database_;
    db::Connection connection_ = database_.connect();
    LedgerShape shape_;
};

TEST_F(LedgerRecord, DeployWritesTheOriginalsRows) {
    deploy_vector();
    const auto snapshot = read();
    EXPECT_EQ(snapshot.packages(), (std::vector<std::string>{"my-first", "my-second"}));
    const auto user = scalar(connection_, "SELECT current_user");
    std::size_t index = 0;
    for (const auto& deployed : snapshot.deployed_changes("my-first")) {
        const auto& row = kVector.at(index++);
        EXPECT_EQ(deployed.change_name, row.change);
        EXPECT_EQ(deployed.change_id, row.change_id);
        EXPECT_EQ(deployed.script_hash, row.script_hash);
        EXPECT_EQ(deployed.required, row.required);
        EXPECT_EQ(deployed.deployed_by, user);
    }
    EXPECT_EQ(index, 3u);
    EXPECT_TRUE(snapshot.is_deployed("my-second", "create_schema"));
    EXPECT_FALSE(snapshot.is_deployed("my-second", "schema_myfirstapp"));
    EXPECT_EQ(
        snapshot.dependents_of("my-first", "table_users"),
        (std::vector<ChangeRef>{{"my-first", "table_products"}, {"my-second", "create_schema"}}));
    EXPECT_TRUE(snapshot.dependents_of("my-second", "create_schema").empty());

    EXPECT_EQ(column(connection_,
                     "SELECT requires FROM pgpm_migrate.dependencies WHERE change_id = "
                     "'74bb36c17bc370623b082e585a6374bf14c5a0bcf45977d60903f5599a45c2b0'"),
              std::vector<std::string>{"my-first:schema_myfirstapp"});
    EXPECT_EQ(column(connection_,
                     "SELECT concat_ws('|', event_type, package, change_name, error_message, "
                     "error_code, performed_by = current_user) FROM pgpm_migrate.events "
                     "ORDER BY event_id"),
              (std::vector<std::string>{
                  "deploy|my-first|schema_myfirstapp|t", "deploy|my-first|table_users|t",
                  "deploy|my-first|table_products|t", "deploy|my-second|create_schema|t"}));
    EXPECT_EQ(scalar(connection_, "SELECT count(*) FROM pgpm_migrate.packages"), "2");
}

TEST_F(LedgerRecord, DuplicateRequiresCollapse) {
    ASSERT_TRUE(record_deploy(connection_, "p", "a", "hash-a", {}));
    ASSERT_TRUE(record_deploy(connection_, "p", "b", "hash-b", {"p:a", "p:a"}));
    EXPECT_EQ(read().find("p", "b")->required, std::vector<std::string>{"p:a"});
}

// The original pgpm may have written a same-package requirement without its package.
TEST_F(LedgerRecord, ARequirementWithoutPackageNamesOneOfTheSamePackage) {
    ASSERT_TRUE(record_deploy(connection_, "p", "a", "hash-a", {}));
    ASSERT_TRUE(record_deploy(connection_, "p", "b", "hash-b", {"a", "p:a"}));
    ASSERT_TRUE(record_deploy(connection_, "q", "c", "hash-c", {"a"}));
    const auto snapshot = read();
    EXPECT_EQ(snapshot.dependents_of("p", "a"), (std::vector<ChangeRef>{{"p", "b"}}));
    EXPECT_EQ(snapshot.dependents_of("q", "a"), (std::vector<ChangeRef>{{"q", "c"}}));
}

TEST_F(LedgerRecord, DeployingTwiceIsRefused) {
    ASSERT_TRUE(record_deploy(connection_, "p", "a", "hash-a", {}));
    auto again = record_deploy(connection_, "p", "a", "hash-a", {});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().sqlstate, "23505");
}

TEST_F(LedgerRecord, RevertCascadesDependenciesAndLogsAnEvent) {
    deploy_vector();
    auto reverted = record_revert(connection_, "my-second", "create_schema");
    ASSERT_TRUE(reverted) << reverted.error().message;
    EXPECT_TRUE(*reverted);
    auto snapshot = read();
    EXPECT_FALSE(snapshot.is_deployed("my-second", "create_schema"));
    EXPECT_EQ(snapshot.dependents_of("my-first", "table_users"),
              (std::vector<ChangeRef>{{"my-first", "table_products"}}));
    EXPECT_EQ(scalar(connection_,
                     "SELECT count(*) FROM pgpm_migrate.dependencies WHERE change_id = "
                     "'b52a8a759d3df395b31885ee2e88a2ff7f57fa95c635cf0afd756eb148a4a5a0'"),
              "0");
    EXPECT_EQ(scalar(connection_,
                     "SELECT concat_ws('|', event_type, package, change_name, error_code) FROM "
                     "pgpm_migrate.events ORDER BY event_id DESC LIMIT 1"),
              "revert|my-second|create_schema");
    EXPECT_EQ(scalar(connection_, "SELECT count(*) FROM pgpm_migrate.packages"), "2")
        << "packages rows are never deleted";

    auto again = record_revert(connection_, "my-second", "create_schema");
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again);
    EXPECT_EQ(scalar(connection_, "SELECT count(*) FROM pgpm_migrate.events"), "5");
}

TEST_F(LedgerRecord, FailureEventSurvivesTheRollback) {
    {
        auto transaction = db::Transaction::begin(connection_);
        ASSERT_TRUE(transaction);
        ASSERT_TRUE(record_deploy(connection_, "p", "a", "hash-a", {}));
        auto failed = connection_.exec("SELECT * FROM missing_table");
        ASSERT_FALSE(failed);
        ASSERT_TRUE(transaction->rollback());
        auto logged = record_event(connection_, EventType::deploy, "p", "a",
                                   EventFailure{failed.error().message, failed.error().sqlstate});
        ASSERT_TRUE(logged) << logged.error().message;
    }
    EXPECT_FALSE(read().is_deployed("p", "a"));
    EXPECT_EQ(scalar(connection_,
                     "SELECT concat_ws('|', event_type, package, change_name, error_message, "
                     "error_code) FROM pgpm_migrate.events"),
              "deploy|p|a|relation \"missing_table\" does not exist|42P01");
}

TEST_F(LedgerRecord, VerifyEventWithoutFailureHasNullErrors) {
    ASSERT_TRUE(record_event(connection_, EventType::verify, "p", "a", std::nullopt));
    EXPECT_EQ(scalar(connection_,
                     "SELECT concat_ws('|', event_type, error_message IS NULL, error_code IS "
                     "NULL) FROM pgpm_migrate.events"),
              "verify|t|t");
}

TEST_F(LedgerRecord, QuotesAndBackslashesAreStoredVerbatim) {
    const std::string package = "o'brien\\x";
    const std::string change = "it's \"quoted\" \\n";
    const std::string hash = "hash'\\";
    const std::vector<std::string> required = {"o'brien\\x:a,b}", "NULL", "x:\"y\"", ""};
    auto id = record_deploy(connection_, package, change, hash, required);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, change_id(package, change, hash));
    ASSERT_TRUE(sync_tags(connection_, shape_, package, {{"@v'1\\", change}}));

    auto snapshot = read();
    const auto* deployed = snapshot.find(package, change);
    ASSERT_NE(deployed, nullptr);
    EXPECT_EQ(deployed->script_hash, hash);
    EXPECT_EQ(deployed->required,
              (std::vector<std::string>{"", "NULL", "o'brien\\x:a,b}", "x:\"y\""}));
    ASSERT_EQ(snapshot.tags(package).size(), 1u);
    EXPECT_EQ(snapshot.tags(package)[0].tag_name, "@v'1\\");
    EXPECT_EQ(snapshot.tags(package)[0].change_name, change);
    EXPECT_EQ(snapshot.dependents_of(package, "a,b}"), (std::vector<ChangeRef>{{package, change}}));
    EXPECT_EQ(scalar(connection_, "SELECT count(*) FROM pgpm_migrate.dependencies"), "4");
}

TEST_F(LedgerRecord, SyncTagsMatchesTheDeployedChanges) {
    deploy_vector();
    ASSERT_TRUE(sync_tags(connection_, shape_, "my-first",
                          {{"v1.0.0", "table_users"}, {"v1.1.0", "table_products"}}));
    const auto first = read();
    const auto tags = first.tags("my-first");
    ASSERT_EQ(tags.size(), 2u);
    EXPECT_EQ(tags[0].tag_name, "v1.0.0");
    EXPECT_EQ(tags[0].change_name, "table_users");
    EXPECT_EQ(tags[0].tagged_by, scalar(connection_, "SELECT current_user"));
    EXPECT_EQ(tags[1].tag_name, "v1.1.0");
    const std::string v1_tagged_at = tags[0].tagged_at;

    // table_products reverted; a plan rewrite moved v1.0.0.
    ASSERT_TRUE(sync_tags(connection_, shape_, "my-first", {{"v1.0.0", "table_users"}}));
    auto second = read();
    ASSERT_EQ(second.tags("my-first").size(), 1u);
    EXPECT_EQ(second.tags("my-first")[0].tagged_at, v1_tagged_at) << "kept as tagged";

    ASSERT_TRUE(sync_tags(connection_, shape_, "my-first", {{"v1.0.0", "schema_myfirstapp"}}));
    auto third = read();
    ASSERT_EQ(third.tags("my-first").size(), 1u);
    EXPECT_EQ(third.tags("my-first")[0].change_name, "schema_myfirstapp");

    ASSERT_TRUE(sync_tags(connection_, shape_, "my-second", {{"v2.0.0", "create_schema"}}));
    ASSERT_TRUE(sync_tags(connection_, shape_, "my-first", {}));
    auto last = read();
    EXPECT_TRUE(last.tags("my-first").empty());
    EXPECT_EQ(last.tags("my-second").size(), 1u) << "other packages are left alone";
}

}  // namespace
}  // namespace pgpm::ledger
