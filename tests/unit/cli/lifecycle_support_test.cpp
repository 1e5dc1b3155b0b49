// The command-line rules deploy and revert share.
#include "cli/lifecycle_support.hpp"

#include <gtest/gtest.h>

namespace pgpm::cli {
namespace {

TEST(ToShorthand, ModuleColonTagBecomesModuleAndTo) {
    TargetRequest request{.module = "app:@v1.0.0", .workspace = false};
    std::string to;
    ASSERT_TRUE(apply_to_shorthand(request, to));
    EXPECT_EQ(request.module, "app");
    EXPECT_EQ(to, "@v1.0.0");
}

TEST(ToShorthand, ModuleColonChangeKeepsSlashesOfNestedNames) {
    TargetRequest request{.module = "app:schemas/app/tables/users", .workspace = false};
    std::string to;
    ASSERT_TRUE(apply_to_shorthand(request, to));
    EXPECT_EQ(request.module, "app");
    EXPECT_EQ(to, "schemas/app/tables/users");
}

TEST(ToShorthand, PlainModuleIsLeftAlone) {
    TargetRequest request{.module = "app", .workspace = false};
    std::string to = "@v1";
    ASSERT_TRUE(apply_to_shorthand(request, to));
    EXPECT_EQ(request.module, "app");
    EXPECT_EQ(to, "@v1");
}

TEST(ToShorthand, TogetherWithToIsAUsageError) {
    TargetRequest request{.module = "app:@v1", .workspace = false};
    std::string to = "@v2";
    EXPECT_FALSE(apply_to_shorthand(request, to));
}

TEST(ToShorthand, EmptySidesAreUsageErrors) {
    for (const char* written : {"app:", ":@v1"}) {
        TargetRequest request{.module = written, .workspace = false};
        std::string to;
        EXPECT_FALSE(apply_to_shorthand(request, to)) << written;
    }
}

class NonTransactional : public ::testing::Test {
protected:
    void SetUp() override {
        auto parsed =
            plan::parse_plan("%project=app\n\nindex 2024-01-01T00:00:00Z J <j@x>\n", "pgpm.plan");
        ASSERT_TRUE(parsed.diagnostics.empty());
        module.name = "app";
        module.plan = std::move(parsed.plan);
        auto prepared =
            sql::prepare_script("-- é\nSELECT 1;\n  CREATE INDEX CONCURRENTLY i ON t (id);\n");
        ASSERT_TRUE(prepared.errors.empty());
        engine::ModuleRun step;
        step.module = &module;
        step.changes.push_back({.change = &module.plan.changes[0],
                                .script = {"deploy/index.sql", "hash", std::move(prepared.script)},
                                .required = {},
                                .tags_after = std::nullopt});
        plan.modules.push_back(std::move(step));
    }

    workspace::Module module;
    engine::RunPlan plan;
};

TEST_F(NonTransactional, AllowedUnderTxChange) {
    EXPECT_TRUE(non_transactional_refusals(plan, engine::TxMode::change).empty());
}

TEST_F(NonTransactional, RefusedUnderTxModuleAtTheStatement) {
    const auto refusals = non_transactional_refusals(plan, engine::TxMode::module);
    ASSERT_EQ(refusals.size(), 1U);
    EXPECT_EQ(refusals[0].where.file, "deploy/index.sql");
    EXPECT_EQ(refusals[0].where.line, 3);
    EXPECT_EQ(refusals[0].where.column, 3);
    EXPECT_NE(refusals[0].message.find("app:index"), std::string::npos);
    EXPECT_NE(refusals[0].message.find("--tx module"), std::string::npos);
}

TEST_F(NonTransactional, RefusedUnderTxAll) {
    EXPECT_EQ(non_transactional_refusals(plan, engine::TxMode::all).size(), 1U);
}

}  // namespace
}  // namespace pgpm::cli
