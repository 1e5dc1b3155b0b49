// A target database that does not exist: pgpm says so (exit 4) and how to fix it, and with
// --createdb makes it and deploys into it.
#include "lifecycle_support.hpp"

namespace pgpm::testing::lifecycle {
namespace {

class MissingDatabaseTest : public LifecycleTest {
protected:
    ~MissingDatabaseTest() override {
        auto maintenance = db::Connection::open("");
        if (!maintenance) {
            ADD_FAILURE() << "cannot drop " << missing << ": " << maintenance.error().message;
            return;
        }
        auto dropped = maintenance->exec("DROP DATABASE IF EXISTS " + missing + " WITH (FORCE)");
        EXPECT_TRUE(dropped) << dropped.error().message;
    }

    // Unique like the test's own database, which it is derived from.
    const std::string missing = database.name() + "_created";
};

TEST_F(MissingDatabaseTest, Exits4WithCreatedbHintThenCreatedbDeploys) {
    write_module("app", "", {change_line("a")});
    write_table_change("app", "a", "a");

    auto result = pgpm_raw({"-d", missing, "deploy", "app"});
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_TRUE(mentions(result.err, missing));
    EXPECT_TRUE(mentions(result.err, "--createdb"));

    result = pgpm_raw({"-d", missing, "deploy", "app", "--createdb"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    {
        auto created = db::test::connect(missing);
        EXPECT_EQ(deployed_changes(created, "app"), std::vector<std::string>{"a"});
        EXPECT_TRUE(recorded(created, dir, "app", "a", {}));
        EXPECT_TRUE(relation_exists(created, "public.a"));
    }

    // --createdb with the database already there is no error: it is up to date.
    result = pgpm_raw({"-d", missing, "deploy", "app", "--createdb"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace pgpm::testing::lifecycle
