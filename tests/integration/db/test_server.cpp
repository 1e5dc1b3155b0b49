#include "test_server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "server/embedded_server.hpp"

namespace pgpm::db::test {

namespace {

class FixtureServer : public ::testing::Environment {
public:
    void SetUp() override {
        const char* dir = std::getenv("PGPM_SERVER_DIR");
        ASSERT_NE(dir, nullptr) << "run through ctest: the fixture sets PGPM_SERVER_DIR";
        const auto env = server::read_env(dir);
        ASSERT_TRUE(env) << env.error().message;
        for (const auto name : server::kOverridingVariables) {
            unsetenv(std::string(name).c_str());
        }
        // The tests check that the session is named pgpm.
        unsetenv("PGAPPNAME");
        for (const auto& [name, value] : env->variables()) {
            setenv(name.c_str(), value.c_str(), 1);
        }
    }
};

[[maybe_unused]] const auto* const fixture_server =
    ::testing::AddGlobalTestEnvironment(new FixtureServer);

std::string unique_name() {
    static std::atomic<int> counter{0};
    std::random_device random;
    return "pgpm_db_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
           std::to_string(random() % 1000000);
}

}  // namespace

Connection connect(const std::string& target) {
    auto connection = Connection::open(target);
    if (!connection) {
        throw std::runtime_error("cannot connect: " + connection.error().message);
    }
    return std::move(*connection);
}

ScratchDatabase::ScratchDatabase() : name_(unique_name()) {
    auto created = test::connect("").exec("CREATE DATABASE " + name_);
    if (!created) {
        throw std::runtime_error("CREATE DATABASE " + name_ + ": " + created.error().message);
    }
}

ScratchDatabase::~ScratchDatabase() {
    auto maintenance = Connection::open("");
    if (!maintenance) {
        ADD_FAILURE() << "cannot drop " << name_ << ": " << maintenance.error().message;
        return;
    }
    auto dropped = maintenance->exec("DROP DATABASE " + name_ + " WITH (FORCE)");
    EXPECT_TRUE(dropped) << dropped.error().message;
}

std::vector<std::string> rows(Connection& connection, const std::string& sql,
                              const std::vector<std::optional<std::string_view>>& params) {
    auto result = connection.exec_params(sql, params);
    if (!result)
        throw std::runtime_error(sql + ": " + result.error().message);
    std::vector<std::string> out;
    for (int row = 0; row < result->rows(); ++row) {
        std::string line;
        for (int column = 0; column < result->columns(); ++column) {
            if (column > 0)
                line += ' ';
            line += result->is_null(row, column) ? "NULL" : std::string(result->get(row, column));
        }
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace pgpm::db::test
